package org.wellbeingcompanion.ui

import uniffi.wellbeing.NavAction
import uniffi.wellbeing.ToolId

/**
 * The id `start_flow` takes for a [ToolId]: the enum's historic kebab-case text id.
 *
 * TODO(start_flow ToolId): drop this once `start_flow` takes the ToolId itself (docs/shell-contract.md).
 */
fun ToolId.textId(): String = name.lowercase().replace('_', '-')

/** A stable test tag for a menu entry, from what it does (never from its wording). */
fun NavAction.tag(prefix: String): String =
    prefix +
        when (this) {
            is NavAction.StartTool -> "tool-" + tool.textId()
            is NavAction.ResumeFlow -> "draft-$flowId"
            is NavAction.History -> "history-" + tool.textId()
            NavAction.HelpNow -> "help-now"
            NavAction.Week -> "week"
            NavAction.AppointmentSummary -> "appointment-summary"
            NavAction.Conversation -> "conversation"
            NavAction.OpenSafetyPlan -> "safety-plan"
            NavAction.Settings -> "settings"
        }
