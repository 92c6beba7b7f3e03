import CompanionModels
import SwiftUI
import Wellbeing

/// Settings, drawn from the core's `SettingsView` and reminder settings: who the app is set
/// up for (the core's choices), the app lock (on or off, after how long, a new passcode,
/// Face ID or Touch ID), encryption (on or off, as the core offers it for this store), then
/// the daily check-in reminder's time (or off) and the reminders the core has scheduled.
struct SettingsScreen: View {
    @Environment(AppModel.self) private var model
    let title: String
    @State private var settings: SettingsModel? = nil

    var body: some View {
        List {
            if let settings, let view = settings.view {
                ProfileSection(settings: settings, view: view)
                LockSection(settings: settings, view: view)
                EncryptionSection(settings: settings, view: view)
            }
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
            }
            // The person's mistakes are shown by their field (the lock's passcode); this is
            // for the rest.
            if let settings, settings.notice == .unexpected {
                ErrorNoticeView(notice: settings.notice)
            }
        }
        .navigationTitle(settings?.view?.title ?? title)
        .disabled(settings?.busy ?? false)
        .helpNowToolbar()
        .task {
            if settings == nil { settings = SettingsModel(app: model) }
            await settings?.load()
        }
    }
}

/// Adult, or a young person of an age band: the core's choices, the chosen one ticked, and
/// what a young person's profile changes while one is chosen.
struct ProfileSection: View {
    let settings: SettingsModel
    let view: SettingsView

    var body: some View {
        Section {
            ForEach(Array(view.profileChoices.enumerated()), id: \.offset) { _, choice in
                Button {
                    Task { await settings.choose(choice) }
                } label: {
                    HStack {
                        Text(choice.label).foregroundStyle(Color.primary)
                        Spacer()
                        if choice.chosen {
                            Image(systemName: "checkmark").foregroundStyle(Color.accentColor).accessibilityHidden(true)
                        }
                    }
                }
                .accessibilityAddTraits(choice.chosen ? .isSelected : [])
            }
        } header: {
            Text(view.profileHeading)
        } footer: {
            if let note = view.profileNote { Text(note) }
        }
    }
}

/// The app lock as the core keeps it; changes are saved together with the core's button.
struct LockSection: View {
    @Bindable var settings: SettingsModel
    let view: SettingsView

    var body: some View {
        if settings.lockDraft != nil {
            Section {
                Toggle(view.lockOnLabel, isOn: draft(\.enabled, default: false))
                Picker(view.lockAfterLabel, selection: draft(\.backgroundMinutes, default: 0)) {
                    ForEach(view.lockAfterChoices, id: \.minutes) { choice in
                        Text(choice.label).tag(choice.minutes)
                    }
                }
                SecureField(text: passcode) { Text(view.passcodeLabel) }
                    .textContentType(.newPassword)
                    .accessibilityIdentifier("settings-passcode")
                Toggle(view.biometricLabel, isOn: draft(\.biometricAllowed, default: false))
                Button(view.lockSaveLabel) { Task { await settings.saveLock() } }
                    .accessibilityIdentifier("settings-lock-save")
                if case let .field(_, reason, _)? = settings.notice {
                    Text(reason).foregroundStyle(.red)
                }
            } header: {
                Text(view.lockHeading)
            } footer: {
                VStack(alignment: .leading, spacing: 4) {
                    Text(view.lockDetail)
                    Text(view.passcodeHint)
                }
            }
        }
    }

    private func draft<T>(_ field: WritableKeyPath<LockSettingsInput, T>, default fallback: T) -> Binding<T> {
        Binding(get: { settings.lockDraft?[keyPath: field] ?? fallback },
                set: { settings.lockDraft?[keyPath: field] = $0 })
    }

    private var passcode: Binding<String> {
        Binding(get: { settings.lockDraft?.newPasscode ?? "" },
                set: { settings.lockDraft?.newPasscode = $0.isEmpty ? nil : $0 })
    }
}

/// Whether the records are encrypted, and the one button the core offers for this store.
struct EncryptionSection: View {
    let settings: SettingsModel
    let view: SettingsView

    var body: some View {
        Section {
            Label(view.encryptionLine, systemImage: view.encrypted ? "lock.fill" : "lock.open")
            if let on = view.encryptionTurnOnLabel {
                Button(on) { Task { await settings.setEncryption(on: true) } }
                    .accessibilityIdentifier("settings-encrypt")
            }
            if let off = view.encryptionTurnOffLabel {
                Button(off, role: .destructive) { Task { await settings.setEncryption(on: false) } }
            }
        } header: {
            Text(view.encryptionHeading)
        } footer: {
            Text(view.encryptionDetail)
        }
    }
}
