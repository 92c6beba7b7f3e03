package org.wellbeingcompanion.ui

import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import uniffi.wellbeing.Answer
import uniffi.wellbeing.AppointmentReport
import uniffi.wellbeing.AppointmentSummaryView
import uniffi.wellbeing.ConnectionsView
import uniffi.wellbeing.CrisisContact
import uniffi.wellbeing.FlowProgress
import uniffi.wellbeing.FlowSummary
import uniffi.wellbeing.HandoffPayload
import uniffi.wellbeing.HomeView
import uniffi.wellbeing.LockScreen
import uniffi.wellbeing.LockSettingsInput
import uniffi.wellbeing.MenuEntry
import uniffi.wellbeing.NavAction
import uniffi.wellbeing.ProfileChoice
import uniffi.wellbeing.RecordList
import uniffi.wellbeing.RecordRow
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ReminderSettingsView
import uniffi.wellbeing.SafetyHelpNow
import uniffi.wellbeing.SafetyPlan
import uniffi.wellbeing.SavedFlow
import uniffi.wellbeing.SettingsView
import uniffi.wellbeing.ShellText
import uniffi.wellbeing.Step
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.UnlockOutcome
import uniffi.wellbeing.WeekView
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.editLimits
import uniffi.wellbeing.helpNowWithoutStore
import uniffi.wellbeing.shellText
import kotlin.coroutines.CoroutineContext

/** A setting the core refused: the field it names and the core's reason, never the value typed. */
data class Refusal(
    val field: String,
    val reason: String,
)

/** Whether a walk keeps what it gathers (the person's own store) or nothing (conversation mode). */
enum class Keeping { Stored, ConversationOnly }

/** What is on screen: one value per screen, each carrying the core's view it draws. */
sealed interface Screen {
    data object Loading : Screen

    data class Home(
        val home: HomeView,
    ) : Screen

    data class Walk(
        val step: Step,
        val keeping: Keeping,
        val problem: String? = null,
    ) : Screen

    data class Summary(
        val summary: FlowSummary,
        val keeping: Keeping,
        val confirmingDiscard: Boolean = false,
    ) : Screen

    data class Saved(
        val saved: SavedFlow,
    ) : Screen

    data class Week(
        val week: WeekView,
    ) : Screen

    /** A tool's saved entries; [confirming] is the row the person asked to delete. */
    data class Records(
        val list: RecordList,
        val confirming: RecordRow? = null,
        val said: String? = null,
        /** My connections' records come with the latest map drawn above them. */
        val connections: ConnectionsView? = null,
    ) : Screen

    data class Plan(
        val plan: SafetyPlan,
    ) : Screen

    data class Conversation(
        val menu: List<MenuEntry>,
    ) : Screen

    data class Handoff(
        val summary: FlowSummary,
        val payload: HandoffPayload,
    ) : Screen

    /** Help now: from the store when it opened, else the contacts the core gives without one. */
    data class HelpNow(
        val help: SafetyHelpNow?,
        val contacts: List<CrisisContact>,
        val storeUnavailable: Boolean,
    ) : Screen

    /**
     * Settings as the core draws them; [refused] is the field the core refused with its words
     * (`InvalidInput`), shown next to that field.
     */
    data class Settings(
        val view: SettingsView,
        val reminders: ReminderSettingsView,
        val refused: Refusal? = null,
        /** A reminder setting the core refused (the check-in time), shown under its field. */
        val remindersRefused: Refusal? = null,
    ) : Screen

    /**
     * The summary for an appointment: choosing its days from the core's [view], then the
     * core's [report] once made; [refused] is the date field the core refused, with its words.
     */
    data class AppointmentSummary(
        val view: AppointmentSummaryView,
        val report: AppointmentReport? = null,
        val refused: Refusal? = null,
    ) : Screen

    /** The lock screen, whole from the core (its words, tries left, the wait). */
    data class Locked(
        val lock: LockScreen,
    ) : Screen

    data class Failure(
        val message: String,
    ) : Screen
}

/**
 * The shell's only state: which screen is shown, and the two stores behind it.
 *
 * Every core call runs on [work] (a background dispatcher: SQLite must never block the UI
 * thread); the result is put on screen from [scope], the UI's own. The holder maps what the
 * person taps to a core call and the core's answer to a screen; it decides nothing itself.
 * On Android a ViewModel owns it (viewModelScope, Dispatchers.IO); in tests the compose
 * rule's scope and a real background dispatcher.
 */
class CompanionState(
    private val openStore: () -> WellbeingStore,
    private val scope: CoroutineScope,
    private val work: CoroutineContext,
    /** The path of the person's database, for Help now when it cannot be opened. */
    private val databasePath: String?,
    /** The platform's keeper of the store's key and its biometric prompt; none on the desktop. */
    private val keys: StoreKeys? = null,
    /**
     * The core's reminder schedule may have changed (the store opened, a save, the reminder
     * settings): the platform delivers it again (Android: WorkManager). Called on [work].
     */
    private val remindersChanged: (WellbeingStore) -> Unit = {},
) {
    var screen: Screen by mutableStateOf(Screen.Loading)
        private set

    /** The screen Help now was opened over, to return to it. */
    private var underHelp: Screen? = null

    private var store: WellbeingStore? = null
    private var conversation: WellbeingStore? = null

    /** Where a tapped reminder leads, kept until the store is open and unlocked. */
    private var pending: NavAction? = null

    /** Whether the lock screen may offer the biometric button (the core must offer it too). */
    val biometricReady: Boolean get() = keys?.biometricReady() == true

    /** Whether the settings screen may offer the core's encryption button. */
    val canEncrypt: Boolean get() = keys != null

    val words: ShellText = shellText()

    /** Opens the person's store; if it cannot be opened, Help now is what they see. */
    fun start() =
        scope.launch {
            val opened =
                withContext(work) {
                    runCatching { openStore() }
                }
            opened
                .onSuccess {
                    store = it
                    // A cold start with the lock on starts locked (the core's rule).
                    call(onStore = true) { s ->
                        remindersChanged(s)
                        if (s.lockState().locked) Screen.Locked(s.lockScreen()) else landing(s)
                    }
                }.onFailure { helpWithoutStore() }
        }

    private fun helpWithoutStore() =
        scope.launch {
            // The core reads the person's safety plan straight from the file when it can (a file
            // it cannot open as a store may still be readable), with the contacts always.
            val help = withContext(work) { helpNowWithoutStore(databasePath) }
            screen = Screen.HelpNow(help = help, contacts = help.contacts, storeUnavailable = true)
        }

    fun goHome() = call(onStore = true) { s -> homeOf(s) }

    /**
     * A tapped reminder's [action]: opened now, or once the store is open and unlocked (a
     * reminder never leads past the lock).
     */
    fun openWhenReady(action: NavAction) {
        if (store != null && screen !is Screen.Locked && screen !is Screen.Loading) {
            navigate(action)
        } else {
            pending = action
        }
    }

    /** Where the person lands once in: a waiting reminder's tool, else home. */
    private fun landing(s: WellbeingStore): Screen {
        val action = pending
        pending = null
        return when (action) {
            is NavAction.StartTool -> walkScreen(s.startFlow(action.tool, action.subjectId), Keeping.Stored)
            is NavAction.ResumeFlow -> walkScreen(s.resumeFlow(action.flowId), Keeping.Stored)
            else -> homeOf(s)
        }
    }

    /** What a home entry, a reminder or a "next thing" asks for: one screen per [NavAction]. */
    fun navigate(action: NavAction) {
        when (action) {
            is NavAction.StartTool -> {
                call(onStore = true) { s -> walkScreen(s.startFlow(action.tool, action.subjectId), Keeping.Stored) }
            }

            is NavAction.ResumeFlow -> {
                call(onStore = true) { s -> walkScreen(s.resumeFlow(action.flowId), Keeping.Stored) }
            }

            NavAction.HelpNow -> {
                helpNow()
            }

            NavAction.Week -> {
                openWeek()
            }

            NavAction.OpenSafetyPlan -> {
                openSafetyPlan()
            }

            NavAction.Conversation -> {
                openConversation()
            }

            is NavAction.History -> {
                openRecords(action.tool)
            }

            NavAction.Settings -> {
                openSettings()
            }

            NavAction.AppointmentSummary -> {
                openAppointmentSummary()
            }
        }
    }

    fun openSettings() = call(onStore = true) { s -> settingsOf(s) }

    private fun settingsOf(
        s: WellbeingStore,
        refused: Refusal? = null,
        remindersRefused: Refusal? = null,
    ) = Screen.Settings(s.settingsView(), s.reminderSettingsView(), refused, remindersRefused)

    /**
     * The reminders as edited, to the core; the screen is read again from what it stored. A
     * refused time comes back by its field with the core's words, and nothing is stored.
     */
    fun saveReminders(settings: ReminderSettings) =
        call(onStore = true) { s ->
            try {
                s.setReminderSettings(settings)
                remindersChanged(s)
                settingsOf(s)
            } catch (e: WellbeingException.InvalidInput) {
                settingsOf(s, remindersRefused = Refusal(e.field, e.reason))
            }
        }

    /** The summary screen: the core's periods, words and the summaries made before. */
    fun openAppointmentSummary() = call(onStore = true) { s -> Screen.AppointmentSummary(s.appointmentSummaryView()) }

    /**
     * Makes the summary for the chosen days (`null` is the core's default). The core checks
     * the days: a refusal (a future day, a reversed range, over a year) comes back by its
     * field in its words, and no summary is made or listed.
     */
    fun makeSummary(
        from: String?,
        to: String?,
        fullText: Boolean,
    ) = call(onStore = true) { s ->
        try {
            val report = s.appointmentSummary(from, to, fullText)
            Screen.AppointmentSummary(s.appointmentSummaryView(), report = report)
        } catch (e: WellbeingException.InvalidInput) {
            Screen.AppointmentSummary(s.appointmentSummaryView(), refused = Refusal(e.field, e.reason))
        }
    }

    /** One of the core's profile choices; Help now, the notice and the tools' names follow. */
    fun chooseProfile(choice: ProfileChoice) =
        call(onStore = true) { s ->
            s.setProfile(choice.profile)
            settingsOf(s)
        }

    /**
     * The lock as edited, to the core. A refusal (no passcode with the lock on, a passcode out
     * of its length) comes back by its field with the core's words; nothing else changes.
     */
    fun saveLock(input: LockSettingsInput) =
        call(onStore = true) { s ->
            try {
                s.setLockSettings(input)
                biometricFollows(s, input.biometricAllowed)
                settingsOf(s)
            } catch (e: WellbeingException.InvalidInput) {
                settingsOf(s, Refusal(e.field, e.reason))
            }
        }

    /**
     * The biometric copy of the key follows the lock's setting: sealed through the prompt when
     * biometric unlock is allowed on an encrypted store, forgotten when it is not.
     */
    private fun biometricFollows(
        s: WellbeingStore,
        allowed: Boolean,
    ) {
        val k = keys ?: return
        if (!allowed || !s.isEncrypted()) {
            k.forgetBiometric()
        } else if (!k.biometricReady()) {
            val prompt = PromptWords(s.settingsView().biometricLabel, s.lockScreen().biometricReason, words.back)
            scope.launch { k.enrolBiometric(prompt) { } }
        }
    }

    /**
     * Encryption on (a new key kept first, then the core rewrites the store under it) or off
     * (the core rewrites it plain, then the key is forgotten). Killed at any moment, the store
     * opens with the old key or the new one (the core's rule); a key kept for a store that
     * stayed plain is never used, and is forgotten when the core refuses.
     */
    fun setEncryption(on: Boolean) =
        call(onStore = true) { s ->
            val k = requireNotNull(keys) { "no-key-keeper" }
            try {
                if (on && !s.isEncrypted()) {
                    val key = k.newKey()
                    try {
                        s.changeStoreKey(StoreKey.Raw(key))
                    } catch (e: WellbeingException) {
                        k.forget()
                        throw e
                    }
                    biometricFollows(s, s.lockSettings().biometricAllowed)
                } else if (!on && s.isEncrypted()) {
                    s.changeStoreKey(null)
                    k.forget()
                }
                settingsOf(s)
            } catch (e: KeyUnavailableException) {
                Screen.Failure(words.somethingWentWrong + " (" + e.javaClass.simpleName + ")")
            }
        }

    /**
     * The app left the screen (Android's onStop): the core starts counting. Called on the
     * caller's thread, not [work]: the core only notes the instant in memory (no SQLite), and
     * it must be noted before a quick return's [cameToForeground] asks for the state.
     */
    fun wentToBackground() {
        store?.appWentToBackground()
    }

    /** The app is back (onStart): the lock screen when the core says it is locked. */
    fun cameToForeground() =
        scope.launch {
            val s = store ?: return@launch
            val locked = withContext(work) { s.appCameToForeground().locked }
            if (locked) {
                underHelp = null
                screen = withContext(work) { Screen.Locked(s.lockScreen()) }
            }
        }

    /** The passcode to the core; the lock screen again (tries left, the wait) unless it opened. */
    fun unlock(passcode: String) = call(onStore = true) { s -> afterUnlock(s, s.unlockWithPasscode(passcode)) }

    /**
     * The biometric prompt with the core's words; the key it releases goes to the core, which
     * unlocks only if it is the store's own key. A cancelled prompt leaves the lock screen.
     */
    fun unlockWithBiometric(lock: LockScreen) {
        val k = keys ?: return
        val title = lock.biometricLabel ?: return
        k.releaseWithBiometric(PromptWords(title, lock.biometricReason, words.back)) { key ->
            if (key != null) call(onStore = true) { s -> afterUnlock(s, s.unlockWithKey(StoreKey.Raw(key))) }
        }
    }

    private fun afterUnlock(
        s: WellbeingStore,
        outcome: UnlockOutcome,
    ): Screen =
        when (outcome) {
            UnlockOutcome.Unlocked -> if (s.lockState().locked) Screen.Locked(s.lockScreen()) else landing(s)
            else -> Screen.Locked(s.lockScreen())
        }

    fun openWeek() = call(onStore = true) { s -> Screen.Week(s.week(null)) }

    /** The newest saved entries of [tool], as the core lists them. */
    fun openRecords(tool: ToolId) = call(onStore = true) { s -> recordsOf(s, tool) }

    private fun recordsOf(
        s: WellbeingStore,
        tool: ToolId,
        said: String? = null,
    ) = Screen.Records(
        s.records(tool, editLimits().recordRows),
        said = said,
        connections = if (tool == ToolId.CONNECTIONS_MAP) s.connectionsView() else null,
    )

    /** Changing an entry is its tool's walk-through again, each step offering what was saved. */
    fun editRecord(
        list: RecordList,
        row: RecordRow,
    ) = call(onStore = true) { s -> walkScreen(s.editRecord(list.tool, row.id), Keeping.Stored) }

    fun askDelete(
        current: Screen.Records,
        row: RecordRow,
    ) {
        screen = current.copy(confirming = row, said = null)
    }

    fun keepRecord(current: Screen.Records) {
        screen = current.copy(confirming = null)
    }

    fun deleteRecord(
        list: RecordList,
        row: RecordRow,
    ) = call(onStore = true) { s ->
        s.deleteRecord(list.tool, row.id)
        recordsOf(s, list.tool, said = list.deletedText)
    }

    fun openSafetyPlan() = call(onStore = true) { s -> Screen.Plan(s.safetyPlan()) }

    fun editSafetyPlan() = call(onStore = true) { s -> walkScreen(s.startFlow(ToolId.SAFETY_PLAN, null), Keeping.Stored) }

    /** Conversation mode: a store in memory only, gone when the mode is left. */
    fun openConversation() =
        call(onStore = false) {
            Screen.Conversation(it.conversationMenu())
        }

    fun startConversationTool(action: NavAction) =
        call(onStore = false) { c ->
            if (action is NavAction.StartTool) {
                walkScreen(c.startFlow(action.tool, action.subjectId), Keeping.ConversationOnly)
            } else {
                Screen.Conversation(c.conversationMenu())
            }
        }

    fun leaveConversation() {
        val c = conversation
        conversation = null
        scope.launch { withContext(work) { c?.close() } }
        goHome()
    }

    fun answer(
        step: Step,
        answer: Answer,
        keeping: Keeping,
    ) = call(keeping) { s ->
        try {
            walkScreen(s.answerFlow(step.flowId, answer), keeping)
        } catch (e: WellbeingException.InvalidInput) {
            Screen.Walk(step, keeping, problem = e.reason)
        }
    }

    fun back(
        flowId: String,
        keeping: Keeping,
    ) = call(keeping) { s -> walkScreen(s.flowBack(flowId), keeping) }

    fun saveForLater(step: Step) =
        call(onStore = true) { s ->
            s.saveFlowDraft(step.flowId)
            homeOf(s)
        }

    fun save(summary: FlowSummary) =
        call(onStore = true) { s ->
            val saved = s.saveFlow(summary.flowId)
            // A check-in saved today takes today's reminder away: the schedule is asked again.
            remindersChanged(s)
            Screen.Saved(saved)
        }

    fun askDiscard(current: Screen.Summary) {
        screen = current.copy(confirmingDiscard = true)
    }

    fun keepSummary(current: Screen.Summary) {
        screen = current.copy(confirmingDiscard = false)
    }

    fun discard(
        flowId: String,
        keeping: Keeping,
    ) = call(keeping) { s ->
        s.discardFlow(flowId)
        if (keeping == Keeping.Stored) homeOf(s) else Screen.Conversation(s.conversationMenu())
    }

    /** The end of a conversation walk: the summary to hand over, nothing kept. */
    fun handOff(summary: FlowSummary) =
        call(onStore = false) {
            val c = requireNotNull(conversation)
            val payload = c.handoffPayload(summary)
            c.discardFlow(summary.flowId)
            Screen.Handoff(summary, payload)
        }

    fun helpNow() {
        val current = screen
        if (current !is Screen.HelpNow) underHelp = current
        val s = store
        if (s == null) {
            helpWithoutStore()
            return
        }
        call(onStore = true) { st -> Screen.HelpNow(help = st.helpNow(), contacts = emptyList(), storeUnavailable = false) }
    }

    fun leaveHelp() {
        screen = underHelp ?: screen
        underHelp = null
    }

    /** Closes both stores (the Activity or window is going away). */
    fun close() {
        store?.close()
        conversation?.close()
        store = null
        conversation = null
    }

    private fun homeOf(s: WellbeingStore) = Screen.Home(s.home())

    private fun walkScreen(
        progress: FlowProgress,
        keeping: Keeping,
    ): Screen =
        when (progress) {
            is FlowProgress.Next -> Screen.Walk(progress.step, keeping)
            is FlowProgress.Complete -> Screen.Summary(progress.summary, keeping)
        }

    private fun call(
        keeping: Keeping,
        block: (WellbeingStore) -> Screen,
    ) = call(onStore = keeping == Keeping.Stored, block = block)

    private fun call(
        onStore: Boolean,
        block: (WellbeingStore) -> Screen,
    ) = scope.launch {
        val target = if (onStore) store else conversation ?: WellbeingStore.openInMemory().also { conversation = it }
        if (target == null) {
            helpWithoutStore()
            return@launch
        }
        val next =
            withContext(work) {
                try {
                    block(target)
                } catch (e: WellbeingException) {
                    // Never the person's words: only the kind of failure reaches the screen.
                    Screen.Failure(words.somethingWentWrong + " (" + e.javaClass.simpleName + ")")
                }
            }
        screen = next
    }

    private companion object {
        // TODO(enums): ToolId.SAFETY_PLAN / ToolGroup.SAFETY once ToolInfo carries the enums.
    }
}
