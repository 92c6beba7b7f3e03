import Foundation
import Wellbeing
#if canImport(UserNotifications)
import UserNotifications
#endif

/// One notification to deliver: the core's reminder as the platform needs it.
public struct ReminderRequest: Equatable, Sendable {
    public var identifier: String
    public var title: String
    public var body: String
    public var fireDate: Date
    /// What a tap opens, as plain keys and values (`NavActionCoding`).
    public var userInfo: [String: String]
}

/// Where reminders go: UserNotifications in the app, a recorder in tests.
public protocol NotificationScheduling: Sendable {
    func requestAuthorization() async -> Bool
    func pendingIdentifiers() async -> [String]
    func remove(identifiers: [String]) async
    func add(_ request: ReminderRequest) async throws
}

/// Delivers the core's reminder schedule. The core decides every reminder (the daily check-in
/// at the chosen time, measures when due, a review on its date, quiet days, "not today"); this
/// only mirrors `upcomingReminders(days:)` into the notification centre, replacing what was
/// scheduled before, and turns a tapped one back into its `NavAction`.
public final class ReminderDelivery: Sendable {
    /// Identifiers of this app's reminders start with this, so others are never touched.
    static let identifierPrefix = "wellbeing.reminder."
    /// How far ahead to schedule; iOS keeps at most 64 pending notifications per app, and the
    /// schedule is redone every time the app comes to the front.
    static let daysAhead: UInt32 = 7

    let scheduler: any NotificationScheduling

    public init(scheduler: any NotificationScheduling) {
        self.scheduler = scheduler
    }

    /// Replaces the scheduled reminders with the core's current ones.
    func reschedule(from store: WellbeingStore) async {
        guard let reminders = try? await offMain({ try store.upcomingReminders(days: ReminderDelivery.daysAhead) }) else { return }
        await deliver(reminders)
    }

    func deliver(_ reminders: [Reminder]) async {
        let requests = reminders.map(Self.request(for:))
        let ours = await scheduler.pendingIdentifiers().filter { $0.hasPrefix(Self.identifierPrefix) }
        await scheduler.remove(identifiers: ours)
        guard !requests.isEmpty, await scheduler.requestAuthorization() else { return }
        for request in requests {
            try? await scheduler.add(request)
        }
    }

    static func request(for reminder: Reminder) -> ReminderRequest {
        var info = NavActionCoding.encode(reminder.action)
        info[NavActionCoding.titleKey] = reminder.title
        return ReminderRequest(identifier: identifierPrefix + reminder.id,
                               title: reminder.title,
                               body: reminder.body,
                               fireDate: Date(timeIntervalSince1970: TimeInterval(reminder.atUtcMs) / TimeInterval(msPerSecond)),
                               userInfo: info)
    }

    /// Milliseconds in a second, for the core's `at_utc_ms`.
    static let msPerSecond: Int64 = 1000

    /// A notification's user info as the plain strings this app put there.
    public static func strings(_ userInfo: [AnyHashable: Any]) -> [String: String] {
        var info: [String: String] = [:]
        for (key, value) in userInfo {
            if let key = key as? String, let value = value as? String { info[key] = value }
        }
        return info
    }

    /// The action and title of a tapped reminder, or nil if it is not one of ours.
    static func action(from info: [String: String], tools: [ToolId]) -> (action: NavAction, title: String)? {
        guard let action = NavActionCoding.decode(info, tools: tools) else { return nil }
        return (action, info[NavActionCoding.titleKey] ?? "")
    }
}

/// A `NavAction` as string keys and values, so a notification can carry it across an app
/// restart. Tool ids are written by name and read back against the core's own tool list,
/// so no list of tools is kept here.
enum NavActionCoding {
    static let actionKey = "action"
    static let toolKey = "tool"
    static let subjectKey = "subject"
    static let flowKey = "flow"
    static let titleKey = "title"

    static func encode(_ action: NavAction) -> [String: String] {
        switch action {
        case let .startTool(tool, subjectId):
            var info = [actionKey: "startTool", toolKey: String(describing: tool)]
            info[subjectKey] = subjectId
            return info
        case let .resumeFlow(flowId): return [actionKey: "resumeFlow", flowKey: flowId]
        case .helpNow: return [actionKey: "helpNow"]
        case .week: return [actionKey: "week"]
        case let .history(tool): return [actionKey: "history", toolKey: String(describing: tool)]
        case .appointmentSummary: return [actionKey: "appointmentSummary"]
        case .conversation: return [actionKey: "conversation"]
        case .openSafetyPlan: return [actionKey: "openSafetyPlan"]
        case .settings: return [actionKey: "settings"]
        }
    }

    static func decode(_ info: [String: String], tools: [ToolId]) -> NavAction? {
        let tool = info[toolKey].flatMap { name in tools.first { String(describing: $0) == name } }
        switch info[actionKey] {
        case "startTool": return tool.map { .startTool(tool: $0, subjectId: info[subjectKey]) }
        case "resumeFlow": return info[flowKey].map { .resumeFlow(flowId: $0) }
        case "helpNow": return .helpNow
        case "week": return .week
        case "history": return tool.map { .history(tool: $0) }
        case "appointmentSummary": return .appointmentSummary
        case "conversation": return .conversation
        case "openSafetyPlan": return .openSafetyPlan
        case "settings": return .settings
        default: return nil
        }
    }
}

#if canImport(UserNotifications)
/// UserNotifications: one calendar-free time trigger per reminder at the core's instant.
public struct UserNotificationsScheduler: NotificationScheduling {
    public init() {}

    public func requestAuthorization() async -> Bool {
        (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])) ?? false
    }

    public func pendingIdentifiers() async -> [String] {
        await UNUserNotificationCenter.current().pendingNotificationRequests().map(\.identifier)
    }

    public func remove(identifiers: [String]) async {
        UNUserNotificationCenter.current().removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    public func add(_ request: ReminderRequest) async throws {
        let content = UNMutableNotificationContent()
        content.title = request.title
        content.body = request.body
        content.userInfo = request.userInfo
        content.sound = .default
        let seconds = request.fireDate.timeIntervalSinceNow
        guard seconds > 0 else { return }
        let trigger = UNTimeIntervalNotificationTrigger(timeInterval: seconds, repeats: false)
        try await UNUserNotificationCenter.current().add(UNNotificationRequest(identifier: request.identifier, content: content, trigger: trigger))
    }
}
#endif
