import CompanionModels
import SwiftUI
import Wellbeing

/// The lock screen, all of it the core's `LockScreen`: its title and line, the passcode field
/// (not during a wait), the biometric button when the core offers it and the device can
/// prompt, the tries left or the wait, and Help now, which never needs unlocking.
struct LockScreenView: View {
    @Environment(AppModel.self) private var model
    @Bindable var lock: LockModel
    @FocusState private var typing: Bool

    var body: some View {
        Form {
            if let screen = lock.screen {
                Section {
                    Text(screen.detail)
                }
                if screen.canTryPasscode {
                    Section {
                        SecureField(text: $lock.passcode) { Text(screen.passcodeLabel) }
                            .textContentType(.password)
                            .focused($typing)
                            .submitLabel(.go)
                            .onSubmit { Task { await lock.unlockWithPasscode() } }
                            .accessibilityIdentifier("lock-passcode")
                        Button(screen.unlockLabel) { Task { await lock.unlockWithPasscode() } }
                            .disabled(lock.passcode.isEmpty)
                            .accessibilityIdentifier("lock-unlock")
                    }
                }
                if let status = screen.status {
                    Section {
                        Text(status).foregroundStyle(.red).accessibilityIdentifier("lock-status")
                    }
                }
                if let biometric = lock.biometricLabel {
                    Section {
                        Button {
                            Task { await lock.unlockWithBiometrics() }
                        } label: {
                            Label(biometric, systemImage: "faceid")
                        }
                        .accessibilityIdentifier("lock-biometric")
                    }
                }
            }
            if lock.notice != nil {
                ErrorNoticeView(notice: lock.notice)
            }
            Section {
                Button {
                    model.showingHelpNow = true
                } label: {
                    Label(model.text.helpNow, systemImage: "lifepreserver")
                        .font(.headline)
                }
                .tint(.red)
                .accessibilityIdentifier("help-now")
            }
        }
        .navigationTitle(lock.screen?.title ?? "")
        .task {
            await lock.refresh()
            typing = true
        }
        // During a wait the core says how long; look again when it is over.
        .task(id: lock.screen?.state.retryAfterSeconds) {
            guard let wait = lock.screen?.state.retryAfterSeconds, wait > 0 else { return }
            try? await Task.sleep(for: .seconds(Int(wait)))
            await lock.refresh()
        }
    }
}
