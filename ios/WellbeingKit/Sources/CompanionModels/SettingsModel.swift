import Foundation
import Observation
import Wellbeing

/// The settings screen: who the app is set up for, the app lock, encryption (the core's
/// `settingsView()`: its words, its choices, the store's state) and the reminders (the core
/// keeps them and works out the schedule; this redelivers the core's new schedule).
///
/// Every change goes through the core's own call (`setProfile`, `setLockSettings`,
/// `changeStoreKey`, `setReminderSettings`) and the screen is then read again from the core,
/// so what is drawn is always what is stored.
@MainActor
@Observable
public final class SettingsModel {
    public private(set) var view: SettingsView?
    public private(set) var settings: ReminderSettings?
    public private(set) var upcoming: [Reminder] = []
    public private(set) var notice: ErrorNotice?
    /// The lock's settings as being edited, until saved (the passcode never comes back from
    /// the core; it is sent once and cleared).
    public var lockDraft: LockSettingsInput?
    public private(set) var busy = false

    let app: AppModel

    public init(app: AppModel) {
        self.app = app
    }

    public func load() async {
        guard let store = app.store else { return }
        do {
            let view = try await offMain { try store.settingsView() }
            self.view = view
            lockDraft = LockSettingsInput(enabled: view.lock.enabled, backgroundMinutes: view.lock.backgroundMinutes,
                                          newPasscode: nil, biometricAllowed: view.lock.biometricAllowed)
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

extension SettingsModel {
    /// Sets who the app is set up for, as one of the core's choices; Help now, the safety
    /// notice and the tools' names follow (home is redrawn).
    public func choose(_ choice: ProfileChoice) async {
        guard let store = app.store else { return }
        let profile = choice.profile
        await change { _ = try await offMain { try store.setProfile(profile: profile) } }
        await app.refreshHome()
    }

    /// Saves the lock as edited in `lockDraft`. The core refuses turning it on with no
    /// passcode (`InvalidInput` on "passcode", shown by the field) and a passcode out of its
    /// length; the draft is kept so nothing typed is lost, but the passcode is cleared.
    public func saveLock() async {
        guard let store = app.store, let input = lockDraft else { return }
        lockDraft?.newPasscode = nil
        await change { _ = try await offMain { try store.setLockSettings(input: input) } }
    }

    /// Turns encryption on (a new key into the vault first, then the core rewrites the store
    /// under it) or off (the core rewrites it plain, then the key is forgotten). Killed at any
    /// moment, the store opens: with the old key or the new one (the core's rule), and a key
    /// kept for a store that stayed plain is never used.
    public func setEncryption(on: Bool) async {
        guard let store = app.store else { return }
        let vault = app.vault
        await change {
            try await offMain {
                if on {
                    // Never replace a key an encrypted store still needs.
                    guard !store.isEncrypted() else { return }
                    let key = try newStoreKey()
                    try vault.keep(key)
                    do {
                        try store.changeStoreKey(newKey: .raw(bytes: key))
                    } catch {
                        try? vault.forget()
                        throw error
                    }
                } else {
                    guard store.isEncrypted() else { return }
                    try store.changeStoreKey(newKey: nil)
                    try vault.forget()
                }
            }
        }
    }

    /// One change through the core, then the screen read again from the core.
    private func change(_ work: () async throws -> Void) async {
        busy = true
        defer { busy = false }
        do {
            try await work()
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
