import Foundation
import Observation
import Wellbeing
#if canImport(LocalAuthentication)
import LocalAuthentication
#endif

/// The platform's biometric prompt: Face ID or Touch ID in the app, a stand-in in tests.
public protocol BiometricPrompting: Sendable {
    /// Whether the device can show the prompt at all (enrolled, not locked out).
    func isAvailable() -> Bool
    /// Shows the prompt with the core's `reason`; true when the person passed it.
    func authenticate(reason: String) async -> Bool
}

#if canImport(LocalAuthentication)
/// LocalAuthentication's biometric policy (no fallback to the device passcode: the app's own
/// passcode is the fallback, and it is always set when the lock is on).
public struct DeviceBiometrics: BiometricPrompting {
    public init() {}

    public func isAvailable() -> Bool {
        var error: NSError?
        return LAContext().canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &error)
    }

    public func authenticate(reason: String) async -> Bool {
        let context = LAContext()
        return (try? await context.evaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, localizedReason: reason)) ?? false
    }
}
#endif

/// The lock screen: the core's `lockScreen()` (its words, the tries left, the wait), the
/// passcode being typed, and the biometric unlock. The core holds the lock's state and rules;
/// a passcode is checked by the core (`unlockWithPasscode`), and the biometric prompt only
/// releases the store's key from the Keychain for the core to check (`unlockWithKey`).
/// Help now stays one tap away while locked (`state.helpNowAvailable`).
@MainActor
@Observable
public final class LockModel {
    public private(set) var screen: LockScreen?
    /// What is being typed; cleared after every try, never kept or logged.
    public var passcode = ""
    public private(set) var notice: ErrorNotice?

    let store: WellbeingStore
    let vault: any StoreKeyVault
    let biometrics: any BiometricPrompting
    /// Called once the core says the app is unlocked.
    let onUnlock: @MainActor () async -> Void

    init(store: WellbeingStore, vault: any StoreKeyVault, biometrics: any BiometricPrompting,
         onUnlock: @escaping @MainActor () async -> Void) {
        self.store = store
        self.vault = vault
        self.biometrics = biometrics
        self.onUnlock = onUnlock
    }

    public var isLocked: Bool { screen?.state.locked ?? true }

    /// The biometric button's label, when the core offers it and the device can prompt.
    public var biometricLabel: String? {
        guard let label = screen?.biometricLabel, biometrics.isAvailable() else { return nil }
        return label
    }

    public func refresh() async {
        let store = self.store
        do {
            screen = try await offMain { try store.lockScreen() }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    public func unlockWithPasscode() async {
        let store = self.store, typed = passcode
        passcode = ""
        do {
            let outcome = try await offMain { try store.unlockWithPasscode(passcode: typed) }
            await settle(outcome)
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Face ID or Touch ID, then the Keychain's key to the core.
    public func unlockWithBiometrics() async {
        guard let reason = screen?.biometricReason, screen?.biometricLabel != nil else { return }
        guard await biometrics.authenticate(reason: reason) else { return }
        let store = self.store, vault = self.vault
        do {
            guard let key = try vault.storedKey() else { return await refresh() }
            let outcome = try await offMain { try store.unlockWithKey(key: .raw(bytes: key)) }
            await settle(outcome)
        } catch {
            notice = ErrorNotice(error)
        }
    }

    private func settle(_ outcome: UnlockOutcome) async {
        await refresh()
        if case .unlocked = outcome, screen?.state.locked == false {
            await onUnlock()
        }
    }
}
