package org.wellbeingcompanion.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.ChartSeries
import uniffi.wellbeing.ShellText
import uniffi.wellbeing.WeekView

/** The week at a glance: the core's chart series drawn as they are, and each day's tally. */
@Composable
fun WeekScreen(
    week: WeekView,
    words: ShellText,
    onDone: () -> Unit,
) {
    ScreenColumn(tag = "week-screen") {
        SafetyFirst(week.safety)
        Heading(week.label)
        SeriesChart(week.checkInSeries)
        Words(week.fiveWays.label, style = MaterialTheme.typography.titleMedium)
        for (count in week.fiveWays.counts) {
            Words(count.title + ": " + count.count, Modifier.testTag("week-way-" + count.wayId), style = MaterialTheme.typography.bodyLarge)
        }
        Card(Modifier.fillMaxWidth()) {
            Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                for (day in week.days) {
                    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
                        Words(day.label, style = MaterialTheme.typography.bodyLarge, bold = day.isToday)
                        Words(day.checkIn?.let { formatValue(it) } ?: "–", style = MaterialTheme.typography.bodyLarge)
                    }
                }
            }
        }
        MainButton(words.done, "week-done", onDone)
    }
}

/**
 * A chart drawn straight from the core's [ChartSeries]: its axis range, its points, its gaps
 * (a missing value is a gap, never a zero). A screen reader hears the series' own description.
 *
 * TODO(chart description): use series.description as the contentDescription when it lands; the
 * label is what the core gives until then.
 */
@Composable
fun SeriesChart(series: ChartSeries) {
    val line = MaterialTheme.colorScheme.primary
    val grid = MaterialTheme.colorScheme.outlineVariant
    Column(verticalArrangement = Arrangement.spacedBy(6.dp)) {
        Words(series.label, style = MaterialTheme.typography.titleMedium)
        Canvas(
            modifier =
                Modifier
                    .fillMaxWidth()
                    .height(160.dp)
                    .testTag("chart-" + series.id)
                    .semantics { contentDescription = series.label },
        ) {
            val span = (series.axisMax - series.axisMin).takeIf { it > 0 } ?: 1.0
            val n = series.points.size
            drawRect(grid, style = Stroke(width = 2f), size = Size(size.width, size.height))
            if (n == 0) return@Canvas
            val stepX = size.width / n
            val radius = 9.dp.toPx()
            var last: Offset? = null
            series.points.forEachIndexed { i, p ->
                val v = p.value
                if (v == null) {
                    last = null
                } else {
                    val x = stepX * (i + 0.5f)
                    val y = size.height - ((v - series.axisMin) / span * (size.height - 2 * radius)).toFloat() - radius
                    val here = Offset(x, y)
                    last?.let { drawLine(line, it, here, strokeWidth = 4.dp.toPx()) }
                    drawCircle(line, radius, here)
                    last = here
                }
            }
        }
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceAround) {
            for (p in series.points) Words(p.label, style = MaterialTheme.typography.bodyMedium)
        }
    }
}

private fun formatValue(v: Double): String = if (v % 1.0 == 0.0) v.toLong().toString() else v.toString()
