package org.wellbeingcompanion.android

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import java.security.KeyStore
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The wrapping key made inside the Android Keystore (hardware-backed where the phone has it),
 * which never leaves it: the app asks the Keystore to seal and open the store's key and never
 * holds the wrapping key itself. Not exercised by the tests here (Robolectric has no
 * `AndroidKeyStore` provider); the vault's logic is, over a wrapper in memory.
 *
 * An [authenticated] key (the biometric unlock's) works only through a cipher the biometric
 * prompt has just authorised, once per use, and stops working when a new fingerprint or face
 * is enrolled on the phone.
 */
class KeystoreWrapper(
    private val alias: String,
    private val authenticated: Boolean = false,
) : KeyWrapper() {
    private val keyStore: KeyStore by lazy { KeyStore.getInstance(PROVIDER).apply { load(null) } }

    override fun forget() {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    override fun secretKey(): SecretKey {
        (keyStore.getKey(alias, null) as? SecretKey)?.let { return it }
        val spec =
            KeyGenParameterSpec
                .Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(KEY_BITS)
                .apply {
                    if (authenticated) {
                        setUserAuthenticationRequired(true)
                        setInvalidatedByBiometricEnrollment(true)
                        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                            // Every use authorised by a strong biometric, none by a timeout.
                            setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                        }
                    }
                }.build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER).run {
            init(spec)
            generateKey()
        }
    }

    companion object {
        const val PROVIDER = "AndroidKeyStore"

        /** The key that wraps the store's key for opening it (no prompt: reminders open it too). */
        const val STORE_ALIAS = "org.wellbeingcompanion.store-key"

        /** The key the biometric prompt must authorise to release the store's key. */
        const val BIOMETRIC_ALIAS = "org.wellbeingcompanion.biometric-unlock"
    }
}
