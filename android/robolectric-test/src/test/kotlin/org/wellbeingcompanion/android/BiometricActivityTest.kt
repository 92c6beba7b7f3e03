package org.wellbeingcompanion.android

import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.wellbeingcompanion.ui.PromptWords
import uniffi.wellbeing.LockSettingsInput
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.WellbeingStore
import java.io.File

/**
 * The lock screen's biometric button on an encrypted store: the prompt (stood in for) releases
 * the key's biometric copy, and the core unlocks only with the store's own key.
 */
@RunWith(RobolectricTestRunner::class)
class BiometricActivityTest : ActivityTest() {
    @Test
    fun thePromptReleasesTheKeyAndTheCoreUnlocks() {
        dbFile.parentFile!!.mkdirs()
        val gate = TestApplication.gate
        val keys = CompanionApplication.keys(app)
        val lock =
            WellbeingStore.open(dbFile.path).use { s ->
                s.changeStoreKey(StoreKey.Raw(keys.newKey()))
                s.setLockSettings(LockSettingsInput(true, 0u, "2468", true))
                s.lockScreen()
            }
        var enrolled = false
        keys.enrolBiometric(PromptWords("title", lock.biometricReason, "back")) { enrolled = it }
        assertTrue(enrolled)
        assertTrue(File(app.noBackupFilesDir, AppStoreKeys.BIOMETRIC_FILE).isFile)

        gate.passes = false
        val screen = start()
        screen.waitForTag("lock-screen")
        val shown = openPersonStore(dbFile.path, StoreFiles.vault(app)).use { it.lockScreen() }
        assertTrue(screen.textsUnder("unlock-biometric").contains(checkNotNull(shown.biometricLabel)))
        screen.click("unlock-biometric")
        screen.settle()
        assertTrue("a failed prompt leaves the lock", screen.has("lock-screen"))
        assertEquals(shown.biometricReason, gate.lastWords?.reason)

        gate.passes = true
        screen.click("unlock-biometric")
        screen.waitForTag("home-screen")
        assertEquals(3, gate.shown)
    }
}
