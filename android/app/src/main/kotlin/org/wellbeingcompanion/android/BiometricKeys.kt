package org.wellbeingcompanion.android

import org.wellbeingcompanion.ui.PromptWords
import org.wellbeingcompanion.ui.StoreKeys
import java.io.File
import java.io.IOException
import java.security.GeneralSecurityException
import javax.crypto.Cipher

/**
 * The platform's biometric prompt, given a cipher to authorise: [FrameworkBiometricGate] in
 * the app, a stand-in in tests. [done] gets the cipher back once the person passed (now usable
 * with a key that requires authentication), or null.
 */
interface BiometricGate {
    fun available(): Boolean

    fun authorise(
        words: PromptWords,
        cipher: Cipher,
        done: (Cipher?) -> Unit,
    )
}

/**
 * The store's key as the app keeps it: [vault] opens the store (at start and for reminders,
 * with no prompt), and for biometric unlock a second copy in [biometricFile], sealed by
 * [biometricWrapper], a key that only a passed biometric prompt can use. The core then checks
 * the released key against the store's own (`unlockWithKey`), so what the prompt gives is
 * never trusted on its word.
 */
class AppStoreKeys(
    private val vault: StoreKeyVault,
    private val biometricFile: File,
    private val biometricWrapper: KeyWrapper,
    private val gate: BiometricGate,
) : StoreKeys {
    override fun newKey(): ByteArray = vault.newKey()

    override fun forget() {
        forgetBiometric()
        vault.forget()
    }

    override fun biometricReady(): Boolean = biometricFile.isFile && gate.available()

    override fun enrolBiometric(
        words: PromptWords,
        done: (Boolean) -> Unit,
    ) {
        val sealer =
            try {
                biometricWrapper.sealer()
            } catch (expected: GeneralSecurityException) {
                return done(false)
            }
        gate.authorise(words, sealer) { cipher ->
            done(cipher != null && keep(cipher))
        }
    }

    private fun keep(cipher: Cipher): Boolean =
        try {
            val sealed = KeyWrapper.seal(cipher, vault.key())
            val partial = File(biometricFile.path + ".partial")
            partial.writeBytes(sealed)
            partial.renameTo(biometricFile)
        } catch (expected: GeneralSecurityException) {
            false
        } catch (expected: IOException) {
            false
        } catch (expected: StoreKeyException) {
            false
        }

    override fun releaseWithBiometric(
        words: PromptWords,
        released: (ByteArray?) -> Unit,
    ) {
        val wrapped =
            try {
                biometricFile.readBytes()
            } catch (expected: IOException) {
                return released(null)
            }
        val opener =
            try {
                biometricWrapper.opener(wrapped)
            } catch (expected: GeneralSecurityException) {
                // Its key is gone (a new fingerprint enrolled): the passcode still opens.
                return released(null)
            }
        gate.authorise(words, opener) { cipher ->
            released(
                cipher?.let {
                    try {
                        KeyWrapper.open(it, wrapped)
                    } catch (expected: GeneralSecurityException) {
                        null
                    }
                },
            )
        }
    }

    override fun forgetBiometric() {
        biometricFile.delete()
        biometricWrapper.forget()
    }

    companion object {
        /** The store's key, wrapped, beside the store in `noBackupFilesDir`. */
        const val KEY_FILE = "store-key.wrapped"

        /** Its copy for the biometric prompt. */
        const val BIOMETRIC_FILE = "store-key.biometric"
    }
}
