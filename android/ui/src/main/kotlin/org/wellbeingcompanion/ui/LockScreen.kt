package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import uniffi.wellbeing.LockScreen

/**
 * The lock screen, whole from the core's `lock_screen()`: its title and detail, the passcode
 * field while the core allows a try, the tries left or the wait in the core's words. The
 * passcode is checked by the core and cleared after every try. Help now stays one tap away
 * above this screen (the app's top bar), never behind the lock.
 */
@Composable
fun LockScreen(
    lock: LockScreen,
    onUnlock: (String) -> Unit,
    /** The biometric prompt, when the platform can show one; its button only if the core offers it. */
    onBiometric: (() -> Unit)? = null,
) {
    var passcode by remember(lock) { mutableStateOf("") }
    ScreenColumn(tag = "lock-screen") {
        Heading(lock.title)
        Words(lock.detail)
        lock.status?.let {
            Words(
                it,
                Modifier.testTag("lock-status"),
                style = MaterialTheme.typography.titleMedium.copy(color = MaterialTheme.colorScheme.error),
            )
        }
        if (lock.canTryPasscode) {
            OutlinedTextField(
                value = passcode,
                onValueChange = { passcode = it },
                singleLine = true,
                visualTransformation = PasswordVisualTransformation(),
                keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
                label = { Words(lock.passcodeLabel) },
                modifier = Modifier.fillMaxWidth().testTag("unlock-passcode").semantics { contentDescription = lock.passcodeLabel },
            )
            MainButton(lock.unlockLabel, "unlock", {
                val typed = passcode
                passcode = ""
                onUnlock(typed)
            }, enabled = passcode.isNotEmpty())
        }
        val biometricLabel = lock.biometricLabel
        if (biometricLabel != null && onBiometric != null) {
            MainButton(biometricLabel, "unlock-biometric", onBiometric)
        }
    }
}
