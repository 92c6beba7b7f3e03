import CompanionModels
import SwiftUI
import Wellbeing

/// The input for one step, drawn from the core's `InputKind`: a scale, a choice, text, a list
/// of short texts, or nothing (an information step). Limits are the core's and are shown as
/// the core sent them; the core checks them when the answer is sent.
struct StepInputView: View {
    let kind: InputKind
    @Binding var input: StepInput
    let notice: ErrorNotice?

    var body: some View {
        switch kind {
        case let .scale(min, max, anchors):
            ScaleInput(range: min...max, anchors: anchors, value: $input.scale)
        case let .choice(choices, multiple, _, _):
            ForEach(choices, id: \.id) { choice in
                ChoiceRow(choice: choice, chosen: input.isChosen(choice.id), multiple: multiple) {
                    input.choose(choice.id, multiple: multiple)
                }
            }
        case let .text(multiline, maxChars):
            TextField(text: $input.text, axis: multiline ? .vertical : .horizontal) { EmptyView() }
                .lineLimit(multiline ? 4... : 1...)
                .accessibilityIdentifier("step-text")
            LimitCounter(used: input.text.count, limit: Int(maxChars))
        case let .textList(_, maxChars):
            ForEach(Array(input.items.enumerated()), id: \.offset) { index, _ in
                TextField(text: $input.items[index]) { EmptyView() }
                    .foregroundStyle(isFaulty(index) ? Color.red : Color.primary)
                    .swipeActions { Button(role: .destructive) { input.removeItem(at: index) } label: { Image(systemName: "trash") } }
            }
            HStack {
                TextField(text: $input.pendingItem) { EmptyView() }
                    .onSubmit { input.addPendingItem() }
                    .submitLabel(.return)
                    .accessibilityIdentifier("step-list-item")
                Button { input.addPendingItem() } label: { Image(systemName: "plus.circle.fill") }
                    .disabled(input.pendingItem.isEmpty)
            }
            LimitCounter(used: input.pendingItem.count, limit: Int(maxChars))
        case .info:
            EmptyView()
        }
    }

    private func isFaulty(_ index: Int) -> Bool {
        if case let .field(_, _, itemIndex)? = notice, let itemIndex { return Int(itemIndex) == index }
        return false
    }
}

/// A scale as a row of buttons (wrapping under large Dynamic Type), with the core's anchors.
struct ScaleInput: View {
    let range: ClosedRange<Int32>
    let anchors: [ScaleAnchor]
    @Binding var value: Int32?
    @ScaledMetric(relativeTo: .body) private var cell: CGFloat = 44

    var body: some View {
        LazyVGrid(columns: [GridItem(.adaptive(minimum: cell), spacing: 8)], spacing: 8) {
            ForEach(Array(range), id: \.self) { point in
                Button {
                    value = point
                } label: {
                    Text(point, format: .number)
                        .frame(minWidth: cell, minHeight: cell)
                }
                .buttonStyle(.bordered)
                .tint(value == point ? .accentColor : .secondary)
                .accessibilityAddTraits(value == point ? .isSelected : [])
                .accessibilityLabel(Text(anchorLabel(point)))
            }
        }
        ForEach(anchors, id: \.value) { anchor in
            LabeledContent {
                Text(anchor.label)
            } label: {
                Text(anchor.value, format: .number)
            }
            .font(.footnote)
            .foregroundStyle(.secondary)
        }
    }

    /// A point is read out with its anchor when it has one ("0, Very low").
    private func anchorLabel(_ point: Int32) -> String {
        let number = point.formatted()
        guard let anchor = anchors.first(where: { $0.value == point }) else { return number }
        return [number, anchor.label].formatted(.list(type: .and, width: .narrow))
    }
}

struct ChoiceRow: View {
    let choice: ChoiceOption
    let chosen: Bool
    let multiple: Bool
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            HStack {
                VStack(alignment: .leading, spacing: 2) {
                    Text(choice.label).foregroundStyle(Color.primary)
                    if let help = choice.help {
                        Text(help).font(.footnote).foregroundStyle(.secondary)
                    }
                }
                Spacer()
                Image(systemName: chosen ? (multiple ? "checkmark.square.fill" : "largecircle.fill.circle") : (multiple ? "square" : "circle"))
                    .foregroundStyle(Color.accentColor)
                    .accessibilityHidden(true)
            }
        }
        .accessibilityAddTraits(chosen ? .isSelected : [])
    }
}

/// Characters used against the core's limit, as numbers only.
struct LimitCounter: View {
    let used: Int
    let limit: Int

    var body: some View {
        Text(verbatim: "\(used.formatted()) / \(limit.formatted())")
            .font(.caption.monospacedDigit())
            .foregroundStyle(.secondary)
            .frame(maxWidth: .infinity, alignment: .trailing)
            .accessibilityHidden(true)
    }
}
