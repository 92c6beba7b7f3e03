import Foundation
import Observation
import Wellbeing

/// A screen whose content is one core call: loads it off the main actor and keeps the core's
/// answer or the error notice. Week, history, safety plan, appointment summary and Help now
/// are all this shape.
@MainActor
@Observable
public final class Loaded<Value: Sendable> {
    public private(set) var value: Value?
    public private(set) var notice: ErrorNotice?
    public private(set) var loading = false

    private let load: @Sendable () throws -> Value

    public init(_ load: @escaping @Sendable () throws -> Value) {
        self.load = load
    }

    public func reload() async {
        loading = true
        defer { loading = false }
        do {
            let load = self.load
            value = try await offMain { try load() }
            notice = nil
        } catch {
            notice = ErrorNotice(error)
        }
    }
}

/// What a history screen draws: the core's charts and, for measures, each result with its
/// safety notice first.
public struct HistoryContent: Sendable {
    public var charts: [ChartSeries]
    public var thresholds: [MeasureThreshold]
    public var results: [MeasureResult]

    public init(charts: [ChartSeries], thresholds: [MeasureThreshold] = [], results: [MeasureResult] = []) {
        self.charts = charts
        self.thresholds = thresholds
        self.results = results
    }
}

/// How many rows a history screen asks for at once (a screenful or two; the core pages).
let historyPageSize: UInt32 = 52

extension WellbeingStore {
    /// The history the core keeps for a tool. Which call serves which tool is the only thing
    /// decided here; every series, label and description is the core's.
    public func history(of tool: ToolId) throws -> HistoryContent {
        if let measure = tool.measure {
            let page = try measureHistory(measure: measure, offset: 0, limit: historyPageSize)
            return HistoryContent(charts: page.chart, thresholds: page.thresholds, results: page.results)
        }
        switch tool {
        case .fiveWaysLog, .fiveWaysPlan, .fiveWaysReview:
            return HistoryContent(charts: try fiveWaysHistory(before: nil, limit: historyPageSize).series)
        case .fiveAreas, .fiveAreasReview:
            return HistoryContent(charts: try fiveAreasHistory(offset: 0, limit: historyPageSize).charts)
        case .thoughtRecord:
            return HistoryContent(charts: try thoughtRecordHistory(offset: 0, limit: historyPageSize).charts)
        case .checkin, .scaleImportance, .scaleConfidence, .scaleReadiness, .scaleSolutionFocused, .scaleCustom:
            let charts = try scalingScales().map { try scalingHistory(scaleId: $0.scaleId, page: 0, pageSize: historyPageSize).chart }
            return HistoryContent(charts: charts)
        case .connectionsMap, .connectionsRemap, .connectionsPlan, .connectionsReview:
            return HistoryContent(charts: try connectionsView().layout?.series ?? [])
        case .phq9, .gad7, .ons4, .swemwbs, .safetyPlan:
            return HistoryContent(charts: [])
        }
    }
}

extension ToolId {
    /// The measure a measure tool takes (the four measures are tools too).
    var measure: MeasureId? {
        switch self {
        case .phq9: return .phq9
        case .gad7: return .gad7
        case .ons4: return .ons4
        case .swemwbs: return .swemwbs
        default: return nil
        }
    }
}
