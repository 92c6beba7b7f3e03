import CompanionModels
import SwiftUI
import Wellbeing

/// The app's one window: home and the screens it opens, the lock screen while the core says
/// the app is locked, or Help now alone when the store cannot be opened. Help now is a sheet
/// over any of them, one tap from each, the lock screen included.
struct RootScreen: View {
    @Environment(AppModel.self) private var model

    var body: some View {
        @Bindable var model = model
        Group {
            switch model.phase {
            case .starting:
                ProgressView()
            case .ready:
                NavigationStack(path: $model.path) {
                    HomeScreen()
                        .navigationDestination(for: Route.self) { route in
                            RouteScreen(route: route)
                        }
                }
            case .locked:
                NavigationStack {
                    if let lock = model.lock {
                        LockScreenView(lock: lock)
                    }
                }
            case .storeUnavailable:
                NavigationStack {
                    if let content = model.helpNowWithoutStoreView {
                        HelpNowScreen(content: content)
                    }
                }
            }
        }
        .sheet(isPresented: $model.showingHelpNow) {
            NavigationStack {
                HelpNowSheet()
            }
        }
    }
}

/// Which screen draws which route.
struct RouteScreen: View {
    let route: Route

    var body: some View {
        switch route {
        case let .flow(flow):
            FlowScreen(flow: flow)
        case let .week(title):
            WeekScreen(title: title)
        case let .history(records, title):
            HistoryScreen(records: records, title: title)
        case let .appointmentSummary(title):
            AppointmentSummaryScreen(title: title)
        case let .conversation(conversation):
            ConversationScreen(conversation: conversation)
        case let .safetyPlan(title):
            SafetyPlanScreen(title: title)
        case let .settings(title):
            SettingsScreen(title: title)
        }
    }
}

/// Help now over the current screen: the store's view (with the person's plan), loaded when
/// the sheet opens.
struct HelpNowSheet: View {
    @Environment(AppModel.self) private var model
    @Environment(\.dismiss) private var dismiss
    @State private var content: SafetyHelpNow? = nil

    var body: some View {
        Group {
            if let content {
                HelpNowScreen(content: content)
            } else {
                ProgressView()
            }
        }
        .toolbar {
            ToolbarItem(placement: .confirmationAction) {
                Button(model.text.done) { dismiss() }
            }
        }
        .task { content = await model.helpNow() }
    }
}

/// The Help now button every screen carries in its toolbar.
struct HelpNowToolbar: ViewModifier {
    @Environment(AppModel.self) private var model

    func body(content: Content) -> some View {
        content.toolbar {
            ToolbarItem(placement: .topBarTrailing) {
                Button {
                    model.showingHelpNow = true
                } label: {
                    Label(model.text.helpNow, systemImage: "lifepreserver")
                        .labelStyle(.titleAndIcon)
                }
                .tint(.red)
                .accessibilityIdentifier("help-now")
            }
        }
    }
}

extension View {
    func helpNowToolbar() -> some View { modifier(HelpNowToolbar()) }
}
