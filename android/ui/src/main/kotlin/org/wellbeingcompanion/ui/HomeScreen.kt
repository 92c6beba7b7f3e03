package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.DraftInfo
import uniffi.wellbeing.TodayView
import uniffi.wellbeing.ToolInfo

/** What a home entry does when tapped; the holder turns each into a core call. */
interface HomeActions {
    fun tool(tool: ToolInfo)

    fun draft(draft: DraftInfo)

    fun week()

    fun safetyPlan()

    fun conversation()
}

/**
 * Home, as the core describes today: safety flags first, the day's check-in, drafts to carry on
 * with, then the core's list of tools in the core's order.
 *
 * TODO(home): draw HomeView (sections of MenuEntry, each tapped by its NavAction) once store.home()
 * lands; this screen then loses its own entries for the week, the safety plan and conversation mode.
 */
@Composable
fun HomeScreen(
    today: TodayView,
    tools: List<ToolInfo>,
    drafts: List<DraftInfo>,
    words: ShellWords,
    actions: HomeActions,
) {
    ScreenColumn(tag = "home-screen") {
        Heading(today.dateLabel)
        for (flag in today.safetyFlags) {
            Card(Modifier.fillMaxWidth().testTag("home-safety")) {
                Column(Modifier.padding(14.dp)) {
                    Words(flag.title, style = MaterialTheme.typography.titleLarge)
                    Words(flag.detail)
                }
            }
        }
        Words(today.checkInLabel, Modifier.testTag("home-checkin"), style = MaterialTheme.typography.titleMedium)
        for (draft in drafts) {
            Entry(draft.title, null, "home-draft-" + draft.id) { actions.draft(draft) }
        }
        for (tool in tools) {
            Entry(tool.title, tool.summary, "home-tool-" + tool.id) { actions.tool(tool) }
        }
        Entry(words.week, null, "home-week", actions::week)
        Entry(words.safetyPlan, null, "home-safety-plan", actions::safetyPlan)
        Entry(words.conversation, null, "home-conversation", actions::conversation)
    }
}

/** One tappable entry: its title, and a line of detail when the core gives one. */
@Composable
fun Entry(
    title: String,
    detail: String?,
    tag: String,
    onClick: () -> Unit,
) {
    Card(
        onClick = onClick,
        modifier =
            Modifier
                .fillMaxWidth()
                .heightIn(min = 56.dp)
                .testTag(tag)
                .semantics {
                    role = Role.Button
                    contentDescription = if (detail == null) title else "$title. $detail"
                },
    ) {
        Column(Modifier.padding(14.dp)) {
            Words(title, style = MaterialTheme.typography.titleMedium)
            detail?.let { Words(it, style = MaterialTheme.typography.bodyMedium) }
        }
    }
}
