package org.wellbeingcompanion.android

import android.content.Context
import android.hardware.biometrics.BiometricManager
import android.hardware.biometrics.BiometricPrompt
import android.os.Build
import android.os.CancellationSignal
import org.wellbeingcompanion.ui.PromptWords
import javax.crypto.Cipher

/**
 * Android's own biometric prompt (`android.hardware.biometrics`), with the cipher as its
 * crypto object, so the Keystore key behind it is usable only after a pass. Offered from
 * Android 11 (API 30), where a prompt can be limited to strong biometrics (the class the
 * Keystore accepts for a key that needs authentication on every use); before that, the
 * passcode is the way in. The framework prompt rather than androidx.biometric: it needs no
 * FragmentActivity (the app's one Activity is a ComponentActivity) and no extra library,
 * and the app's minimum for this feature is above the versions androidx.biometric bridges.
 *
 * Needs a device: not exercised by the tests here (Robolectric has no biometric hardware).
 */
class FrameworkBiometricGate(
    private val context: Context,
) : BiometricGate {
    override fun available(): Boolean =
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.R &&
            context.getSystemService(BiometricManager::class.java)?.canAuthenticate(
                BiometricManager.Authenticators.BIOMETRIC_STRONG,
            ) == BiometricManager.BIOMETRIC_SUCCESS

    override fun authorise(
        words: PromptWords,
        cipher: Cipher,
        done: (Cipher?) -> Unit,
    ) {
        if (!available()) return done(null)
        val executor = context.mainExecutor
        val prompt =
            BiometricPrompt
                .Builder(context)
                .setTitle(words.title)
                .setSubtitle(words.reason)
                .setAllowedAuthenticators(BiometricManager.Authenticators.BIOMETRIC_STRONG)
                .setNegativeButton(words.cancel, executor) { _, _ -> done(null) }
                .build()
        prompt.authenticate(
            BiometricPrompt.CryptoObject(cipher),
            CancellationSignal(),
            executor,
            object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    done(result.cryptoObject?.cipher)
                }

                override fun onAuthenticationError(
                    errorCode: Int,
                    errString: CharSequence,
                ) {
                    done(null)
                }
            },
        )
    }
}
