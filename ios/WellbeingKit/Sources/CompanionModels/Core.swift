import Foundation
import Wellbeing

/// Runs one core call away from the main actor.
///
/// Every core call touches SQLite; on the main actor a slow disk would freeze the screen. The
/// store handle is `Sendable` (the core guards its connection itself), so a detached task may
/// use it, and the result comes back to the calling actor to be drawn.
func offMain<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(priority: .userInitiated) { try work() }.value
}

/// `offMain` for a call that cannot fail (Help now without a store never fails).
func background<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await Task.detached(priority: .userInitiated) { work() }.value
}

/// What the shell shows for an error: the person's mistake next to its field, anything else as
/// the core's "something went wrong" with Help now still one tap away. The wording is the
/// core's (`reason` is content wording for the rule, never the person's words).
public enum ErrorNotice: Equatable, Sendable {
    /// `InvalidInput`: the step stays, the reason is shown by its field; `itemIndex` marks the
    /// list item at fault.
    case field(rule: RuleCode, reason: String, itemIndex: UInt32?)
    /// Every other kind: not the person's doing.
    case unexpected

    public init(_ error: Error) {
        if case let WellbeingError.InvalidInput(_, rule, _, itemIndex, reason) = error {
            self = .field(rule: rule, reason: reason, itemIndex: itemIndex)
        } else {
            self = .unexpected
        }
    }
}
