package org.wellbeingcompanion.android

import android.app.Application
import android.content.Context
import java.io.File

/**
 * What the app is built from that a test on the JVM cannot have: the Android Keystore and the
 * biometric prompt. The tests run a subclass with a key in memory and a stand-in prompt
 * (`robolectric-test`'s `TestApplication`); everything else is the same code.
 */
open class CompanionApplication : Application() {
    /** Wraps the store's key for opening the store: at start and for reminders, no prompt. */
    open fun storeKeyWrapper(): KeyWrapper = KeystoreWrapper(KeystoreWrapper.STORE_ALIAS)

    /** Wraps the copy of the key that only a passed biometric prompt can open. */
    open fun biometricKeyWrapper(): KeyWrapper = KeystoreWrapper(KeystoreWrapper.BIOMETRIC_ALIAS, authenticated = true)

    open fun biometricGate(): BiometricGate = FrameworkBiometricGate(this)

    /** The device's clock, as reminders measure their delay on it. */
    open fun nowMs(): Long = System.currentTimeMillis()

    companion object {
        fun of(context: Context): CompanionApplication = context.applicationContext as CompanionApplication

        fun keys(context: Context): AppStoreKeys {
            val app = of(context)
            return AppStoreKeys(
                StoreFiles.vault(context),
                File(context.noBackupFilesDir, AppStoreKeys.BIOMETRIC_FILE),
                app.biometricKeyWrapper(),
                app.biometricGate(),
            )
        }
    }
}
