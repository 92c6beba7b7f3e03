package org.wellbeingcompanion.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Switch
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.AppointmentReport
import uniffi.wellbeing.AppointmentSummaryView
import uniffi.wellbeing.ReportChart
import uniffi.wellbeing.ReportChartKind
import uniffi.wellbeing.ReportSection
import uniffi.wellbeing.ShellText
import uniffi.wellbeing.SummaryPeriod

/**
 * What the shell hands the platform's share sheet: the core's plain text, its HTML for an app
 * that takes it, the summary's heading as the subject, and the chooser's title. The app fills
 * the callback with an `Intent.ACTION_SEND` chooser; the desktop tests record it.
 */
data class SummaryShare(
    val text: String,
    val html: String,
    val subject: String,
    val chooserTitle: String,
)

/**
 * The summary for an appointment. Before it is made: the core's periods (each with its days
 * in words), two date fields for days of the person's own, whether the full text of
 * worksheets and thought records goes in, and the summaries made before. Once made: the
 * core's safety notice first, then its opening lines and sections, then Share. The core
 * checks the days; a refusal is shown under the field it names, in the core's words.
 */
@Composable
fun AppointmentSummaryScreen(
    view: AppointmentSummaryView,
    report: AppointmentReport?,
    refused: Refusal?,
    words: ShellText,
    actions: AppointmentSummaryActions,
) {
    if (report != null) {
        MadeSummary(view, report, words, actions)
    } else {
        ChooseSummary(view, refused, words, actions)
    }
}

@Composable
private fun ChooseSummary(
    view: AppointmentSummaryView,
    refused: Refusal?,
    words: ShellText,
    actions: AppointmentSummaryActions,
) {
    var chosen by remember { mutableStateOf(SummaryPeriod.SINCE_LAST_SUMMARY) }
    var from by remember { mutableStateOf("") }
    var to by remember { mutableStateOf("") }
    var fullText by remember { mutableStateOf(false) }
    ScreenColumn(tag = "appointment-summary-screen") {
        Heading(view.title)
        Words(view.intro, style = MaterialTheme.typography.bodyLarge)
        Words(view.periodHeading, style = MaterialTheme.typography.titleLarge)
        for (choice in view.periodChoices) {
            Row(
                Modifier
                    .fillMaxWidth()
                    .heightIn(min = 56.dp)
                    .selectable(choice.period == chosen, role = Role.RadioButton) { chosen = choice.period }
                    .testTag("summary-period-" + choice.period.tag()),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = choice.period == chosen, onClick = null)
                Column(Modifier.padding(start = 12.dp)) {
                    Words(choice.label, style = MaterialTheme.typography.titleMedium)
                    Words(choice.detail, style = MaterialTheme.typography.bodyMedium)
                }
            }
        }
        if (chosen == SummaryPeriod.CHOSEN_DATES) {
            DateField(view.fromLabel, view.dateHint, from, FROM_FIELD, refused) { from = it }
            DateField(view.toLabel, view.dateHint, to, TO_FIELD, refused) { to = it }
        }
        // A refusal of another field than the two dates still shows, in the core's words.
        refused?.takeIf { it.field != FROM_FIELD && it.field != TO_FIELD }?.let { RefusedLine(it) }
        Row(
            Modifier
                .fillMaxWidth()
                .heightIn(min = 56.dp)
                .toggleable(fullText, role = Role.Switch) { fullText = it }
                .testTag("summary-full-text"),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Column(Modifier.weight(1f)) {
                Words(view.fullTextLabel, style = MaterialTheme.typography.titleMedium)
                Words(view.fullTextDetail, style = MaterialTheme.typography.bodyMedium)
            }
            Switch(checked = fullText, onCheckedChange = null, modifier = Modifier.padding(start = 12.dp))
        }
        val choice = view.periodChoices.first { it.period == chosen }
        val own = chosen == SummaryPeriod.CHOSEN_DATES
        MainButton(view.makeLabel, "summary-make", {
            if (own) actions.make(from.trim(), to.trim(), fullText) else actions.make(choice.from, choice.to, fullText)
        }, enabled = !own || (from.isNotBlank() && to.isNotBlank()))
        Words(view.historyHeading, style = MaterialTheme.typography.titleLarge)
        if (view.history.isEmpty()) Words(view.historyEmpty, Modifier.testTag("summary-history-empty"))
        for (row in view.history) {
            Card(Modifier.fillMaxWidth().testTag("summary-history-" + row.id)) {
                Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    Words(row.label, style = MaterialTheme.typography.titleMedium)
                    Words(row.detail, style = MaterialTheme.typography.bodyMedium)
                    // The same days and choice of full text, made again by the core.
                    OtherButton(
                        view.againLabel,
                        "summary-again-" + row.id,
                        { actions.make(row.from, row.to, row.includeFullText) },
                        description = view.againLabel + ": " + row.label,
                    )
                }
            }
        }
        MainButton(words.back, "summary-done", actions::done)
    }
}

@Composable
private fun DateField(
    label: String,
    hint: String,
    value: String,
    field: String,
    refused: Refusal?,
    onChange: (String) -> Unit,
) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        singleLine = true,
        label = { Words(label) },
        isError = refused?.field == field,
        modifier = Modifier.fillMaxWidth().testTag("summary-$field").semantics { contentDescription = label },
        supportingText = { Words(hint, style = MaterialTheme.typography.bodyMedium) },
    )
    refused?.takeIf { it.field == field }?.let { RefusedLine(it) }
}

/** The core's reason for refusing [refused]'s field, under it. */
@Composable
fun RefusedLine(refused: Refusal) {
    Words(
        refused.reason,
        Modifier.testTag("summary-refused-" + refused.field),
        style = MaterialTheme.typography.bodyLarge.copy(color = MaterialTheme.colorScheme.error),
    )
}

@Composable
private fun MadeSummary(
    view: AppointmentSummaryView,
    report: AppointmentReport,
    words: ShellText,
    actions: AppointmentSummaryActions,
) {
    ScreenColumn(tag = "appointment-report-screen") {
        SafetyFirst(report.safety)
        Heading(report.heading)
        Words(report.periodLine, Modifier.testTag("report-period"), style = MaterialTheme.typography.titleMedium)
        Words(report.note, style = MaterialTheme.typography.bodyMedium)
        for (section in report.sections) ReportSectionCard(section)
        MainButton(view.shareLabel, "summary-share", {
            actions.share(SummaryShare(report.text, report.html, report.heading, view.shareTitle))
        })
        OtherButton(view.anotherLabel, "summary-another", actions::another)
        OtherButton(words.done, "summary-report-done", actions::done)
    }
}

/** One of the core's sections: its title, lines, charts (with their words), tables, entries. */
@Composable
private fun ReportSectionCard(section: ReportSection) {
    Card(Modifier.fillMaxWidth().testTag("report-section-" + section.id)) {
        Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Words(section.title, style = MaterialTheme.typography.titleLarge)
            for (line in section.lines) Words(line, style = MaterialTheme.typography.bodyLarge)
            for (chart in section.charts) ReportChartPart(chart)
            // The core gives a measure's entry (its change) and its table (its scores) at the same
            // place in each list: drawn together under one heading.
            for (i in 0 until maxOf(section.entries.size, section.tables.size)) {
                val entry = section.entries.getOrNull(i)
                val table = section.tables.getOrNull(i)
                val heading = entry?.heading ?: table?.caption
                heading?.let { Words(it, style = MaterialTheme.typography.titleMedium) }
                table?.let { t ->
                    if (t.caption != heading) Words(t.caption, style = MaterialTheme.typography.titleMedium)
                    for (row in t.rows) {
                        Words(
                            t.headers.zip(row).joinToString("\n") { (h, cell) -> "$h: $cell" },
                            style = MaterialTheme.typography.bodyMedium,
                        )
                    }
                }
                entry?.lines?.forEach { Words(it, style = MaterialTheme.typography.bodyMedium) }
            }
        }
    }
}

/**
 * A chart of the summary drawn from the core's series (lines with gaps where a day has no
 * value, or bars), with the core's description beside it and as what a screen reader says.
 * A map of connections is the core's own drawing (SVG) in the HTML; here its words stand in.
 */
@Composable
private fun ReportChartPart(chart: ReportChart) {
    Words(chart.title, style = MaterialTheme.typography.titleMedium)
    if (chart.kind != ReportChartKind.ECOMAP && chart.series.isNotEmpty()) {
        val ink = MaterialTheme.colorScheme.primary
        val grid = MaterialTheme.colorScheme.outlineVariant
        Canvas(
            Modifier
                .fillMaxWidth()
                .height(120.dp)
                .testTag("report-chart-" + chart.id)
                .semantics { contentDescription = chart.description },
        ) {
            drawRect(grid, style = Stroke(width = 2f), size = Size(size.width, size.height))
            val series = if (chart.kind == ReportChartKind.BAR) chart.series.take(1) else chart.series
            for (s in series) {
                val n = s.points.size
                if (n == 0) continue
                val span = (s.axisMax - s.axisMin).takeIf { it > 0 } ?: 1.0
                val stepX = size.width / n
                var last: Offset? = null
                s.points.forEachIndexed { i, p ->
                    val v = p.value
                    if (v == null) {
                        last = null
                    } else {
                        val x = stepX * (i + 0.5f)
                        val y = size.height - ((v - s.axisMin) / span * size.height).toFloat()
                        if (chart.kind == ReportChartKind.BAR) {
                            drawRect(ink, Offset(x - stepX * 0.3f, y), Size(stepX * 0.6f, size.height - y))
                        } else {
                            val here = Offset(x, y.coerceIn(4f, size.height - 4f))
                            last?.let { drawLine(ink, it, here, strokeWidth = 3.dp.toPx()) }
                            drawCircle(ink, 4.dp.toPx(), here)
                            last = here
                        }
                    }
                }
            }
        }
    }
    Words(chart.description, style = MaterialTheme.typography.bodyMedium)
}

/** A stable test tag for a period, from the period itself (never its wording). */
fun SummaryPeriod.tag(): String = name.lowercase().replace('_', '-')

/** The fields the core's `InvalidInput` names for a summary's first and last day. */
private const val FROM_FIELD = "from"
private const val TO_FIELD = "to"

/** What the summary screen can ask for. */
interface AppointmentSummaryActions {
    /** `null` days are the core's default (since the last summary). */
    fun make(
        from: String?,
        to: String?,
        fullText: Boolean,
    )

    fun share(share: SummaryShare)

    /** Back from a made summary to choosing days again. */
    fun another()

    fun done()
}
