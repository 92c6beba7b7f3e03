import CompanionModels
import SwiftUI
import Wellbeing

/// A tool's flow: the generic step screen while the core has steps, then the summary. When
/// the flow ends (saved, kept for later, discarded) home is shown again, redrawn.
struct FlowScreen: View {
    @Environment(AppModel.self) private var model
    let flow: FlowModel
    /// Conversation mode ends a flow by going back to its own menu, not home.
    var onFinish: (() -> Void)?

    var body: some View {
        Group {
            if let step = flow.step {
                StepScreen(flow: flow, step: step)
            } else if let summary = flow.summary {
                SummaryScreen(flow: flow, summary: summary)
            }
        }
        .safeAreaInset(edge: .top) {
            if flow.isConversationOnly {
                ConversationBanner(text: model.text.conversationBanner)
            }
        }
        .navigationBarBackButtonHidden(flow.step != nil)
        .helpNowToolbar()
        .onChange(of: flow.outcome) { _, outcome in
            guard outcome != nil else { return }
            if let onFinish {
                onFinish()
            } else {
                Task { await model.flowFinished(flow) }
            }
        }
    }
}

/// The one step screen for every kind of input the core sends.
struct StepScreen: View {
    @Environment(AppModel.self) private var model
    @Bindable var flow: FlowModel
    let step: Step
    @State private var confirmingDiscard = false

    var body: some View {
        Form {
            Section {
                // The core's accessibility label and hint for the step are read on its prompt,
                // so each input control keeps its own label (a scale point, an option).
                Text(step.prompt)
                    .font(.title3.weight(.semibold))
                    .accessibilityAddTraits(.isHeader)
                    .accessibilityLabel(Text(step.accessibilityLabel))
                    .accessibilityHint(Text(step.accessibilityHint))
                if let help = step.help {
                    Text(help)
                        .font(.body)
                        .foregroundStyle(.secondary)
                }
            } header: {
                Text(step.title)
            } footer: {
                ProgressView(value: Double(step.position), total: Double(max(step.total, step.position)))
                    .accessibilityHidden(true)
            }

            Section {
                StepInputView(kind: step.input, input: $flow.input, notice: flow.notice)
            } footer: {
                if case let .field(_, reason, _)? = flow.notice {
                    Text(reason)
                        .foregroundStyle(.red)
                        .accessibilityIdentifier("field-error")
                }
            }

            if flow.notice == .unexpected {
                ErrorNoticeView(notice: flow.notice)
            }
        }
        .navigationTitle(step.title)
        .navigationBarTitleDisplayMode(.inline)
        .disabled(flow.busy)
        .toolbar {
            ToolbarItemGroup(placement: .bottomBar) {
                if step.canGoBack {
                    Button(model.text.back) { Task { await flow.back() } }
                }
                Spacer()
                if step.optional {
                    Button(model.text.skip) { Task { await flow.skip() } }
                }
                Button(isInfo ? model.text.continueLabel : model.text.next) {
                    Task { await flow.next() }
                }
                .buttonStyle(.borderedProminent)
                .accessibilityIdentifier("step-next")
            }
            ToolbarItem(placement: .topBarLeading) {
                Menu {
                    if !flow.isConversationOnly {
                        Button(model.text.saveForLater) { Task { await flow.keepForLater() } }
                    }
                    Button(model.text.discard, role: .destructive) { confirmingDiscard = true }
                } label: {
                    Image(systemName: "xmark.circle")
                        .accessibilityLabel(Text(model.text.discard))
                }
            }
        }
        .discardConfirmation(isPresented: $confirmingDiscard, flow: flow)
    }

    private var isInfo: Bool {
        if case .info = step.input { return true }
        return false
    }
}

/// Asks before letting a flow go: the core's title and detail, discard or back.
struct DiscardConfirmation: ViewModifier {
    @Environment(AppModel.self) private var model
    @Binding var isPresented: Bool
    let flow: FlowModel

    func body(content: Content) -> some View {
        content.confirmationDialog(model.text.confirmDiscardTitle, isPresented: $isPresented, titleVisibility: .visible) {
            Button(model.text.discard, role: .destructive) { Task { await flow.discard() } }
            Button(model.text.back, role: .cancel) {}
        } message: {
            Text(model.text.confirmDiscardDetail)
        }
    }
}

extension View {
    func discardConfirmation(isPresented: Binding<Bool>, flow: FlowModel) -> some View {
        modifier(DiscardConfirmation(isPresented: isPresented, flow: flow))
    }
}

/// The banner of conversation mode: nothing said here is kept.
struct ConversationBanner: View {
    let text: String

    var body: some View {
        Label(text, systemImage: "person.2.wave.2")
            .font(.subheadline.weight(.semibold))
            .frame(maxWidth: .infinity, alignment: .leading)
            .padding()
            .background(.yellow.opacity(0.25))
            .accessibilityIdentifier("conversation-banner")
    }
}
