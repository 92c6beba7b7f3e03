import Foundation
import Observation
import Wellbeing

/// Conversation mode: a practitioner talks someone through a tool and nothing is kept.
///
/// It runs on its own in-memory store (`WellbeingStore.openInMemory()`), so nothing said here
/// can reach the person's own records; closing the screen drops it. The tools offered are the
/// core's `conversationMenu()`, and a finished summary can be handed over as text or a QR code.
@MainActor
@Observable
public final class ConversationModel: Hashable {
    public private(set) var menu: [MenuEntry] = []
    public private(set) var flow: FlowModel?
    public private(set) var notice: ErrorNotice?
    /// The banner shown on every conversation screen.
    public let banner: String

    let store: WellbeingStore

    init(store: WellbeingStore, banner: String) {
        self.store = store
        self.banner = banner
    }

    public static func begin(text: ShellText) async throws -> ConversationModel {
        let store = try await offMain { try WellbeingStore.openInMemory() }
        let model = ConversationModel(store: store, banner: text.conversationBanner)
        model.menu = try await offMain { try store.conversationMenu() }
        return model
    }

    /// Opens a conversation menu entry; only tool starts are offered here.
    public func open(_ action: NavAction) async {
        do {
            switch action {
            case let .startTool(tool, subjectId):
                flow = try await FlowModel.start(store: store, tool: tool, subjectId: subjectId)
            case let .resumeFlow(flowId):
                flow = try await FlowModel.resume(store: store, flowId: flowId)
            default:
                return
            }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Back to the conversation menu after a summary was handed over or let go.
    public func closeFlow() {
        flow = nil
    }

    public nonisolated static func == (lhs: ConversationModel, rhs: ConversationModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
