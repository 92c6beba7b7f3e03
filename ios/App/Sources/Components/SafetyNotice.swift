import CompanionModels
import SwiftUI
import Wellbeing

/// The core's safety notice, drawn before anything else on a screen that has one: its heading
/// and detail, each flag, the crisis contacts with a way to reach each, and staff guidance.
struct SafetyNoticeCard: View {
    @Environment(AppModel.self) private var model
    let notice: SafetyNotice
    /// The person used the core's `acknowledgeLabel`: the flags' titles and Help now stay in
    /// sight above what follows, the rest folds away.
    @State private var acknowledged = false

    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
            Label(notice.heading, systemImage: notice.urgent ? "exclamationmark.triangle.fill" : "heart.fill")
                .font(.headline)
                .foregroundStyle(notice.urgent ? .red : .accentColor)
                .accessibilityAddTraits(.isHeader)
            if acknowledged {
                ForEach(Array(notice.flags.enumerated()), id: \.offset) { _, flag in
                    Text(flag.title).font(.subheadline.weight(.semibold))
                }
            } else {
                Text(notice.detail)
                ForEach(Array(notice.flags.enumerated()), id: \.offset) { _, flag in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(flag.title).font(.subheadline.weight(.semibold))
                        Text(flag.detail).font(.subheadline)
                    }
                }
                ForEach(notice.contacts, id: \.id) { contact in
                    ContactRow(contact: contact)
                }
                if let guidance = notice.staffGuidance {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(guidance.heading).font(.subheadline.weight(.semibold))
                            .accessibilityAddTraits(.isHeader)
                        ForEach(Array(guidance.steps.enumerated()), id: \.offset) { index, step in
                            Text("\(index + 1). \(step)").font(.footnote)
                        }
                    }
                }
            }
            Button {
                model.showingHelpNow = true
            } label: {
                Label(model.text.helpNow, systemImage: "lifepreserver")
            }
            .buttonStyle(.borderedProminent)
            .tint(.red)
            if !acknowledged {
                Button(notice.acknowledgeLabel) { acknowledged = true }
                    .buttonStyle(.bordered)
                    .accessibilityIdentifier("safety-acknowledge")
            }
        }
        .padding(.vertical, 4)
        .accessibilityIdentifier("safety-notice")
    }
}

/// A crisis contact and each way to reach it, as the core lists them (its own link when it
/// has one: a phone call, a text, an email).
struct ContactRow: View {
    let contact: CrisisContact

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(contact.name).font(.headline)
            Text(contact.whoFor).font(.subheadline)
            Text(contact.when).font(.footnote).foregroundStyle(.secondary)
            ForEach(Array(contact.ways.enumerated()), id: \.offset) { _, way in
                if let uri = way.uri, let url = URL(string: uri) {
                    Link(destination: url) {
                        Label(way.label, systemImage: symbol(for: way.how))
                    }
                    .buttonStyle(.bordered)
                } else {
                    Label(way.label, systemImage: symbol(for: way.how))
                }
                if let note = way.note {
                    Text(note).font(.footnote).foregroundStyle(.secondary)
                }
            }
        }
    }

    private func symbol(for how: CrisisContactMethod) -> String {
        switch how {
        case .call: return "phone.fill"
        case .text: return "message.fill"
        case .email: return "envelope.fill"
        case .visit: return "cross.case.fill"
        }
    }
}

/// An error that is not the person's doing: the core's "something went wrong", with Help now
/// one tap away as on every screen.
struct ErrorNoticeView: View {
    @Environment(AppModel.self) private var model
    let notice: ErrorNotice?

    var body: some View {
        if notice == .unexpected {
            Label(model.text.somethingWentWrong, systemImage: "exclamationmark.circle")
                .foregroundStyle(.orange)
                .accessibilityIdentifier("error-notice")
        } else if case let .field(_, reason, _)? = notice {
            Text(reason).foregroundStyle(.red)
        }
    }
}
