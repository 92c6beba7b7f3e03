package org.wellbeingcompanion.android

import org.wellbeingcompanion.ui.KeyUnavailableException
import uniffi.wellbeing.StoreEncryption
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.encryptionInfo
import uniffi.wellbeing.storeEncryption
import java.io.File
import java.io.IOException
import java.security.GeneralSecurityException
import java.security.SecureRandom
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Seals and opens a few bytes with AES-256-GCM under a key the app never reads: on a phone a
 * key made inside the Android Keystore ([KeystoreWrapper]), in tests one in memory
 * (Robolectric has no Keystore). Behind this class so that what the vault does with the wrapped
 * bytes (made once, kept, missing, damaged) and the biometric prompt's part (it authorises a
 * [Cipher] from [opener] or [sealer] before it is used) are tested without the Keystore.
 *
 * Wrapped bytes are the cipher's 12-byte nonce, then the ciphertext and its 16-byte tag: a
 * changed byte anywhere fails the tag ([GeneralSecurityException]).
 */
abstract class KeyWrapper {
    /** The wrapping key: a Keystore handle on a phone, never its bytes. */
    protected abstract fun secretKey(): SecretKey

    /** Deletes the wrapping key (after the store stopped being encrypted). */
    abstract fun forget()

    /** A cipher ready to seal: the provider picks the nonce (the Keystore insists on it). */
    fun sealer(): Cipher = Cipher.getInstance(TRANSFORMATION).apply { init(Cipher.ENCRYPT_MODE, secretKey()) }

    /** A cipher ready to open [wrapped], whose first bytes are its nonce. */
    fun opener(wrapped: ByteArray): Cipher {
        if (wrapped.size < NONCE_BYTES + TAG_BITS / Byte.SIZE_BITS) throw AEADBadTagException("wrapped-key-too-short")
        return Cipher.getInstance(TRANSFORMATION).apply {
            init(Cipher.DECRYPT_MODE, secretKey(), GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES))
        }
    }

    fun wrap(plain: ByteArray): ByteArray = seal(sealer(), plain)

    fun unwrap(wrapped: ByteArray): ByteArray = open(opener(wrapped), wrapped)

    companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val KEY_BITS = 256
        const val TAG_BITS = 128
        const val NONCE_BYTES = 12

        /** [plain] sealed by an initialised [cipher]: its nonce, then the ciphertext and tag. */
        fun seal(
            cipher: Cipher,
            plain: ByteArray,
        ): ByteArray = cipher.iv + cipher.doFinal(plain)

        /** The bytes [seal] sealed, by a [cipher] made by [opener] for them. */
        fun open(
            cipher: Cipher,
            wrapped: ByteArray,
        ): ByteArray = cipher.doFinal(wrapped, NONCE_BYTES, wrapped.size - NONCE_BYTES)
    }
}

/** Why the store's key could not be given: never the key or its bytes, only what happened. */
sealed class StoreKeyException(
    message: String,
    cause: Throwable? = null,
) : KeyUnavailableException(message, cause) {
    /** The store is encrypted and this app keeps no key for it (its wrapped file is gone). */
    class Missing : StoreKeyException("store-key-missing")

    /** The wrapped key did not open: changed on disk, or its Keystore key is gone. */
    class Unreadable(
        cause: Throwable,
    ) : StoreKeyException("store-key-unreadable", cause)

    /** The system's random generator or the Keystore refused to make or seal a key. */
    class NotMade(
        cause: Throwable,
    ) : StoreKeyException("store-key-not-made", cause)
}

/**
 * The store's key: 32 random bytes ([encryptionInfo]'s length), used by SQLCipher as its key
 * directly, kept only wrapped by [wrapper], in one file in the app's private storage that is
 * never backed up ([file], under `noBackupFilesDir`).
 *
 * The wrapped file is never deleted or replaced behind the person's back: a file that does not
 * open is reported ([StoreKeyException.Unreadable]) and left where it is, and the store it
 * belongs to is never touched (the core refuses a wrong key with `WrongKey`, leaving the file
 * byte for byte). Only [forget], after the core has rewritten the store plain, removes it.
 */
class StoreKeyVault(
    private val file: File,
    private val wrapper: KeyWrapper,
    private val random: SecureRandom = SecureRandom(),
) {
    /** Whether a wrapped key is kept at all. */
    fun hasKey(): Boolean = file.isFile

    /** The kept key, or [StoreKeyException.Missing] / [StoreKeyException.Unreadable]. */
    fun key(): ByteArray {
        if (!file.isFile) throw StoreKeyException.Missing()
        return failingAs(StoreKeyException::Unreadable) { wrapper.unwrap(file.readBytes()) }
    }

    /**
     * A new random key, wrapped and written (to a temporary file, flushed, then renamed) before
     * it is returned: the caller hands it to the core's `changeStoreKey` only once it is kept,
     * so a store is never encrypted under a key the app could lose. Refuses to replace a key
     * already kept: an encrypted store may still need it.
     */
    fun newKey(): ByteArray {
        check(!file.exists()) { "store-key-already-kept" }
        val key = ByteArray(encryptionInfo().rawKeyBytes.toInt())
        failingAs(StoreKeyException::NotMade) {
            random.nextBytes(key)
            write(wrapper.wrap(key))
        }
        return key
    }

    /** Written whole or not at all: a temporary file, flushed, then renamed over. */
    private fun write(wrapped: ByteArray) {
        file.parentFile?.mkdirs()
        val partial = File(file.path + ".partial")
        partial.outputStream().use {
            it.write(wrapped)
            it.fd.sync()
        }
        if (!partial.renameTo(file)) throw IOException("rename")
    }

    /** [block], its Keystore or file failure reported as [typed]. */
    private fun <T> failingAs(
        typed: (Throwable) -> StoreKeyException,
        block: () -> T,
    ): T =
        try {
            block()
        } catch (e: GeneralSecurityException) {
            throw typed(e)
        } catch (e: IOException) {
            throw typed(e)
        }

    /** Forgets the key: only once the store no longer needs it (turned plain by the core). */
    fun forget() {
        file.delete()
        wrapper.forget()
    }
}

/**
 * Opens the person's store as its file is (the core reads which from its first bytes): an
 * encrypted one with the vault's key, a plain or new one without. An encrypted store whose key
 * is missing or unreadable is not opened and not touched; the caller shows Help now.
 */
fun openPersonStore(
    path: String,
    vault: StoreKeyVault,
): WellbeingStore =
    when (storeEncryption(path)) {
        StoreEncryption.ENCRYPTED -> WellbeingStore.openEncrypted(path, StoreKey.Raw(vault.key()))
        StoreEncryption.PLAIN, StoreEncryption.NO_STORE -> WellbeingStore.open(path)
    }
