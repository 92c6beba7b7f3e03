import Foundation
import Observation
import Wellbeing

/// One tool's flow, step by step, for the one generic step screen and the summary screen.
///
/// The core owns the flow: it says which step comes next, validates every answer (a bad one
/// comes back as `InvalidInput` with its rule and the step offered again), writes each answered
/// step at once so a killed app resumes where it was, and builds the summary. This model only
/// carries what the person is typing until they press next, and the core's last reply.
@MainActor
@Observable
public final class FlowModel: Identifiable, Hashable {
    /// How the flow ended, for the screen to show the core's confirmation and leave.
    public enum Outcome: Equatable, Sendable {
        case saved(recordId: String)
        case keptForLater
        case discarded
    }

    public nonisolated let id: String
    public private(set) var step: Step?
    public private(set) var summary: FlowSummary?
    public private(set) var outcome: Outcome?
    public private(set) var notice: ErrorNotice?
    public private(set) var busy = false
    /// The handoff for a conversation-mode summary: its text and its QR matrix.
    public private(set) var handoff: HandoffPayload?
    /// What is being typed or chosen on the current step; reset from the core on every step.
    public var input: StepInput

    let store: WellbeingStore

    init(store: WellbeingStore, progress: FlowProgress) {
        self.store = store
        switch progress {
        case let .next(step):
            id = step.flowId
            self.step = step
            input = StepInput(step: step)
        case let .complete(summary):
            id = summary.flowId
            self.summary = summary
            input = StepInput()
        }
    }

    /// Starts a tool, as a `NavAction.startTool` asks.
    public static func start(store: WellbeingStore, tool: ToolId, subjectId: String?) async throws -> FlowModel {
        let progress = try await offMain { try store.startFlow(tool: tool, subjectId: subjectId) }
        return FlowModel(store: store, progress: progress)
    }

    /// Carries on an open flow (after a restart too), as a `NavAction.resumeFlow` asks.
    public static func resume(store: WellbeingStore, flowId: String) async throws -> FlowModel {
        let progress = try await offMain { try store.resumeFlow(flowId: flowId) }
        return FlowModel(store: store, progress: progress)
    }

    /// Conversation mode shows the core's banner on every step: nothing is kept.
    public var isConversationOnly: Bool {
        step?.persistence == .conversationOnly
    }

    public func next() async {
        guard let step else { return }
        await send(input.answer(for: step.input))
    }

    public func skip() async { await send(.skip) }

    public func back() async {
        let store = self.store, flowId = id
        await run { try await offMain { try store.flowBack(flowId: flowId) } }
    }

    /// Keeps the flow as a draft and leaves; home lists it to resume.
    public func keepForLater() async {
        let store = self.store, flowId = id
        busy = true
        defer { busy = false }
        do {
            _ = try await offMain { try store.saveFlowDraft(flowId: flowId) }
            outcome = .keptForLater
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Saves the completed flow: the core writes the record.
    public func save() async {
        let store = self.store, flowId = id
        busy = true
        defer { busy = false }
        do {
            let saved = try await offMain { try store.saveFlow(flowId: flowId) }
            summary = saved.summary
            outcome = .saved(recordId: saved.recordId)
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Lets the flow go (after the screen's confirmation): nothing of it is kept.
    public func discard() async {
        let store = self.store, flowId = id
        busy = true
        defer { busy = false }
        do {
            try await offMain { try store.discardFlow(flowId: flowId) }
            outcome = .discarded
        } catch {
            notice = ErrorNotice(error)
        }
    }

    /// Makes the handoff (text and QR) for the summary, in conversation mode.
    public func makeHandoff() async {
        guard let summary else { return }
        let store = self.store
        do {
            handoff = try await offMain { try store.handoffPayload(summary: summary) }
        } catch {
            notice = ErrorNotice(error)
        }
    }

    private func send(_ answer: Answer) async {
        let store = self.store, flowId = id
        await run { try await offMain { try store.answerFlow(flowId: flowId, answer: answer) } }
    }

    private func run(_ call: () async throws -> FlowProgress) async {
        busy = true
        defer { busy = false }
        do {
            apply(try await call())
        } catch {
            // The step stays as it was and so does the input: what the person typed is not
            // lost, and the core's reason is shown by the field (or the list item) at fault.
            notice = ErrorNotice(error)
        }
    }

    private func apply(_ progress: FlowProgress) {
        notice = nil
        switch progress {
        case let .next(step):
            self.step = step
            input = StepInput(step: step)
        case let .complete(summary):
            self.step = nil
            self.summary = summary
        }
    }

    public nonisolated static func == (lhs: FlowModel, rhs: FlowModel) -> Bool { lhs === rhs }
    public nonisolated func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
