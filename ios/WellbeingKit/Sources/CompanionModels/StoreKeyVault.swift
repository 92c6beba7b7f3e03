import Foundation
import Wellbeing
#if canImport(Security)
import Security
#endif

/// Where the store's key lives: 32 random bytes, handed to the core as `StoreKey.raw(bytes:)`
/// and used by SQLCipher as its key directly (no derivation, so no passphrase to forget).
///
/// The app keeps it in the Keychain (`KeychainVault`); tests keep it in memory. The key never
/// goes anywhere else: not into the store, a log, a backup or a notification.
public protocol StoreKeyVault: Sendable {
    /// The key kept for the store, or nil when there is none yet.
    func storedKey() throws -> Data?
    /// Keeps `key`, replacing any kept before.
    func keep(_ key: Data) throws
    /// Forgets the key (after the store stopped being encrypted).
    func forget() throws
}

public enum StoreKeyError: Error, Equatable, Sendable {
    /// The system's random generator failed: no key is made from anything weaker.
    case noRandomBytes
    /// The Keychain refused, with its `OSStatus`.
    case keychain(Int32)
}

/// A new store key of the length the core asks for (`encryptionInfo().rawKeyBytes`), from
/// the system's secure random generator.
public func newStoreKey() throws -> Data {
    var bytes = [UInt8](repeating: 0, count: Int(encryptionInfo().rawKeyBytes))
    #if canImport(Security)
    guard SecRandomCopyBytes(kSecRandomDefault, bytes.count, &bytes) == errSecSuccess else {
        throw StoreKeyError.noRandomBytes
    }
    #else
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices { bytes[index] = generator.next() }
    #endif
    return Data(bytes)
}

#if canImport(Security)
/// The store's key in the Keychain, readable only on this device and only while it is
/// unlocked (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`): it is never synced to iCloud
/// Keychain and never restored onto another phone, so a copied store file is useless.
///
/// The app lock's biometric unlock does not read a different secret: Face ID or Touch ID
/// (LocalAuthentication) lets the app read this key, and the core unlocks only if it is the
/// key the store is open with (`unlockWithKey`).
public struct KeychainVault: StoreKeyVault {
    /// Identifiers of the Keychain item; never shown.
    public static let service = "org.wellbeingcompanion.store-key"
    public static let account = "companion.sqlite"

    let service: String
    let account: String

    public init(service: String = KeychainVault.service, account: String = KeychainVault.account) {
        self.service = service
        self.account = account
    }

    private var query: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword,
         kSecAttrService as String: service,
         kSecAttrAccount as String: account]
    }

    public func storedKey() throws -> Data? {
        var q = query
        q[kSecReturnData as String] = true
        q[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess else { throw StoreKeyError.keychain(status) }
        return item as? Data
    }

    public func keep(_ key: Data) throws {
        try forget()
        var q = query
        q[kSecValueData as String] = key
        q[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        let status = SecItemAdd(q as CFDictionary, nil)
        guard status == errSecSuccess else { throw StoreKeyError.keychain(status) }
    }

    public func forget() throws {
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw StoreKeyError.keychain(status) }
    }
}
#endif
