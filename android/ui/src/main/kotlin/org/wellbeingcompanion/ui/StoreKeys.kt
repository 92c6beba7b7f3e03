package org.wellbeingcompanion.ui

/** The core's words for the platform's biometric prompt: its title, why, and the way out. */
data class PromptWords(
    val title: String,
    val reason: String,
    val cancel: String,
)

/**
 * Where the platform keeps the store's key, and its biometric prompt: the Android Keystore in
 * the app (`android/app`), absent on the desktop, where the encryption button and biometric
 * unlock are then not offered. The key goes only to the core: never into the store, a log, a
 * backup or a notification.
 *
 * The prompt's callbacks run on the UI thread; the key calls are quick and may run anywhere.
 */
interface StoreKeys {
    /** A new random key for the store, already kept (wrapped) when it is returned. */
    fun newKey(): ByteArray

    /** Forgets the key and its biometric copy: only once the core has made the store plain. */
    fun forget()

    /** Whether the biometric prompt can be shown and has a key to release. */
    fun biometricReady(): Boolean

    /**
     * Biometric unlock was turned on: the prompt, then the key sealed for it. [done] says
     * whether it was (a cancelled prompt leaves the passcode as the only way in).
     */
    fun enrolBiometric(
        words: PromptWords,
        done: (Boolean) -> Unit,
    )

    /** The prompt; [released] gets the store's key when the person passed it, else null. */
    fun releaseWithBiometric(
        words: PromptWords,
        released: (ByteArray?) -> Unit,
    )

    /** Biometric unlock was turned off: its copy of the key is forgotten. */
    fun forgetBiometric()
}

/** The platform could not make, keep or read the store's key: what happened, never the key. */
open class KeyUnavailableException(
    message: String,
    cause: Throwable? = null,
) : Exception(message, cause)
