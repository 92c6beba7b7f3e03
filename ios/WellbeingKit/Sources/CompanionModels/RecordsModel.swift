import Foundation
import Observation
import Wellbeing

/// A tool's saved entries as the core lists them (`records(tool:limit:)`), newest first, with
/// the two things a person can do to one: change it (`editRecord`, when the core gives the
/// list an `editLabel`) and delete it, after the core's question. For My connections the
/// latest map comes with them (`connectionsView()`), drawn from the core's layout.
///
/// Nothing is decided here: which rows exist, their words, whether they can be changed and
/// what is asked before deleting are the core's; this only remembers which row is being asked
/// about and what the core said once it was gone.
@MainActor
@Observable
public final class RecordsModel: Hashable {
    public nonisolated let tool: ToolId
    public private(set) var list: RecordList?
    public private(set) var connections: ConnectionsView?
    /// The row whose deletion is being asked about (the core's `confirmDelete`).
    public private(set) var confirming: RecordRow?
    /// The core's `deletedText`, once a row is gone; cleared by the next action.
    public private(set) var said: String?
    public private(set) var notice: ErrorNotice?

    let store: WellbeingStore

    public init(store: WellbeingStore, tool: ToolId) {
        self.store = store
        self.tool = tool
    }

    public func load() async {
        let store = self.store, tool = self.tool
        do {
            list = try await offMain { try store.records(tool: tool, limit: editLimits().recordRows) }
            if tool == .connectionsMap {
                connections = try await offMain { try store.connectionsView() }
            }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// The walk-through again with every step filled in from the saved entry; saving it
    /// changes that entry in place (same record id, same day and time).
    public func edit(_ row: RecordRow) async -> FlowModel? {
        guard list?.editLabel != nil else { return nil }
        let store = self.store, tool = self.tool, id = row.id
        said = nil
        do {
            let progress = try await offMain { try store.editRecord(tool: tool, recordId: id) }
            notice = nil
            return FlowModel(store: store, progress: progress)
        } catch {
            notice = ErrorNotice(error)
            return nil
        }
    }

    /// Asks first: the screen shows the core's question about `row`.
    public func askDelete(_ row: RecordRow) {
        said = nil
        confirming = row
    }

    /// The person said no: nothing changes.
    public func keep() {
        confirming = nil
    }

    /// The person said yes to the question about `row`: the core deletes it, and the list is
    /// read again from the core.
    public func confirmDelete(_ row: RecordRow) async {
        confirming = nil
        let store = self.store, tool = self.tool, id = row.id
        do {
            try await offMain { try store.deleteRecord(tool: tool, recordId: id) }
            await load()
            said = list?.deletedText
        } catch {
            notice = ErrorNotice(error)
        }
    }

    public nonisolated static func == (lhs: RecordsModel, rhs: RecordsModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
