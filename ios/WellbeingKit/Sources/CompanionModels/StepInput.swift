import Foundation
import Wellbeing

/// What the person has chosen or typed on a step before pressing next.
///
/// It turns into the core's `Answer` unchanged: no trimming, no limit enforced here. The core
/// checks lengths, counts and ranges (the limits it sent in `InputKind`) and says which rule an
/// answer broke, so every shell gives the same answer the same verdict.
public struct StepInput: Equatable, Sendable {
    public var scale: Int32?
    public var selected: [String] = []
    public var text: String = ""
    public var items: [String] = []
    /// A list item being typed, not yet added.
    public var pendingItem: String = ""

    public init() {}

    /// Starts from the answer the core has for this step (going back, resuming a draft, or the
    /// step offered again after a rule was broken).
    public init(step: Step) {
        switch step.previousAnswer {
        case let .scale(value)?: scale = value
        case let .choices(ids)?: selected = ids
        case let .text(text)?: self.text = text
        case let .textList(items)?: self.items = items
        case .skip?, .continue?, nil: break
        }
    }

    /// Chooses an option: one replaces the other on a single choice; a multiple choice toggles.
    public mutating func choose(_ id: String, multiple: Bool) {
        if !multiple {
            selected = [id]
        } else if let at = selected.firstIndex(of: id) {
            selected.remove(at: at)
        } else {
            selected.append(id)
        }
    }

    public func isChosen(_ id: String) -> Bool { selected.contains(id) }

    public mutating func addPendingItem() {
        guard !pendingItem.isEmpty else { return }
        items.append(pendingItem)
        pendingItem = ""
    }

    public mutating func removeItem(at index: Int) {
        guard items.indices.contains(index) else { return }
        items.remove(at: index)
    }

    /// The answer to send for this kind of step. A scale not yet touched is sent as a skip, and
    /// the core says whether the step may be skipped.
    public func answer(for kind: InputKind) -> Answer {
        switch kind {
        case .scale:
            return scale.map { .scale(value: $0) } ?? .skip
        case .choice:
            return .choices(ids: selected)
        case .text:
            return .text(text: text)
        case .textList:
            return .textList(items: pendingItem.isEmpty ? items : items + [pendingItem])
        case .info:
            return .continue
        }
    }
}
