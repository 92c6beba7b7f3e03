import CompanionModels
import SwiftUI
import Wellbeing

/// A completed flow: the safety notice first when there is one, then the core's summary, and
/// save or discard (discard asks first). In conversation mode nothing is saved: the summary
/// can be handed over as a QR code or its text, and done lets it go.
struct SummaryScreen: View {
    @Environment(AppModel.self) private var model
    let flow: FlowModel
    let summary: FlowSummary
    @State private var confirmingDiscard = false

    var body: some View {
        List {
            if let safety = summary.safety {
                Section { SafetyNoticeCard(notice: safety) }
            }
            Section {
                if let headline = summary.headline {
                    Text(headline).font(.headline)
                }
                ForEach(Array(summary.items.enumerated()), id: \.offset) { _, item in
                    LabeledContent(item.label, value: item.value)
                }
            }
            if !summary.advice.isEmpty {
                Section {
                    ForEach(summary.advice, id: \.self) { Text($0) }
                }
            }
            if flow.isConversationOnly, let handoff = flow.handoff {
                Section {
                    QrCodeView(matrix: handoff.qr, accessibilityText: summary.title)
                        .frame(maxWidth: .infinity)
                    Text(handoff.text)
                        .font(.caption.monospaced())
                        .textSelection(.enabled)
                }
            }
            if flow.notice != nil {
                ErrorNoticeView(notice: flow.notice)
            }
        }
        .navigationTitle(summary.title)
        .disabled(flow.busy)
        .task {
            if flow.isConversationOnly { await flow.makeHandoff() }
        }
        .toolbar {
            ToolbarItemGroup(placement: .bottomBar) {
                Button(model.text.discard, role: .destructive) { confirmingDiscard = true }
                Spacer()
                if flow.isConversationOnly {
                    Button(model.text.done) { Task { await flow.discard() } }
                        .buttonStyle(.borderedProminent)
                } else {
                    Button(model.text.save) { Task { await flow.save() } }
                        .buttonStyle(.borderedProminent)
                        .accessibilityIdentifier("summary-save")
                }
            }
        }
        .discardConfirmation(isPresented: $confirmingDiscard, flow: flow)
    }
}
