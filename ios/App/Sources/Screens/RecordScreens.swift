import CompanionModels
import SwiftUI
import Wellbeing

/// Loads one core call when the screen appears and again on pull to refresh.
struct LoadedContent<Value: Sendable, Content: View>: View {
    @Environment(AppModel.self) private var model
    let load: @Sendable (WellbeingStore) throws -> Value
    @ViewBuilder let content: (Value) -> Content
    @State private var loaded: Loaded<Value>? = nil

    var body: some View {
        Group {
            if let value = loaded?.value {
                content(value)
            } else if loaded?.notice != nil {
                List { ErrorNoticeView(notice: loaded?.notice) }
            } else {
                ProgressView()
            }
        }
        .refreshable { await loaded?.reload() }
        .task {
            guard loaded == nil, let store = model.store else { return }
            let load = self.load
            let next = Loaded { try load(store) }
            loaded = next
            await next.reload()
        }
    }
}

/// This week: the core's week view, its check-in series charted, and each day's line.
struct WeekScreen: View {
    let title: String

    var body: some View {
        LoadedContent(load: { try $0.week(date: nil) }) { week in
            List {
                Section {
                    SeriesChart(series: week.checkInSeries)
                } header: {
                    Text(week.label)
                }
                Section {
                    ForEach(week.days, id: \.date) { day in
                        Text(day.label)
                            .fontWeight(day.isToday ? .semibold : .regular)
                    }
                }
                if !week.measuresTaken.isEmpty {
                    Section {
                        ForEach(week.measuresTaken, id: \.id) { MeasureResultRow(result: $0) }
                    }
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
    }
}

/// A tool's history: the core's charts (with reference lines for measures) and, for a
/// measure, every result with its safety notice first.
struct HistoryScreen: View {
    let tool: ToolId
    let title: String

    var body: some View {
        LoadedContent(load: { [tool] in try $0.history(of: tool) }) { history in
            List {
                ForEach(Array(history.charts.enumerated()), id: \.offset) { _, series in
                    Section { SeriesChart(series: series, thresholds: history.thresholds) }
                }
                if !history.results.isEmpty {
                    Section {
                        ForEach(history.results, id: \.id) { MeasureResultRow(result: $0) }
                    }
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
    }
}

/// One measure result: its safety notice before the score, then the core's headline, score
/// text and band, and the date as the core labels it.
struct MeasureResultRow: View {
    let result: MeasureResult

    var body: some View {
        VStack(alignment: .leading, spacing: 6) {
            if let safety = result.safety {
                SafetyNoticeCard(notice: safety)
            }
            Text(result.title).font(.headline)
            Text(result.headline)
            Text(result.scoreText).font(.subheadline)
            if let band = result.bandLabel {
                Text(band).font(.subheadline).foregroundStyle(.secondary)
            }
            Text(result.date).font(.footnote).foregroundStyle(.secondary)
        }
    }
}

/// The safety plan, as the person wrote it (they change it through the safety plan tool).
struct SafetyPlanScreen: View {
    let title: String

    var body: some View {
        LoadedContent(load: { try $0.safetyPlan() }) { plan in
            List {
                ForEach(plan.sections, id: \.title) { section in
                    Section {
                        if section.items.isEmpty {
                            Text(section.prompt).foregroundStyle(.secondary)
                        }
                        ForEach(Array(section.items.enumerated()), id: \.offset) { _, item in Text(item) }
                    } header: {
                        Text(section.title)
                    }
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
    }
}

/// The summary for an appointment: the safety notice first, the core's sections, and the
/// core's plain text to share (the person chooses where it goes).
struct AppointmentSummaryScreen: View {
    let title: String

    var body: some View {
        LoadedContent(load: { try $0.appointmentSummary(from: nil, to: nil, includeFullText: false) }) { report in
            List {
                if let safety = report.safety {
                    Section { SafetyNoticeCard(notice: safety) }
                }
                ForEach(Array(report.sections.enumerated()), id: \.offset) { _, section in
                    Section {
                        ForEach(Array(section.lines.enumerated()), id: \.offset) { _, line in Text(line) }
                    } header: {
                        Text(section.title)
                    }
                }
            }
            .toolbar {
                ToolbarItem(placement: .bottomBar) { ShareLink(item: report.text) }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
    }
}

/// Conversation mode: the banner, the core's conversation menu, and the flow being walked
/// through on the in-memory store.
struct ConversationScreen: View {
    @Environment(AppModel.self) private var model
    let conversation: ConversationModel

    var body: some View {
        Group {
            if let flow = conversation.flow {
                FlowScreen(flow: flow, onFinish: { conversation.closeFlow() })
            } else {
                List {
                    ForEach(conversation.menu, id: \.key) { entry in
                        Button {
                            Task { await conversation.open(entry.action) }
                        } label: {
                            VStack(alignment: .leading, spacing: 4) {
                                Text(entry.label).foregroundStyle(Color.primary)
                                if let detail = entry.detail {
                                    Text(detail).font(.subheadline).foregroundStyle(.secondary)
                                }
                            }
                        }
                        .accessibilityLabel(Text(entry.accessibilityLabel))
                    }
                    if conversation.notice != nil {
                        ErrorNoticeView(notice: conversation.notice)
                    }
                }
                .safeAreaInset(edge: .top) { ConversationBanner(text: conversation.banner) }
                .helpNowToolbar()
            }
        }
    }
}
