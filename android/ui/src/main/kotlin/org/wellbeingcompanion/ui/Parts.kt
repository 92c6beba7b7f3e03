package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.CrisisContact
import uniffi.wellbeing.SafetyNotice

/** A screen's body: scrolls, so nothing is cut off at large font sizes. */
@Composable
fun ScreenColumn(
    tag: String,
    content: @Composable ColumnScope.() -> Unit,
) {
    Column(
        modifier =
            Modifier
                .fillMaxSize()
                .testTag(tag)
                .verticalScroll(rememberScrollState())
                .padding(horizontal = 20.dp, vertical = 16.dp),
        verticalArrangement = Arrangement.spacedBy(14.dp),
        content = content,
    )
}

@Composable
fun Heading(text: String) {
    Words(text, Modifier.semantics { heading() }, style = MaterialTheme.typography.headlineSmall)
}

/** The main action of a screen; at least 56dp tall (touch targets well above 48dp). */
@Composable
fun MainButton(
    text: String,
    tag: String,
    onClick: () -> Unit,
    enabled: Boolean = true,
) {
    Button(
        onClick = onClick,
        enabled = enabled,
        modifier = Modifier.fillMaxWidth().heightIn(min = 56.dp).testTag(tag),
    ) { Words(text, style = MaterialTheme.typography.labelLarge) }
}

@Composable
fun OtherButton(
    text: String,
    tag: String,
    onClick: () -> Unit,
    description: String? = null,
) {
    OutlinedButton(
        onClick = onClick,
        modifier =
            Modifier.fillMaxWidth().heightIn(min = 56.dp).testTag(tag).let { m ->
                if (description != null) m.semantics { contentDescription = description } else m
            },
    ) { Words(text, style = MaterialTheme.typography.labelLarge) }
}

/**
 * The core's safety notice, drawn before anything else on a screen that carries one and kept
 * there until the person moves on: its heading and detail, why it is shown, the crisis
 * contacts it lists (right there, not a link away) and, in conversation mode, what the staff
 * member should do now. Urgent notices use the error colours; the gentle kind is offered, not
 * pressed on the person. Every word is the core's.
 */
@Composable
fun SafetyFirst(
    notice: SafetyNotice?,
    onAcknowledge: (() -> Unit)? = null,
) {
    if (notice == null) return
    val colors =
        if (notice.urgent) {
            CardDefaults.cardColors(
                containerColor = MaterialTheme.colorScheme.errorContainer,
                contentColor = MaterialTheme.colorScheme.onErrorContainer,
            )
        } else {
            CardDefaults.cardColors(
                containerColor = MaterialTheme.colorScheme.secondaryContainer,
                contentColor = MaterialTheme.colorScheme.onSecondaryContainer,
            )
        }
    Card(modifier = Modifier.fillMaxWidth().testTag("safety-notice"), colors = colors) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(10.dp)) {
            Words(notice.heading, Modifier.testTag("safety-heading"), style = MaterialTheme.typography.titleLarge)
            Words(notice.detail)
            for (flag in notice.flags) {
                Words(flag.title, style = MaterialTheme.typography.titleMedium)
                Words(flag.detail)
            }
            for (contact in notice.contacts) ContactCard(contact)
            notice.staffGuidance?.let { guidance ->
                Column(Modifier.testTag("staff-guidance"), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                    Words(guidance.heading, style = MaterialTheme.typography.titleMedium)
                    guidance.steps.forEachIndexed { i, line -> Words("${i + 1}. " + line) }
                }
            }
            onAcknowledge?.let { OtherButton(notice.acknowledgeLabel, "safety-acknowledge", it) }
        }
    }
}

@Composable
fun ContactCard(contact: CrisisContact) {
    Card(
        modifier = Modifier.fillMaxWidth().testTag("contact-" + contact.id),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surface),
    ) {
        Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            Words(contact.name, style = MaterialTheme.typography.titleMedium)
            for (way in contact.ways) {
                // On Android the way's uri (tel:, sms:, https:) is what a tap opens; see MainActivity.
                // The core's label usually names the number already ("Call 999"); never say it twice.
                val line = if (way.label.contains(way.value)) way.label else way.label + ": " + way.value
                Words(line, style = MaterialTheme.typography.bodyLarge, bold = true)
                way.note?.let { Words(it, style = MaterialTheme.typography.bodyMedium) }
            }
            Words(contact.`when`, style = MaterialTheme.typography.bodyMedium)
            Words(contact.whoFor, style = MaterialTheme.typography.bodyMedium)
        }
    }
}

/** The Help now button shown on top of every screen. */
@Composable
fun HelpNowButton(
    text: String,
    onClick: () -> Unit,
) {
    Button(
        onClick = onClick,
        modifier = Modifier.heightIn(min = 52.dp).testTag("help-now"),
        colors =
            ButtonDefaults.buttonColors(
                containerColor = MaterialTheme.colorScheme.errorContainer,
                contentColor = MaterialTheme.colorScheme.onErrorContainer,
            ),
    ) { Words(text, style = MaterialTheme.typography.labelLarge) }
}
