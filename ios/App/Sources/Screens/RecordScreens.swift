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

/// A tool's history: My connections' latest map first (drawn from the core's layout), the
/// core's charts (with reference lines for measures), then the saved entries as the core
/// lists them, each to change (when the core allows it) or delete (after the core's
/// question). For a measure, every result keeps its safety notice first.
struct HistoryScreen: View {
    @Environment(AppModel.self) private var model
    let records: RecordsModel
    let title: String

    var body: some View {
        LoadedContent(load: { [tool = records.tool] in try $0.history(of: tool) }) { history in
            List {
                if let connections = records.connections {
                    Section { ConnectionsPart(view: connections) }
                }
                ForEach(Array(history.charts.enumerated()), id: \.offset) { _, series in
                    Section { SeriesChart(series: series, thresholds: history.thresholds) }
                }
                if !history.results.isEmpty {
                    Section {
                        ForEach(history.results, id: \.id) { MeasureResultRow(result: $0) }
                    }
                }
                if let list = records.list {
                    RecordRows(list: list, records: records)
                }
                if records.notice != nil {
                    ErrorNoticeView(notice: records.notice)
                }
            }
        }
        .navigationTitle(title)
        .helpNowToolbar()
        // Again on every return: an entry changed through its walk-through reads anew.
        .onAppear { Task { await records.load() } }
    }
}

/// The saved entries: each row's words, change and delete, the core's question before a
/// delete and its word once done.
struct RecordRows: View {
    @Environment(AppModel.self) private var model
    let list: RecordList
    let records: RecordsModel

    var body: some View {
        Section {
            if let said = records.said {
                Text(said).font(.subheadline.weight(.semibold)).accessibilityIdentifier("records-said")
            }
            if list.rows.isEmpty {
                Text(list.emptyText).foregroundStyle(.secondary)
            }
            ForEach(list.rows, id: \.id) { row in
                VStack(alignment: .leading, spacing: 8) {
                    VStack(alignment: .leading, spacing: 4) {
                        Text(row.label).font(.headline)
                        Text(row.detail).font(.subheadline).foregroundStyle(.secondary)
                    }
                    .accessibilityElement(children: .combine)
                    // Both in sight, not behind a swipe: borderless, so a tap on one is not
                    // a tap on the row.
                    HStack(spacing: 16) {
                        if let edit = list.editLabel {
                            Button(edit) { Task { await model.edit(row, in: records) } }
                                .accessibilityValue(Text(row.label))
                        }
                        Button(list.deleteLabel, role: .destructive) { records.askDelete(row) }
                            .accessibilityValue(Text(row.label))
                    }
                    .buttonStyle(.borderless)
                }
            }
        } header: {
            Text(list.title)
        }
        .confirmationDialog(records.confirming?.label ?? list.title,
                            isPresented: Binding(get: { records.confirming != nil },
                                                 set: { if !$0 { records.keep() } }),
                            titleVisibility: .visible,
                            // The row travels with the dialog: dismissing it (which clears
                            // `confirming`) happens before the button's task runs.
                            presenting: records.confirming) { row in
            Button(list.deleteLabel, role: .destructive) { Task { await records.confirmDelete(row) } }
            Button(model.text.no, role: .cancel) { records.keep() }
        } message: { _ in
            Text(list.confirmDelete)
        }
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
