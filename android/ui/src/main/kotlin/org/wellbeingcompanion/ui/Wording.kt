package org.wellbeingcompanion.ui

/**
 * The shell's labels, the one place they are read from.
 *
 * TODO(shell_text): replace this stand-in with the core's `shell_text()` (`uniffi.wellbeing.ShellText`,
 * field names as in docs/shell-contract.md) as soon as it lands on main, and delete this file.
 * Until then these placeholders keep the screens usable; no tool text, scoring or safety wording
 * is here (those already come from the core's Step, FlowSummary and SafetyHelpNow).
 */
data class ShellWords(
    val back: String,
    val skip: String,
    val next: String,
    val save: String,
    val saveForLater: String,
    val discard: String,
    val continueLabel: String,
    val helpNow: String,
    val done: String,
    val saved: String,
    val savedForLater: String,
    val discarded: String,
    val nothingStored: String,
    val confirmDiscardTitle: String,
    val confirmDiscardDetail: String,
    val keepGoing: String,
    val noDrafts: String,
    val nothingRecorded: String,
    val conversationBanner: String,
    val conversation: String,
    val week: String,
    val safetyPlan: String,
    val drafts: String,
    val addItem: String,
    val removeItem: String,
    val showHandoff: String,
    val somethingWentWrong: String,
    val storeUnavailable: String,
)

fun shellWords(): ShellWords =
    ShellWords(
        back = "Back",
        skip = "Skip",
        next = "Next",
        save = "Save",
        saveForLater = "Save for later",
        discard = "Discard",
        continueLabel = "Continue",
        helpNow = "Help now",
        done = "Done",
        saved = "Saved",
        savedForLater = "Saved for later",
        discarded = "Discarded",
        nothingStored = "Nothing was stored",
        confirmDiscardTitle = "Discard this?",
        confirmDiscardDetail = "Your answers will be gone.",
        keepGoing = "Keep it",
        noDrafts = "Nothing saved for later",
        nothingRecorded = "Nothing recorded yet",
        conversationBanner = "Conversation mode: nothing is stored",
        conversation = "Talk someone through a tool (nothing stored)",
        week = "This week",
        safetyPlan = "My safety plan",
        drafts = "Saved for later",
        addItem = "Add",
        removeItem = "Remove",
        showHandoff = "Hand over",
        somethingWentWrong = "Something went wrong",
        storeUnavailable = "Your records cannot be opened just now",
    )
