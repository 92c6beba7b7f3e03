import Foundation
import Observation
import Wellbeing

/// The app's state: the store, the home screen from the core's navigation model, the stack of
/// screens, and Help now, which is reachable from every screen and even when the store cannot
/// be opened.
@MainActor
@Observable
public final class AppModel {
    public enum Phase: Equatable, Sendable {
        case starting
        /// The store is open and home is drawn from `home`.
        case ready
        /// The store is open and the app lock is shut: only the lock screen (`lock`) and
        /// Help now are drawn until the core says it is unlocked.
        case locked
        /// The store could not be opened: the app shows Help now (crisis contacts, and the
        /// safety plan read-only when the file can still be read) and nothing else.
        case storeUnavailable
    }

    /// Every label the shell shows, from the core's content.
    public let text: ShellText
    public private(set) var phase: Phase = .starting
    public private(set) var home: HomeView?
    public var path: [Route] = []
    /// Help now over whatever screen is showing.
    public var showingHelpNow = false
    public private(set) var notice: ErrorNotice?
    /// The core's confirmation of what just happened to a flow (saved, kept, let go), shown
    /// on home until the next thing is opened.
    public private(set) var confirmation: String?
    /// Help now when there is no store (`phase == .storeUnavailable`).
    public private(set) var helpNowWithoutStoreView: SafetyHelpNow?

    public private(set) var store: WellbeingStore?
    /// The lock screen, while the store is open (drawn when `phase == .locked`).
    public private(set) var lock: LockModel?
    private var pendingReminder: [String: String]?
    let location: StoreLocation?
    let delivery: ReminderDelivery
    let vault: any StoreKeyVault
    let biometrics: any BiometricPrompting

    /// - Parameters:
    ///   - location: where the store lives; `nil` means the app's Application Support.
    ///   - notifications: where reminders are delivered (UserNotifications in the app).
    ///   - vault: where the store's key is kept (the Keychain in the app).
    ///   - biometrics: the biometric prompt (Face ID or Touch ID in the app).
    public init(location: StoreLocation? = nil, notifications: (any NotificationScheduling)? = nil,
                vault: (any StoreKeyVault)? = nil, biometrics: (any BiometricPrompting)? = nil) {
        text = shellText()
        self.location = location
        delivery = ReminderDelivery(scheduler: notifications ?? UserNotificationsScheduler())
        self.vault = vault ?? KeychainVault()
        self.biometrics = biometrics ?? DeviceBiometrics()
    }

    /// Opens the store and draws home; on failure, Help now without a store.
    public func start() async {
        guard phase == .starting else { return }
        let location: StoreLocation
        do {
            location = try self.location ?? StoreLocation.applicationSupport()
        } catch {
            await fallBackToHelpNow(path: nil)
            return
        }
        do {
            let vault = self.vault
            let opened = try await offMain { () -> WellbeingStore in
                try location.prepare()
                return try Self.openStore(at: location.fileURL.path, vault: vault)
            }
            store = opened
            let lock = LockModel(store: opened, vault: vault, biometrics: biometrics) { [weak self] in
                await self?.unlocked()
            }
            self.lock = lock
            // A cold start with the lock on starts locked (the core's rule).
            if try await offMain({ try opened.lockState() }).locked {
                phase = .locked
                await lock.refresh()
            } else {
                await unlocked()
            }
        } catch {
            await fallBackToHelpNow(path: location.fileURL.path)
        }
    }

    /// Opens the store as its file is: an encrypted one with the key the vault keeps (none
    /// kept: it cannot be opened here, and the caller falls back to Help now), a plain or new
    /// one without a key. The core reads which from the file's first bytes.
    nonisolated static func openStore(at path: String, vault: any StoreKeyVault) throws -> WellbeingStore {
        switch storeEncryption(path: path) {
        case .encrypted:
            guard let key = try vault.storedKey() else { throw WellbeingError.KeyRequired }
            return try WellbeingStore.openEncrypted(path: path, key: .raw(bytes: key))
        case .plain, .noStore:
            return try WellbeingStore.open(path: path)
        }
    }

    /// The lock let go (or was never shut): home, reminders, and a reminder tapped meanwhile.
    func unlocked() async {
        phase = .ready
        await refreshHome()
        await rescheduleReminders()
        await openPendingReminder()
    }

    /// The app left the screen: the core starts counting the minutes before it locks.
    public func wentToBackground() {
        store?.appWentToBackground()
    }

    /// The app came to the front: locked when the core says it has been away long enough;
    /// else the day may have changed, and reminders follow the core.
    public func becameActive() async {
        guard let store, phase == .ready || phase == .locked else { return }
        if let state = try? await offMain({ try store.appCameToForeground() }), state.locked {
            phase = .locked
            await lock?.refresh()
            return
        }
        guard phase == .ready else { return }
        await refreshHome()
        await rescheduleReminders()
    }

    public func refreshHome() async {
        guard let store else { return }
        do {
            home = try await offMain { try store.home() }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Opens what a menu entry, a reminder or a "next thing" asks for. The only decision here
    /// is which screen draws which `NavAction`; what is offered, and when, is the core's.
    public func open(_ action: NavAction, title: String) async {
        guard let store else {
            if case .helpNow = action { showingHelpNow = true }
            return
        }
        confirmation = nil
        do {
            switch action {
            case let .startTool(tool, subjectId):
                path.append(.flow(try await FlowModel.start(store: store, tool: tool, subjectId: subjectId)))
            case let .resumeFlow(flowId):
                path.append(.flow(try await FlowModel.resume(store: store, flowId: flowId)))
            case .helpNow:
                showingHelpNow = true
            case .week:
                path.append(.week(title: title))
            case let .history(tool):
                path.append(.history(RecordsModel(store: store, tool: tool), title: title))
            case .appointmentSummary:
                path.append(.appointmentSummary(title: title))
            case .conversation:
                path.append(.conversation(try await ConversationModel.begin(text: text)))
            case .openSafetyPlan:
                path.append(.safetyPlan(title: title))
            case .settings:
                path.append(.settings(title: title))
            }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// A flow screen finished (saved, kept for later or discarded): back to home, redrawn,
    /// since what is next or waiting has changed.
    public func flowFinished(_ flow: FlowModel) async {
        path.removeAll { $0 == .flow(flow) }
        switch flow.outcome {
        case .saved?: confirmation = text.saved
        case .keptForLater?: confirmation = text.savedForLater
        case .discarded?: confirmation = text.discarded
        case nil: confirmation = nil
        }
        await refreshHome()
        await rescheduleReminders()
    }

    /// A reminder notification was tapped. On a cold start the tap can arrive before the
    /// store is open; it waits until `start()` has opened it.
    public func openReminder(userInfo: [String: String]) {
        pendingReminder = userInfo
        Task { await openPendingReminder() }
    }

    private func openPendingReminder() async {
        guard phase == .ready, let info = pendingReminder, let store else { return }
        pendingReminder = nil
        let tools = await background { store.listTools().map(\.id) }
        guard let reminder = ReminderDelivery.action(from: info, tools: tools) else { return }
        path.removeAll()
        await open(reminder.action, title: reminder.title)
    }

    /// The Help now screen's content: the store's (with the person's own plan) when open.
    public func helpNow() async -> SafetyHelpNow {
        if let store, let view = try? await offMain({ try store.helpNow() }) {
            return view
        }
        if let view = helpNowWithoutStoreView {
            return view
        }
        let path = store?.databasePath()
        return await background { helpNowWithoutStore(dbPath: path) }
    }

    /// Changing a saved entry from its records: the walk-through again, filled in.
    public func edit(_ row: RecordRow, in records: RecordsModel) async {
        if let flow = await records.edit(row) {
            path.append(.flow(flow))
        }
    }

    public func rescheduleReminders() async {
        guard let store else { return }
        await delivery.reschedule(from: store)
    }

    private func fallBackToHelpNow(path: String?) async {
        helpNowWithoutStoreView = await background { helpNowWithoutStore(dbPath: path) }
        phase = .storeUnavailable
    }
}

