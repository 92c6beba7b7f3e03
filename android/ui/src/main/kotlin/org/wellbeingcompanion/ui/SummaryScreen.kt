package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.FlowSummary
import uniffi.wellbeing.ShellText

/**
 * A finished walk, as the core summed it up: any safety notice first (with the ways to get help),
 * then the headline and the answers, then what to do. Stored walks are saved or discarded here
 * (discarding asks first); conversation walks are handed over, never saved.
 */
@Composable
fun SummaryScreen(
    summary: FlowSummary,
    keeping: Keeping,
    confirmingDiscard: Boolean,
    words: ShellText,
    actions: SummaryActions,
) {
    ScreenColumn(tag = "summary-screen") {
        if (keeping == Keeping.ConversationOnly) ConversationBanner(words.conversationBanner)
        SafetyFirst(summary.safety)
        SummaryBody(summary)
        if (keeping == Keeping.Stored) {
            MainButton(words.save, "summary-save", actions::save)
        } else {
            MainButton(words.finish, "summary-handoff", actions::handOff)
        }
        OtherButton(words.back, "summary-back", actions::back)
        OtherButton(words.discard, "summary-discard", actions::askDiscard)
    }
    if (confirmingDiscard) {
        AlertDialog(
            onDismissRequest = actions::keep,
            title = { Words(words.confirmDiscardTitle, style = MaterialTheme.typography.titleLarge) },
            text = { Words(words.confirmDiscardDetail) },
            confirmButton = {
                TextButton(onClick = actions::confirmDiscard, modifier = Modifier.testTag("confirm-discard")) {
                    Words(words.discard)
                }
            },
            dismissButton = {
                TextButton(onClick = actions::keep, modifier = Modifier.testTag("keep-summary")) { Words(words.no) }
            },
        )
    }
}

/** The core's summary text: title, headline (a measure's score), the answers, the advice. */
@Composable
fun SummaryBody(summary: FlowSummary) {
    Heading(summary.title)
    summary.headline?.let { Words(it, Modifier.testTag("summary-headline"), style = MaterialTheme.typography.titleLarge) }
    Card(Modifier.fillMaxWidth().testTag("summary-items")) {
        Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(10.dp)) {
            for (item in summary.items) {
                Words(item.label, style = MaterialTheme.typography.titleMedium)
                Words(item.value, style = MaterialTheme.typography.bodyLarge)
            }
        }
    }
    for (line in summary.advice) Words(line, Modifier.testTag("summary-advice"), style = MaterialTheme.typography.bodyLarge)
}

/** After saving: what was kept, and the way home. */
@Composable
fun SavedScreen(
    summary: FlowSummary,
    words: ShellText,
    onDone: () -> Unit,
) {
    ScreenColumn(tag = "saved-screen") {
        SafetyFirst(summary.safety)
        Words(words.saved, Modifier.testTag("saved-confirmation"), style = MaterialTheme.typography.titleLarge)
        SummaryBody(summary)
        MainButton(words.done, "saved-done", onDone)
    }
}

/** What the summary screen can ask for. */
interface SummaryActions {
    fun save()

    fun askDiscard()

    fun confirmDiscard()

    fun keep()

    fun back()

    fun handOff()
}
