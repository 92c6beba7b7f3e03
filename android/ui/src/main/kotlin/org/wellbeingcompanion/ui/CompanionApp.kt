package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.Answer
import uniffi.wellbeing.LockSettingsInput
import uniffi.wellbeing.ProfileChoice
import uniffi.wellbeing.RecordRow
import uniffi.wellbeing.ReminderSettings

/**
 * The whole app: Help now on top of every screen, and below it the screen the holder says.
 * Android's Activity and the desktop tests host exactly this.
 */
@Composable
fun CompanionApp(
    state: CompanionState,
    /** Hands a made summary to the platform's share sheet (the app's chooser; a recorder in tests). */
    onShare: (SummaryShare) -> Unit,
) {
    val words = state.words
    Surface(Modifier.fillMaxSize(), color = MaterialTheme.colorScheme.background) {
        Column(Modifier.fillMaxSize()) {
            val screen = state.screen
            if (screen !is Screen.HelpNow) {
                Row(
                    Modifier.fillMaxWidth().padding(horizontal = 12.dp, vertical = 8.dp),
                    horizontalArrangement = Arrangement.End,
                ) { HelpNowButton(words.helpNow, state::helpNow) }
            }
            Box(Modifier.weight(1f).fillMaxWidth()) { ScreenFor(screen, state, onShare) }
        }
    }
}

@Composable
private fun ScreenFor(
    screen: Screen,
    state: CompanionState,
    onShare: (SummaryShare) -> Unit,
) {
    val words = state.words
    when (screen) {
        Screen.Loading -> {
            Box(Modifier.fillMaxSize().testTag("loading"), contentAlignment = Alignment.Center) { CircularProgressIndicator() }
        }

        is Screen.Home -> {
            HomeScreen(screen.home, state::navigate)
        }

        is Screen.Walk -> {
            StepScreen(
                screen.step,
                screen.keeping,
                screen.problem,
                words,
                object : StepActions {
                    override fun answer(answer: Answer) = state.answer(screen.step, answer, screen.keeping).let { }

                    override fun back() = state.back(screen.step.flowId, screen.keeping).let { }

                    override fun saveForLater() = state.saveForLater(screen.step).let { }

                    override fun discard() = state.discard(screen.step.flowId, screen.keeping).let { }
                },
            )
        }

        is Screen.Summary -> {
            SummaryScreen(
                screen.summary,
                screen.keeping,
                screen.confirmingDiscard,
                words,
                object : SummaryActions {
                    override fun save() = state.save(screen.summary).let { }

                    override fun askDiscard() = state.askDiscard(screen)

                    override fun confirmDiscard() = state.discard(screen.summary.flowId, screen.keeping).let { }

                    override fun keep() = state.keepSummary(screen)

                    override fun back() = state.back(screen.summary.flowId, screen.keeping).let { }

                    override fun handOff() = state.handOff(screen.summary).let { }
                },
            )
        }

        is Screen.Saved -> {
            SavedScreen(screen.saved.summary, words) { state.goHome() }
        }

        is Screen.Week, is Screen.Records, is Screen.AppointmentSummary -> {
            RecordScreenFor(screen, state, onShare)
        }

        is Screen.Plan -> {
            SafetyPlanScreen(screen.plan, words, { state.editSafetyPlan() }, { state.goHome() })
        }

        is Screen.Conversation -> {
            ConversationScreen(screen.menu, words, { state.startConversationTool(it) }, state::leaveConversation)
        }

        is Screen.Handoff -> {
            HandoffScreen(screen.summary, screen.payload, words) { state.openConversation() }
        }

        is Screen.HelpNow -> {
            HelpNowScreen(
                screen.help,
                screen.contacts,
                screen.storeUnavailable,
                words,
                if (screen.storeUnavailable) null else state::leaveHelp,
            )
        }

        is Screen.Settings, is Screen.Locked, is Screen.Failure -> {
            GateScreenFor(screen, state)
        }
    }
}

/** The week, a tool's records and the appointment summary: what home lists under its records. */
@Composable
private fun RecordScreenFor(
    screen: Screen,
    state: CompanionState,
    onShare: (SummaryShare) -> Unit,
) {
    val words = state.words
    when (screen) {
        is Screen.Week -> {
            WeekScreen(screen.week, words) { state.goHome() }
        }

        is Screen.Records -> {
            RecordsScreen(
                screen.list,
                screen.confirming,
                screen.said,
                words,
                object : RecordActions {
                    override fun edit(row: RecordRow) = state.editRecord(screen.list, row).let { }

                    override fun askDelete(row: RecordRow) = state.askDelete(screen, row)

                    override fun confirmDelete(row: RecordRow) = state.deleteRecord(screen.list, row).let { }

                    override fun keep() = state.keepRecord(screen)

                    override fun done() = state.goHome().let { }
                },
                screen.connections,
            )
        }

        is Screen.AppointmentSummary -> {
            AppointmentSummaryScreen(
                screen.view,
                screen.report,
                screen.refused,
                words,
                object : AppointmentSummaryActions {
                    override fun make(
                        from: String?,
                        to: String?,
                        fullText: Boolean,
                    ) = state.makeSummary(from, to, fullText).let { }

                    override fun share(share: SummaryShare) = onShare(share)

                    override fun another() = state.openAppointmentSummary().let { }

                    override fun done() = state.goHome().let { }
                },
            )
        }

        else -> {
            Unit
        }
    }
}

/** Settings, the lock screen and a failure: the screens around the tools rather than in them. */
@Composable
private fun GateScreenFor(
    screen: Screen,
    state: CompanionState,
) {
    val words = state.words
    when (screen) {
        is Screen.Settings -> {
            SettingsScreen(
                screen.view,
                screen.reminders,
                screen.refused,
                screen.remindersRefused,
                words,
                object : SettingsActions {
                    override fun choose(choice: ProfileChoice) = state.chooseProfile(choice).let { }

                    override fun saveLock(input: LockSettingsInput) = state.saveLock(input).let { }

                    override fun saveReminders(settings: ReminderSettings) = state.saveReminders(settings).let { }

                    override fun done() = state.goHome().let { }

                    override val canEncrypt: Boolean get() = state.canEncrypt

                    override fun setEncryption(on: Boolean) = state.setEncryption(on).let { }
                },
            )
        }

        is Screen.Locked -> {
            val biometric = if (state.biometricReady) ({ state.unlockWithBiometric(screen.lock) }) else null
            LockScreen(screen.lock, { state.unlock(it) }, biometric)
        }

        is Screen.Failure -> {
            ScreenColumn(tag = "failure-screen") {
                Words(screen.message, style = MaterialTheme.typography.titleLarge)
                MainButton(words.back, "failure-home", { state.goHome() })
            }
        }

        else -> {
            Unit
        }
    }
}
