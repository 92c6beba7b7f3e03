import Charts
import CompanionModels
import SwiftUI
import Wellbeing

/// One of the core's chart series in Swift Charts. Points without a value are gaps (no
/// mark). The axis range, point labels and any reference lines are the core's; VoiceOver reads
/// the core's text description of the series instead of the marks.
struct SeriesChart: View {
    let series: ChartSeries
    var thresholds: [MeasureThreshold] = []
    @ScaledMetric(relativeTo: .body) private var height: CGFloat = 180

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(series.label).font(.subheadline.weight(.semibold))
            Chart {
                ForEach(Array(series.points.enumerated()), id: \.offset) { _, point in
                    if let value = point.value {
                        LineMark(x: .value(series.label, point.label), y: .value(series.label, value))
                            .interpolationMethod(.monotone)
                        PointMark(x: .value(series.label, point.label), y: .value(series.label, value))
                    }
                }
                ForEach(Array(thresholds.filter { $0.seriesId == series.id }.enumerated()), id: \.offset) { _, line in
                    RuleMark(y: .value(line.label, line.value))
                        .foregroundStyle(.secondary)
                        .lineStyle(StrokeStyle(lineWidth: 1, dash: [4, 4]))
                        .annotation(position: .top, alignment: .leading) {
                            Text(line.label).font(.caption2).foregroundStyle(.secondary)
                        }
                }
            }
            .chartXScale(domain: series.points.map(\.label))
            .chartYScale(domain: series.axisMin...series.axisMax)
            .frame(minHeight: height)
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text(series.description))
    }
}
