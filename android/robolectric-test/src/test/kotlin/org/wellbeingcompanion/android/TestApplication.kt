package org.wellbeingcompanion.android

import androidx.work.Configuration
import androidx.work.testing.SynchronousExecutor
import androidx.work.testing.WorkManagerTestInitHelper
import org.wellbeingcompanion.ui.PromptWords
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * The app as the tests run it (robolectric.properties names it): the same code over the two
 * things the JVM lacks. Robolectric has no `AndroidKeyStore` provider, so the wrapping keys are
 * AES-256-GCM keys in memory ([MemoryKeyWrapper], the same cipher and layout as the Keystore's);
 * and there is no biometric hardware, so [gate] stands in for the prompt. WorkManager runs its
 * test instance, synchronously, as WorkManager's own test artifact sets it up.
 */
class TestApplication : CompanionApplication() {
    override fun onCreate() {
        super.onCreate()
        WorkManagerTestInitHelper.initializeTestWorkManager(this, Configuration.Builder().setExecutor(SynchronousExecutor()).build())
    }

    override fun storeKeyWrapper(): KeyWrapper = storeWrapper

    override fun biometricKeyWrapper(): KeyWrapper = biometricWrapper

    override fun biometricGate(): BiometricGate = gate

    companion object {
        /** One per test JVM, as the Keystore's keys outlive the Activity. */
        val storeWrapper = MemoryKeyWrapper()
        val biometricWrapper = MemoryKeyWrapper()
        val gate = StandInGate()
    }
}

/** An AES-256-GCM wrapping key held in memory: what the Keystore does, without the Keystore. */
class MemoryKeyWrapper : KeyWrapper() {
    private var key: SecretKey? = null
    var forgotten = 0
        private set

    override fun secretKey(): SecretKey =
        key ?: KeyGenerator
            .getInstance("AES")
            .run {
                init(KEY_BITS)
                generateKey()
            }.also { key = it }

    override fun forget() {
        key = null
        forgotten++
    }
}

/** The biometric prompt stood in for: passes when [passes], counting how often it was shown. */
class StandInGate : BiometricGate {
    var passes = true
    var available = true
    var shown = 0
        private set
    var lastWords: PromptWords? = null
        private set

    override fun available() = available

    override fun authorise(
        words: PromptWords,
        cipher: Cipher,
        done: (Cipher?) -> Unit,
    ) {
        shown++
        lastWords = words
        done(if (passes) cipher else null)
    }
}
