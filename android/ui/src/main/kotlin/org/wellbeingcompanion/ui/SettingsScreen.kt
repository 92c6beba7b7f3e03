package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
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
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.AgeBand
import uniffi.wellbeing.LockSettingsInput
import uniffi.wellbeing.Profile
import uniffi.wellbeing.ProfileChoice
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ReminderSettingsView
import uniffi.wellbeing.SettingsView
import uniffi.wellbeing.ShellText

/**
 * Settings as the core's `settings_view()` draws them: who the app is set up for (the core's
 * choices, adult then each age band), the app lock (on or off, the "lock after" choices, a new
 * passcode with its limits in the core's words), encryption as the store is, and the
 * reminders ([RemindersPart]). Every change goes through the core and the screen is read again
 * from it, so what is drawn is what is stored. A refused lock setting is shown under its field.
 */
@Composable
fun SettingsScreen(
    view: SettingsView,
    reminders: ReminderSettingsView,
    refused: Refusal?,
    remindersRefused: Refusal?,
    words: ShellText,
    actions: SettingsActions,
) {
    ScreenColumn(tag = "settings-screen") {
        Heading(view.title)
        Words(view.profileHeading, style = MaterialTheme.typography.titleLarge)
        for (choice in view.profileChoices) {
            Row(
                Modifier
                    .fillMaxWidth()
                    .heightIn(min = 52.dp)
                    .selectable(choice.chosen, role = Role.RadioButton) { actions.choose(choice) }
                    .testTag("profile-" + choice.profile.tag()),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = choice.chosen, onClick = null)
                Words(choice.label, Modifier.padding(start = 12.dp))
            }
        }
        view.profileNote?.let { Words(it, Modifier.testTag("profile-note"), style = MaterialTheme.typography.bodyMedium) }
        LockPart(view, refused, actions)
        Words(view.encryptionHeading, style = MaterialTheme.typography.titleLarge)
        Words(view.encryptionLine, Modifier.testTag("encryption-line"), style = MaterialTheme.typography.titleMedium)
        Words(view.encryptionDetail, style = MaterialTheme.typography.bodyMedium)
        EncryptionButton(view, actions)
        RemindersPart(reminders, remindersRefused, actions::saveReminders)
        MainButton(words.back, "settings-done", actions::done)
    }
}

/**
 * The one encryption button the core offers (on for a plain store, off for an encrypted one),
 * drawn only where the platform keeps a key ([SettingsActions.canEncrypt]).
 */
@Composable
private fun EncryptionButton(
    view: SettingsView,
    actions: SettingsActions,
) {
    if (!actions.canEncrypt) return
    view.encryptionTurnOnLabel?.let { MainButton(it, "encryption-on", { actions.setEncryption(true) }) }
    view.encryptionTurnOffLabel?.let { MainButton(it, "encryption-off", { actions.setEncryption(false) }) }
}

/** The lock's part: edited here, sent whole to the core by its save button. */
@Composable
private fun LockPart(
    view: SettingsView,
    refused: Refusal?,
    actions: SettingsActions,
) {
    val lock = view.lock
    var enabled by remember(lock) { mutableStateOf(lock.enabled) }
    var minutes by remember(lock) { mutableStateOf(lock.backgroundMinutes) }
    var biometric by remember(lock) { mutableStateOf(lock.biometricAllowed) }
    var passcode by remember(view) { mutableStateOf("") }
    Words(view.lockHeading, style = MaterialTheme.typography.titleLarge)
    Words(view.lockDetail, style = MaterialTheme.typography.bodyMedium)
    Row(
        Modifier
            .fillMaxWidth()
            .heightIn(min = 52.dp)
            .toggleable(enabled, role = Role.Switch) { enabled = it }
            .testTag("lock-on"),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Words(view.lockOnLabel, Modifier.weight(1f))
        Switch(checked = enabled, onCheckedChange = null)
    }
    if (actions.canEncrypt) {
        // Biometric unlock releases the store's key: offered where the platform keeps one.
        Row(
            Modifier
                .fillMaxWidth()
                .heightIn(min = 52.dp)
                .toggleable(biometric, role = Role.Switch) { biometric = it }
                .testTag("lock-biometric"),
            verticalAlignment = Alignment.CenterVertically,
        ) {
            Words(view.biometricLabel, Modifier.weight(1f))
            Switch(checked = biometric, onCheckedChange = null)
        }
    }
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Words(view.lockAfterLabel, style = MaterialTheme.typography.titleMedium)
            for (choice in view.lockAfterChoices) {
                val chosen = choice.minutes == minutes
                Row(
                    Modifier
                        .fillMaxWidth()
                        .heightIn(min = 48.dp)
                        .selectable(chosen, role = Role.RadioButton) { minutes = choice.minutes }
                        .testTag("lock-after-" + choice.minutes),
                    verticalAlignment = Alignment.CenterVertically,
                ) {
                    RadioButton(selected = chosen, onClick = null)
                    Words(choice.label, Modifier.padding(start = 12.dp))
                }
            }
        }
    }
    OutlinedTextField(
        value = passcode,
        onValueChange = { passcode = it },
        singleLine = true,
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        label = { Words(view.passcodeLabel) },
        isError = refused?.field == PASSCODE_FIELD,
        modifier = Modifier.fillMaxWidth().testTag("lock-passcode").semantics { contentDescription = view.passcodeLabel },
        supportingText = { Words(view.passcodeHint, style = MaterialTheme.typography.bodyMedium) },
    )
    refused?.let {
        Words(
            it.reason,
            Modifier.testTag("refused-" + it.field),
            style = MaterialTheme.typography.bodyLarge.copy(color = MaterialTheme.colorScheme.error),
        )
    }
    MainButton(view.lockSaveLabel, "lock-save", {
        actions.saveLock(
            LockSettingsInput(
                enabled = enabled,
                backgroundMinutes = minutes,
                newPasscode = passcode.ifEmpty { null },
                biometricAllowed = biometric,
            ),
        )
        passcode = ""
    })
}

/** The field name the core's `InvalidInput` gives a refused passcode. */
private const val PASSCODE_FIELD = "passcode"

/** A stable test tag for a profile choice, from the profile itself (never its wording). */
fun Profile.tag(): String =
    when (this) {
        Profile.Adult -> {
            "adult"
        }

        is Profile.YoungPerson -> {
            when (ageBand) {
                AgeBand.UNDER13 -> "under-13"
                AgeBand.FROM13_TO15 -> "13-15"
                AgeBand.FROM16_TO17 -> "16-17"
            }
        }
    }

/** What the settings screen can ask for. */
interface SettingsActions {
    fun choose(choice: ProfileChoice)

    fun saveLock(input: LockSettingsInput)

    fun saveReminders(settings: ReminderSettings)

    fun done()

    /** Whether the platform keeps a store key, so encryption and biometric unlock can be offered. */
    val canEncrypt: Boolean get() = false

    /** Encryption on or off, through the core with the platform's key. */
    fun setEncryption(on: Boolean) = Unit
}
