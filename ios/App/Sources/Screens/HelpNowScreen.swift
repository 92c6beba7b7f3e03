import CompanionModels
import SwiftUI
import Wellbeing

/// Help now: crisis contacts first, then the person's safety plan (read-only) or the core's
/// text for when there is none. It is drawn from a `SafetyHelpNow` the core always gives,
/// with or without a store.
struct HelpNowScreen: View {
    let content: SafetyHelpNow

    var body: some View {
        List {
            Section {
                Text(content.intro)
            }
            Section {
                ForEach(content.contacts, id: \.id) { ContactRow(contact: $0) }
            }
            Section {
                if let plan = content.plan, !plan.isEmpty {
                    ForEach(plan.sections, id: \.title) { section in
                        PlanSectionView(section: section)
                    }
                } else if let none = content.noPlanText {
                    Text(none).foregroundStyle(.secondary)
                }
            } header: {
                Text(content.planHeading)
            }
        }
        .navigationTitle(content.title)
    }
}

/// One section of a safety plan: its title and the person's own items.
struct PlanSectionView: View {
    let section: SafetyPlanSection

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            Text(section.title).font(.headline)
            ForEach(Array(section.items.enumerated()), id: \.offset) { _, item in
                Label(item, systemImage: "circle.fill")
                    .labelStyle(BulletLabelStyle())
            }
        }
    }
}

struct BulletLabelStyle: LabelStyle {
    func makeBody(configuration: Configuration) -> some View {
        HStack(alignment: .firstTextBaseline, spacing: 8) {
            configuration.icon.imageScale(.small).font(.caption2).accessibilityHidden(true)
            configuration.title
        }
    }
}
