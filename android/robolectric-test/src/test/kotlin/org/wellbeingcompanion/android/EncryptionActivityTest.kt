package org.wellbeingcompanion.android

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import uniffi.wellbeing.StoreEncryption
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.storeEncryption

/** Encryption turned on from the settings screen: the store rewritten under the kept key. */
@RunWith(RobolectricTestRunner::class)
class EncryptionActivityTest : ActivityTest() {
    @Test
    fun encryptionTurnedOnInSettingsLeavesTheStoreEncryptedWithTheSameRecords() {
        dbFile.parentFile!!.mkdirs()
        val before =
            WellbeingStore.open(dbFile.path).use {
                it.scalingCheckIn(3, null)
                it.scalingCheckIn(8, null)
                it.records(ToolId.CHECKIN, RECORDS)
            }
        val plainView = WellbeingStore.open(dbFile.path).use { it.settingsView() }
        val turnOn = checkNotNull(plainView.encryptionTurnOnLabel)

        val screen = start()
        screen.waitForTag("home-screen")
        screen.click("home-settings")
        screen.waitForTag("settings-screen")
        assertTrue(screen.textsUnder("encryption-on").contains(turnOn))
        assertFalse(screen.has("encryption-off"))
        screen.click("encryption-on")
        screen.waitForTag("encryption-off")

        assertEquals(StoreEncryption.ENCRYPTED, storeEncryption(dbFile.path))
        val vault = StoreFiles.vault(app)
        assertTrue(vault.hasKey())
        // Reopened with the same wrapped key (a second handle, as the app would on its next start).
        openPersonStore(dbFile.path, vault).use { s ->
            assertTrue(s.isEncrypted())
            assertEquals(before.rows, s.records(ToolId.CHECKIN, RECORDS).rows)
            val view = s.settingsView()
            assertTrue(view.encryptionLine in screen.texts())
            assertTrue(screen.textsUnder("encryption-off").contains(checkNotNull(view.encryptionTurnOffLabel)))
        }
    }

    private companion object {
        const val RECORDS = 20u
    }
}
