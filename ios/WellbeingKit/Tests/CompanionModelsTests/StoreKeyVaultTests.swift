import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

final class StoreKeyVaultTests: XCTestCase {
    func testANewKeyIsTheCoresLengthAndNeverTheSameTwice() throws {
        let a = try newStoreKey(), b = try newStoreKey()
        XCTAssertEqual(a.count, Int(encryptionInfo().rawKeyBytes))
        XCTAssertNotEqual(a, b)
        XCTAssertNotEqual(a, Data(repeating: 0, count: a.count), "filled by the random generator")
    }

    #if canImport(Security)
    func testTheKeychainKeepsReplacesAndForgetsTheKey() throws {
        // An item of its own, so the app's key (if this Mac has one) is never touched.
        let vault = KeychainVault(service: KeychainVault.service + ".tests." + UUID().uuidString)
        defer { try? vault.forget() }
        do {
            XCTAssertNil(try vault.storedKey())
            let first = try newStoreKey()
            try vault.keep(first)
        } catch StoreKeyError.keychain(let status) where status == errSecMissingEntitlement {
            throw XCTSkip("this Mac's test runner may not use the Keychain (errSecMissingEntitlement)")
        }
        let second = try newStoreKey()
        try vault.keep(second)
        XCTAssertEqual(try vault.storedKey(), second, "replaced, not added beside")
        try vault.forget()
        XCTAssertNil(try vault.storedKey())
        try vault.forget()
    }
    #endif
}
