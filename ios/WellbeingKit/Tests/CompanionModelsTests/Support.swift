import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

/// A fresh folder per test, removed afterwards.
func temporaryLocation() throws -> StoreLocation {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
    return StoreLocation(directory: dir)
}

/// Records what would have gone to the notification centre.
actor RecordingScheduler: NotificationScheduling {
    private(set) var pending: [String: ReminderRequest] = [:]
    private(set) var removed: [String] = []
    var granted = true

    func requestAuthorization() async -> Bool { granted }
    func pendingIdentifiers() async -> [String] { Array(pending.keys) }
    func remove(identifiers: [String]) async {
        removed += identifiers
        for id in identifiers { pending[id] = nil }
    }
    func add(_ request: ReminderRequest) async throws { pending[request.identifier] = request }
    /// Something another part of the app scheduled, which must be left alone.
    func addForeign(_ identifier: String) {
        pending[identifier] = ReminderRequest(identifier: identifier, title: "", body: "", fireDate: Date(), userInfo: [:])
    }
}

/// The store's key kept in memory, as the Keychain keeps it in the app.
final class MemoryVault: StoreKeyVault, @unchecked Sendable {
    private let lock = NSLock()
    private var key: Data?

    func storedKey() throws -> Data? { lock.withLock { key } }
    func keep(_ key: Data) throws { lock.withLock { self.key = key } }
    func forget() throws { lock.withLock { key = nil } }
}

/// A biometric prompt that passes or fails as the test says, counting how often it was shown.
final class StubBiometrics: BiometricPrompting, @unchecked Sendable {
    private let lock = NSLock()
    private var _passes: Bool
    private(set) var shown = 0
    var passes: Bool {
        get { lock.withLock { _passes } }
        set { lock.withLock { _passes = newValue } }
    }

    init(passes: Bool) { _passes = passes }
    func isAvailable() -> Bool { true }
    func authenticate(reason: String) async -> Bool {
        lock.withLock { shown += 1 }
        return passes
    }
}

@MainActor
func openApp(_ location: StoreLocation, scheduler: RecordingScheduler = RecordingScheduler(),
             vault: MemoryVault = MemoryVault(), biometrics: StubBiometrics = StubBiometrics(passes: false),
             phase: AppModel.Phase = .ready) async throws -> AppModel {
    let app = AppModel(location: location, notifications: scheduler, vault: vault, biometrics: biometrics)
    await app.start()
    XCTAssertEqual(app.phase, phase)
    return app
}

/// The first entry anywhere on home whose action matches.
@MainActor
func entry(_ app: AppModel, where matches: (NavAction) -> Bool) -> MenuEntry? {
    app.home?.sections.flatMap(\.entries).first { matches($0.action) }
}

/// Fills the current step with a plain valid answer of its kind, the way a person would:
/// the lowest scale point, the first options, a few words. Optional text steps are skipped.
@MainActor
func fillPlainly(_ flow: FlowModel, scale pick: ((Int32, Int32) -> Int32)? = nil) {
    guard let step = flow.step else { return }
    switch step.input {
    case let .scale(min, max, _):
        flow.input.scale = pick?(min, max) ?? min
    case let .choice(choices, multiple, minSelected, _):
        for choice in choices.prefix(Swift.max(Int(minSelected), 1)) {
            flow.input.choose(choice.id, multiple: multiple)
        }
    case .text:
        flow.input.text = step.optional ? "" : "A walk by the river"
    case .textList:
        flow.input.items = ["Call my sister"]
    case .info:
        break
    }
}

/// Walks a flow to its summary with plain answers; fails the test if it does not get there.
@MainActor
func walkToSummary(_ flow: FlowModel, scale pick: ((Int32, Int32) -> Int32)? = nil,
                   file: StaticString = #filePath, line: UInt = #line) async {
    for _ in 0..<200 where flow.summary == nil {
        guard let step = flow.step else { break }
        fillPlainly(flow, scale: pick)
        if step.optional, case .text = step.input {
            await flow.skip()
        } else {
            await flow.next()
        }
        if let notice = flow.notice {
            XCTFail("step \(step.stepId) refused a plain answer: \(notice)", file: file, line: line)
            return
        }
    }
    XCTAssertNotNil(flow.summary, "no summary", file: file, line: line)
}
