import CompanionModels
import SwiftUI
import Wellbeing

/// Home, drawn entirely from the core's `HomeView`: the safety notice first when there is one,
/// today at a glance, then the core's sections in the core's order, each entry opening its
/// `NavAction`.
struct HomeScreen: View {
    @Environment(AppModel.self) private var model

    var body: some View {
        List {
            if let home = model.home {
                if let safety = home.safety {
                    Section { SafetyNoticeCard(notice: safety) }
                }
                if let confirmation = model.confirmation {
                    Text(confirmation)
                        .font(.subheadline.weight(.semibold))
                        .accessibilityIdentifier("confirmation")
                }
                Section {
                    MenuRow(entry: home.helpNow, prominent: true)
                }
                Section {
                    Text(home.today.checkInLabel)
                        .font(.body)
                    SeriesChart(series: home.today.checkInWeek)
                }
                ForEach(Array(home.sections.enumerated()), id: \.offset) { _, section in
                    Section {
                        ForEach(section.entries, id: \.key) { entry in
                            MenuRow(entry: entry, prominent: section.kind == .support)
                        }
                    } header: {
                        Text(section.heading)
                    }
                }
            }
            if model.notice != nil {
                ErrorNoticeView(notice: model.notice)
            }
        }
        .navigationTitle(model.home?.dateLabel ?? "")
        .refreshable { await model.refreshHome() }
        // Back from any screen (a flow left open included): what is next may have changed.
        .onAppear { Task { await model.refreshHome() } }
        .helpNowToolbar()
    }
}

/// One menu entry: its label, detail and badge, read out by its accessibility label.
struct MenuRow: View {
    @Environment(AppModel.self) private var model
    let entry: MenuEntry
    var prominent = false

    var body: some View {
        Button {
            Task { await model.open(entry.action, title: entry.label) }
        } label: {
            VStack(alignment: .leading, spacing: 4) {
                Text(entry.label)
                    .font(prominent ? .headline : .body)
                    .foregroundStyle(prominent ? Color.red : Color.primary)
                if let detail = entry.detail {
                    Text(detail)
                        .font(.subheadline)
                        .foregroundStyle(.secondary)
                }
            }
            .frame(maxWidth: .infinity, alignment: .leading)
        }
        .badge(entry.badge.map { Text($0) })
        .accessibilityLabel(Text(entry.accessibilityLabel))
        .accessibilityIdentifier("menu-" + entry.key)
    }
}
