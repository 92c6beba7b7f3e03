package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.HomeView
import uniffi.wellbeing.MenuEntry
import uniffi.wellbeing.NavAction

/**
 * Home exactly as the core's [HomeView] lays it out: its sections in order (support first when
 * there is a safety flag), each entry drawn with its label, detail and badge and tapped by its
 * [NavAction]. The shell adds no entry and drops none.
 */
@Composable
fun HomeScreen(
    home: HomeView,
    onAction: (NavAction) -> Unit,
) {
    // The notice stays until the person says they have read it; after that, for as long as home
    // is shown, the support section (the core's, first) is what is left of it.
    var acknowledged by rememberSaveable(home.safety) { mutableStateOf(false) }
    ScreenColumn(tag = "home-screen") {
        if (!acknowledged) SafetyFirst(home.safety) { acknowledged = true }
        Heading(home.dateLabel)
        Words(home.today.checkInLabel, Modifier.testTag("home-checkin"), style = MaterialTheme.typography.titleMedium)
        for (section in home.sections) {
            Words(section.heading, Modifier.testTag("home-section-" + section.kind.name), style = MaterialTheme.typography.titleLarge)
            for (entry in section.entries) Entry(entry, "home-") { onAction(entry.action) }
        }
    }
}

/** One tappable entry of a core menu: the core's label, detail, badge and screen-reader label. */
@Composable
fun Entry(
    entry: MenuEntry,
    tagPrefix: String,
    onClick: () -> Unit,
) {
    Card(
        onClick = onClick,
        modifier =
            Modifier
                .fillMaxWidth()
                .heightIn(min = 56.dp)
                .testTag(entry.action.tag(tagPrefix))
                .semantics {
                    role = Role.Button
                    contentDescription = entry.accessibilityLabel
                },
    ) {
        Column(Modifier.padding(14.dp)) {
            Words(entry.label, style = MaterialTheme.typography.titleMedium)
            entry.detail?.let { Words(it, style = MaterialTheme.typography.bodyMedium) }
            entry.badge?.let { Words(it, style = MaterialTheme.typography.labelLarge, bold = true) }
        }
    }
}
