import CompanionModels
import SwiftUI
import UserNotifications

/// The app: one `AppModel` for the whole process, opened on launch, and the notification
/// delegate that turns a tapped reminder into the core's `NavAction`.
@main
struct WellbeingCompanionApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @State private var model = AppModel()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootScreen()
                .environment(model)
                .task {
                    delegate.model = model
                    await model.start()
                }
                .onChange(of: scenePhase) { _, phase in
                    switch phase {
                    case .active: Task { await model.becameActive() }
                    // The core counts the minutes away from here (the app lock's rule).
                    case .background: model.wentToBackground()
                    case .inactive: break
                    @unknown default: break
                    }
                }
        }
    }
}

/// UserNotifications needs a delegate that exists before the first notification is handled,
/// so it lives on the application delegate rather than in a view.
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    @MainActor var model: AppModel?

    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        return true
    }

    func userNotificationCenter(_ center: UNUserNotificationCenter, willPresent notification: UNNotification) async
        -> UNNotificationPresentationOptions {
        [.banner, .list]
    }

    func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse) async {
        let info = ReminderDelivery.strings(response.notification.request.content.userInfo)
        await MainActor.run {
            model?.openReminder(userInfo: info)
        }
    }
}
