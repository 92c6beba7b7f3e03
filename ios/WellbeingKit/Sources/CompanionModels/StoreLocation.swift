import Foundation

/// Where the person's store lives on the device, and how it is protected.
///
/// Application Support is the place Apple gives an app for its own data files that the person
/// does not manage in Files. The file is created with `FileProtectionType.complete`, so it can
/// only be read while the device is unlocked, and it is excluded from iCloud and iTunes backup:
/// a wellbeing record should not leave the device by a route the person did not choose (the
/// core's own backup export is that route).
public struct StoreLocation: Sendable {
    /// The folder inside Application Support; an identifier, never shown.
    public static let folderName = "WellbeingCompanion"
    /// The SQLite file the core opens.
    public static let fileName = "companion.sqlite"

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The app's own Application Support folder.
    public static func applicationSupport(fileManager: FileManager = .default) throws -> StoreLocation {
        let base = try fileManager.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        return StoreLocation(directory: base.appendingPathComponent(folderName, isDirectory: true))
    }

    public var fileURL: URL { directory.appendingPathComponent(Self.fileName, isDirectory: false) }

    /// Makes the folder with complete protection, and marks it and the store file as kept out
    /// of backup. SQLite also writes `-wal` and `-shm` files beside the store: they inherit the
    /// folder's protection class, and the folder's backup exclusion covers them.
    public func prepare(fileManager: FileManager = .default) throws {
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true,
                                        attributes: [.protectionKey: FileProtectionType.complete])
        #if os(iOS)
        try fileManager.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: directory.path)
        #endif
        var folder = directory
        try excludeFromBackup(&folder)
        if !fileManager.fileExists(atPath: fileURL.path) {
            fileManager.createFile(atPath: fileURL.path, contents: nil,
                                   attributes: [.protectionKey: FileProtectionType.complete])
        }
        #if os(iOS)
        try fileManager.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: fileURL.path)
        #endif
        var file = fileURL
        try excludeFromBackup(&file)
    }

    private func excludeFromBackup(_ url: inout URL) throws {
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try url.setResourceValues(values)
    }
}
