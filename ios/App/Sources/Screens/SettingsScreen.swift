import CompanionModels
import SwiftUI
import Wellbeing

/// Settings: the daily check-in reminder's time (or off), and the reminders the core has
/// scheduled for the coming days, each as the core words it.
struct SettingsScreen: View {
    @Environment(AppModel.self) private var model
    let title: String
    @State private var settings: SettingsModel? = nil

    var body: some View {
        List {
            if let settings, let current = settings.settings {
                Section {
                    DatePicker(model.text.remindersCheckInAt,
                               selection: Binding(
                                   get: { current.checkInTime.flatMap(ReminderClock.date(from:)) ?? Date() },
                                   set: { picked in Task { await settings.setCheckInTime(picked) } }),
                               displayedComponents: .hourAndMinute)
                    if current.checkInTime != nil {
                        Button(model.text.remindersCheckInOff, role: .destructive) {
                            Task { await settings.setCheckInTime(nil) }
                        }
                    }
                } header: {
                    Text(model.text.remindersTitle)
                }
                Section {
                    if settings.upcoming.isEmpty {
                        Text(model.text.remindersNone).foregroundStyle(.secondary)
                    }
                    ForEach(settings.upcoming, id: \.id) { reminder in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(reminder.title).font(.headline)
                            Text(reminder.body).font(.subheadline)
                            Text(reminder.localTime).font(.footnote).foregroundStyle(.secondary)
                        }
                    }
                }
                if settings.notice != nil {
                    ErrorNoticeView(notice: settings.notice)
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
        .task {
            if settings == nil { settings = SettingsModel(app: model) }
            await settings?.load()
        }
    }
}
