import Foundation
import Observation
import Wellbeing

/// Reminder settings: the core keeps them and works out the schedule; this reads them,
/// changes the check-in time the person picks, and redelivers the core's new schedule.
@MainActor
@Observable
public final class SettingsModel {
    public private(set) var settings: ReminderSettings?
    public private(set) var upcoming: [Reminder] = []
    public private(set) var notice: ErrorNotice?

    let app: AppModel

    public init(app: AppModel) {
        self.app = app
    }

    public func load() async {
        guard let store = app.store else { return }
        do {
            settings = try await offMain { try store.reminderSettings() }
            upcoming = try await offMain { try store.upcomingReminders(days: ReminderDelivery.daysAhead) }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// The check-in reminder at the time picked, or off with `nil`.
    public func setCheckInTime(_ time: Date?) async {
        guard let store = app.store, var next = settings else { return }
        next.checkInTime = time.map(ReminderClock.text(from:))
        let changed = next
        do {
            settings = try await offMain { try store.setReminderSettings(settings: changed) }
            await app.rescheduleReminders()
            await load()
        } catch {
            notice = ErrorNotice(error)
        }
    }
}

/// The core's "HH:MM" local times and the `Date` a time picker works with.
public enum ReminderClock {
    private static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "HH:mm"
        return f
    }

    public static func text(from date: Date) -> String { formatter().string(from: date) }

    /// Today at that time, for the picker; nil when the text is not a time.
    public static func date(from text: String) -> Date? {
        guard let time = formatter().date(from: text) else { return nil }
        let parts = Calendar.current.dateComponents([.hour, .minute], from: time)
        return Calendar.current.date(bySettingHour: parts.hour ?? 0, minute: parts.minute ?? 0, second: 0, of: Date())
    }
}
