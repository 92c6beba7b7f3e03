import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

/// The settings screen (profile, app lock, encryption) and the lock screen against the real
/// core, with the Keychain and the biometric prompt stood in for.
@MainActor
final class SettingsAndLockTests: XCTestCase {
    private func passcodeLock(_ settings: SettingsModel, biometric: Bool = false, minutes: UInt32 = 0) async {
        settings.lockDraft?.enabled = true
        settings.lockDraft?.backgroundMinutes = minutes
        settings.lockDraft?.newPasscode = "2468"
        settings.lockDraft?.biometricAllowed = biometric
        await settings.saveLock()
    }

    func testChoosingAYoungPersonsProfileIsStoredAndChangesWhatHelpNowListsFirst() async throws {
        let app = try await openApp(try temporaryLocation())
        let settings = SettingsModel(app: app)
        await settings.load()
        let view = try XCTUnwrap(settings.view)
        XCTAssertEqual(view.profileChoices.filter(\.chosen).map(\.profile), [.adult])
        XCTAssertNil(view.profileNote)
        let adultFirst = await app.helpNow().contacts.first?.id

        let young = try XCTUnwrap(view.profileChoices.first { $0.profile == .youngPerson(ageBand: .from13To15) })
        await settings.choose(young)
        XCTAssertEqual(try app.store?.profile(), .youngPerson(ageBand: .from13To15))
        XCTAssertEqual(settings.view?.profileChoices.filter(\.chosen).map(\.profile), [young.profile])
        XCTAssertNotNil(settings.view?.profileNote)
        let youngFirst = await app.helpNow().contacts.first?.id
        XCTAssertNotEqual(youngFirst, adultFirst, "a young person's contacts come first")
    }

    func testTurningTheLockOnWithNoPasscodeIsRefusedByTheCoreAndChangesNothing() async throws {
        let app = try await openApp(try temporaryLocation())
        let settings = SettingsModel(app: app)
        await settings.load()
        settings.lockDraft?.enabled = true
        await settings.saveLock()
        guard case let .field(rule, reason, _)? = settings.notice else { return XCTFail("no field error: \(String(describing: settings.notice))") }
        XCTAssertEqual(rule, .required)
        XCTAssertFalse(reason.isEmpty)
        XCTAssertEqual(try app.store?.lockSettings().enabled, false)
        XCTAssertEqual(settings.lockDraft?.enabled, true, "what was chosen stays on screen")
    }

    func testTheLockShutsTheAppAfterItsMinutesAwayAndAPasscodeOpensItAgain() async throws {
        let location = try temporaryLocation()
        let app = try await openApp(location)
        let settings = SettingsModel(app: app)
        await settings.load()
        await passcodeLock(settings)
        XCTAssertNil(settings.notice)
        XCTAssertEqual(settings.view?.lock.enabled, true)
        XCTAssertEqual(settings.lockDraft?.newPasscode, nil, "the passcode is not kept on screen")

        // Away and back: 0 minutes means at once.
        app.path.append(.settings(title: ""))
        app.wentToBackground()
        await app.becameActive()
        XCTAssertEqual(app.phase, .locked)
        let lock = try XCTUnwrap(app.lock)
        XCTAssertEqual(lock.screen?.state.locked, true)
        XCTAssertEqual(lock.screen?.state.helpNowAvailable, true)

        // Help now while locked.
        await app.open(.helpNow, title: "")
        XCTAssertTrue(app.showingHelpNow)
        let help = await app.helpNow()
        XCTAssertFalse(help.contacts.isEmpty)
        app.showingHelpNow = false

        lock.passcode = "1357"
        await lock.unlockWithPasscode()
        XCTAssertEqual(app.phase, .locked)
        XCTAssertEqual(lock.passcode, "", "what was typed is not kept")
        XCTAssertNotNil(lock.screen?.status, "the core says how many tries are left")

        lock.passcode = "2468"
        await lock.unlockWithPasscode()
        XCTAssertEqual(app.phase, .ready)
        XCTAssertNotNil(app.home)

        // A cold start with the lock on starts locked.
        let again = try await openApp(location, phase: .locked)
        XCTAssertEqual(again.lock?.screen?.state.locked, true)
        XCTAssertNil(again.home, "nothing of the person's is drawn behind the lock")
    }

    func testAfterFiveWrongPasscodesTheCoreMakesTheLockScreenWait() async throws {
        let location = try temporaryLocation()
        let app = try await openApp(location)
        let settings = SettingsModel(app: app)
        await settings.load()
        await passcodeLock(settings)
        let locked = try await openApp(location, phase: .locked)
        let lock = try XCTUnwrap(locked.lock)
        for _ in 0..<5 {
            lock.passcode = "0000"
            await lock.unlockWithPasscode()
        }
        let screen = try XCTUnwrap(lock.screen)
        XCTAssertFalse(screen.canTryPasscode)
        XCTAssertGreaterThan(screen.state.retryAfterSeconds, 0)
        XCTAssertNotNil(screen.status)
        lock.passcode = "2468"
        await lock.unlockWithPasscode()
        XCTAssertEqual(locked.phase, .locked, "during the wait even the right passcode is not checked")
    }

    func testEncryptionTurnedOnKeepsTheKeyInTheVaultAndTheStoreOpensOnlyWithIt() async throws {
        let location = try temporaryLocation()
        let vault = MemoryVault()
        let app = try await openApp(location, vault: vault)
        _ = try app.store?.scalingCheckIn(value: 6, note: nil)
        let settings = SettingsModel(app: app)
        await settings.load()
        XCTAssertEqual(settings.view?.encrypted, false)
        XCTAssertNotNil(settings.view?.encryptionTurnOnLabel)

        await settings.setEncryption(on: true)
        XCTAssertNil(settings.notice)
        XCTAssertEqual(settings.view?.encrypted, true)
        XCTAssertNotNil(settings.view?.encryptionTurnOffLabel)
        let key = try XCTUnwrap(vault.storedKey())
        XCTAssertEqual(key.count, Int(encryptionInfo().rawKeyBytes))
        XCTAssertEqual(storeEncryption(path: location.fileURL.path), .encrypted)

        // Opened again with the vault's key: everything is there. (Closed at the end of the
        // block: the core changes a key only with no other handle open.)
        do {
            let reopened = try await openApp(location, vault: vault)
            XCTAssertNotNil(try reopened.store?.scalingCheckInToday())
        }
        // Without the key it cannot be opened: Help now, and the file is untouched.
        let before = try Data(contentsOf: location.fileURL)
        let stranger = try await openApp(location, vault: MemoryVault(), phase: .storeUnavailable)
        XCTAssertFalse(stranger.helpNowWithoutStoreView?.contacts.isEmpty ?? true)
        XCTAssertEqual(try Data(contentsOf: location.fileURL), before)

        await settings.setEncryption(on: false)
        XCTAssertEqual(settings.view?.encrypted, false)
        XCTAssertNil(try vault.storedKey(), "the key is forgotten once the store is plain")
        XCTAssertEqual(storeEncryption(path: location.fileURL.path), .plain)
        XCTAssertNotNil(try app.store?.scalingCheckInToday())
    }

    func testFaceIdReleasesTheStoresKeyAndTheCoreUnlocksOnlyWithIt() async throws {
        let location = try temporaryLocation()
        let vault = MemoryVault()
        let biometrics = StubBiometrics(passes: false)
        let app = try await openApp(location, vault: vault, biometrics: biometrics)
        let settings = SettingsModel(app: app)
        await settings.load()
        await settings.setEncryption(on: true)
        await passcodeLock(settings, biometric: true)

        let locked = try await openApp(location, vault: vault, biometrics: biometrics, phase: .locked)
        let lock = try XCTUnwrap(locked.lock)
        XCTAssertNotNil(lock.biometricLabel, "offered: allowed, and the store is encrypted")

        await lock.unlockWithBiometrics()
        XCTAssertEqual(biometrics.shown, 1)
        XCTAssertEqual(locked.phase, .locked, "a failed prompt releases nothing")

        // A key that is not the store's (the vault replaced behind the app's back) is refused.
        let real = try XCTUnwrap(vault.storedKey())
        try vault.keep(Data(repeating: 7, count: real.count))
        biometrics.passes = true
        await lock.unlockWithBiometrics()
        XCTAssertEqual(locked.phase, .locked)

        try vault.keep(real)
        await lock.unlockWithBiometrics()
        XCTAssertEqual(locked.phase, .ready)
    }

    func testWithoutEncryptionTheBiometricButtonIsNotOffered() async throws {
        let location = try temporaryLocation()
        let app = try await openApp(location)
        let settings = SettingsModel(app: app)
        await settings.load()
        await passcodeLock(settings, biometric: true)
        let locked = try await openApp(location, phase: .locked)
        XCTAssertNil(locked.lock?.biometricLabel, "a plain store has no key for the prompt to release")
    }
}
