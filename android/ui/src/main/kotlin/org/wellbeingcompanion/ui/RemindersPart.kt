package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ReminderSettingsView

/**
 * The reminders part of settings, from the core's `reminder_settings_view()`: the daily
 * check-in reminder and its time (the field starts at the core's suggestion), the measures'
 * and reviews' reminders, the quiet days. Edited here, sent whole to `set_reminder_settings`
 * by its save button, and drawn again from what the core stored; a refused time is shown
 * under its field in the core's words.
 */
@Composable
fun RemindersPart(
    view: ReminderSettingsView,
    refused: Refusal?,
    save: (ReminderSettings) -> Unit,
) {
    val stored = view.settings
    var checkIn by remember(stored) { mutableStateOf(stored.checkInTime != null) }
    var time by remember(stored) { mutableStateOf(stored.checkInTime ?: view.suggestedTime) }
    var measures by remember(stored) { mutableStateOf(stored.measures) }
    var reviews by remember(stored) { mutableStateOf(stored.reviews) }
    var quiet by remember(stored) { mutableStateOf(stored.quietDays.toSet()) }
    Words(view.heading, Modifier.testTag("reminders-heading"), style = MaterialTheme.typography.titleLarge)
    Words(view.detail, style = MaterialTheme.typography.bodyMedium)
    SwitchRow(view.checkInLabel, null, checkIn, "reminders-check-in") { checkIn = it }
    if (checkIn) {
        OutlinedTextField(
            value = time,
            onValueChange = { time = it },
            singleLine = true,
            label = { Words(view.timeLabel) },
            isError = refused?.field == CHECK_IN_TIME_FIELD,
            modifier = Modifier.fillMaxWidth().testTag("reminders-time").semantics { contentDescription = view.timeLabel },
            supportingText = { Words(view.timeHint, style = MaterialTheme.typography.bodyMedium) },
        )
    }
    refused?.let {
        Words(
            it.reason,
            Modifier.testTag("reminders-refused-" + it.field),
            style = MaterialTheme.typography.bodyLarge.copy(color = MaterialTheme.colorScheme.error),
        )
    }
    SwitchRow(view.measuresLabel, view.measuresDetail, measures, "reminders-measures") { measures = it }
    SwitchRow(view.reviewsLabel, view.reviewsDetail, reviews, "reminders-reviews") { reviews = it }
    Words(view.quietDaysLabel, style = MaterialTheme.typography.titleMedium)
    for (choice in view.quietDayChoices) {
        val on = choice.day in quiet
        Row(
            Modifier
                .fillMaxWidth()
                .heightIn(min = 48.dp)
                .toggleable(on, role = Role.Checkbox) { quiet = if (it) quiet + choice.day else quiet - choice.day }
                .testTag("reminders-quiet-" + choice.day.name.lowercase()),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Checkbox(checked = on, onCheckedChange = null)
            Words(choice.label, Modifier.padding(start = 12.dp))
        }
    }
    MainButton(view.saveLabel, "reminders-save", {
        save(
            ReminderSettings(
                checkInTime = if (checkIn) time else null,
                // In the core's order of the week, whatever order they were ticked in.
                quietDays = view.quietDayChoices.map { it.day }.filter { it in quiet },
                measures = measures,
                reviews = reviews,
            ),
        )
    })
}

@Composable
private fun SwitchRow(
    label: String,
    detail: String?,
    on: Boolean,
    tag: String,
    change: (Boolean) -> Unit,
) {
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 52.dp)
            .toggleable(on, role = Role.Switch, onValueChange = change)
            .testTag(tag),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Column(Modifier.weight(1f)) {
            Words(label, style = MaterialTheme.typography.bodyLarge)
            detail?.let { Words(it, style = MaterialTheme.typography.bodyMedium) }
        }
        Switch(checked = on, onCheckedChange = null, modifier = Modifier.padding(start = 12.dp))
    }
}

/** The field name the core's `InvalidInput` gives a refused check-in time. */
private const val CHECK_IN_TIME_FIELD = "check_in_time"
