package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.CrisisContact
import uniffi.wellbeing.SafetyHelpNow
import uniffi.wellbeing.SafetyPlan
import uniffi.wellbeing.ShellText

/**
 * Help now: the crisis contacts first, then the person's own safety plan. Reached in one tap from
 * every screen, and shown by itself when the store cannot be opened (then from the contacts the
 * core gives with no store at all).
 */
@Composable
fun HelpNowScreen(
    help: SafetyHelpNow?,
    contacts: List<CrisisContact>,
    storeUnavailable: Boolean,
    words: ShellText,
    onDone: (() -> Unit)?,
) {
    ScreenColumn(tag = "help-now-screen") {
        if (storeUnavailable) {
            Words(words.somethingWentWrong, Modifier.testTag("store-unavailable"), style = MaterialTheme.typography.titleMedium)
        }
        if (help != null) {
            Heading(help.title)
            Words(help.intro, style = MaterialTheme.typography.bodyLarge)
        } else {
            Heading(words.helpNow)
        }
        for (contact in help?.contacts ?: contacts) ContactCard(contact)
        if (help != null) {
            Words(help.planHeading, style = MaterialTheme.typography.titleLarge)
            val plan = help.plan
            if (plan != null && !plan.isEmpty) PlanSections(plan) else help.noPlanText?.let { Words(it, Modifier.testTag("no-plan")) }
        }
        if (onDone != null) MainButton(words.back, "help-back", onDone)
    }
}

/** The plan's sections in the core's order, each with the person's own items. */
@Composable
fun PlanSections(plan: SafetyPlan) {
    for (section in plan.sections) {
        if (section.items.isEmpty()) continue
        Card(Modifier.fillMaxWidth().testTag("plan-" + section.section.name)) {
            Column(Modifier.padding(14.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
                Words(section.title, style = MaterialTheme.typography.titleMedium)
                for (item in section.items) Words("• $item", style = MaterialTheme.typography.bodyLarge)
            }
        }
    }
}

/** The safety plan: what the person wrote, section by section; editing walks the plan's own tool. */
@Composable
fun SafetyPlanScreen(
    plan: SafetyPlan,
    words: ShellText,
    onEdit: () -> Unit,
    onDone: () -> Unit,
) {
    ScreenColumn(tag = "safety-plan-screen") {
        Heading(plan.title)
        if (plan.isEmpty) {
            for (section in plan.sections) {
                Words(section.title, style = MaterialTheme.typography.titleMedium)
                Words(section.prompt, style = MaterialTheme.typography.bodyLarge)
            }
        } else {
            PlanSections(plan)
        }
        MainButton(plan.title, "plan-edit", onEdit)
        OtherButton(words.done, "plan-done", onDone)
    }
}
