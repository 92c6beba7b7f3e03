import CompanionModels
import SwiftUI
import Wellbeing

/// Settings: the reminders the core has scheduled for the coming days, each as the core words
/// it, and the notification permission (iOS's own settings page).
struct SettingsScreen: View {
    let title: String

    var body: some View {
        LoadedContent(load: { try $0.upcomingReminders(days: 7) }) { reminders in
            List {
                ForEach(reminders, id: \.id) { reminder in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(reminder.title).font(.headline)
                        Text(reminder.body).font(.subheadline)
                        Text(reminder.localTime).font(.footnote).foregroundStyle(.secondary)
                    }
                }
                Section {
                    if let url = URL(string: UIApplication.openNotificationSettingsURLString) {
                        Link(destination: url) { Image(systemName: "bell.badge") }
                    }
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
    }
}
