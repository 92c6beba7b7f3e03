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
import uniffi.wellbeing.ConnectionsView
import uniffi.wellbeing.RecordList
import uniffi.wellbeing.RecordRow
import uniffi.wellbeing.ShellText

/**
 * A tool's saved entries as the core lists them, newest first: each row's words, a button to
 * change it (when the core says its entries can be changed) and one to delete it, which asks
 * first with the core's question. Every word is the core's.
 */
@Composable
fun RecordsScreen(
    list: RecordList,
    confirming: RecordRow?,
    said: String?,
    words: ShellText,
    actions: RecordActions,
    connections: ConnectionsView? = null,
) {
    ScreenColumn(tag = "records-screen") {
        Heading(list.title)
        connections?.let { ConnectionsPart(it) }
        said?.let { Words(it, Modifier.testTag("records-said"), style = MaterialTheme.typography.titleMedium) }
        if (list.rows.isEmpty()) Words(list.emptyText, Modifier.testTag("records-empty"))
        for (row in list.rows) {
            Card(Modifier.fillMaxWidth().testTag("record-" + row.id)) {
                Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    Words(row.label, style = MaterialTheme.typography.titleMedium)
                    Words(row.detail, style = MaterialTheme.typography.bodyMedium)
                    list.editLabel?.let {
                        OtherButton(
                            it,
                            "record-edit-" + row.id,
                            { actions.edit(row) },
                            description =
                                it + ": " + row.label,
                        )
                    }
                    OtherButton(
                        list.deleteLabel,
                        "record-delete-" + row.id,
                        { actions.askDelete(row) },
                        description =
                            list.deleteLabel + ": " + row.label,
                    )
                }
            }
        }
        MainButton(words.back, "records-done", actions::done)
    }
    if (confirming != null) {
        AlertDialog(
            onDismissRequest = actions::keep,
            title = { Words(confirming.label, style = MaterialTheme.typography.titleLarge) },
            text = { Words(list.confirmDelete) },
            confirmButton = {
                TextButton(onClick = { actions.confirmDelete(confirming) }, modifier = Modifier.testTag("confirm-delete")) {
                    Words(list.deleteLabel)
                }
            },
            dismissButton = {
                TextButton(onClick = actions::keep, modifier = Modifier.testTag("keep-record")) { Words(words.no) }
            },
        )
    }
}

/** What the records screen can ask for. */
interface RecordActions {
    fun edit(row: RecordRow)

    fun askDelete(row: RecordRow)

    fun confirmDelete(row: RecordRow)

    fun keep()

    fun done()
}
