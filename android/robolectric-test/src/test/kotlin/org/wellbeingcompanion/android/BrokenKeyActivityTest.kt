package org.wellbeingcompanion.android

import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import uniffi.wellbeing.StoreKey
import uniffi.wellbeing.WellbeingStore
import java.io.File

/** An encrypted store whose wrapped key was damaged: Help now at once, both files kept. */
@RunWith(RobolectricTestRunner::class)
class BrokenKeyActivityTest : ActivityTest() {
    @Test
    fun aDamagedWrappedKeyShowsHelpNowAndKeepsTheStoreAndTheKeyFile() {
        dbFile.parentFile!!.mkdirs()
        val key = StoreFiles.vault(app).newKey()
        WellbeingStore.openEncrypted(dbFile.path, StoreKey.Raw(key)).use { it.scalingCheckIn(5, null) }
        val store = dbFile.readBytes()
        val keyFile = File(app.noBackupFilesDir, AppStoreKeys.KEY_FILE)
        val damaged = keyFile.readBytes().also { it[0] = (it[0].toInt() xor 0xff).toByte() }
        keyFile.writeBytes(damaged)

        val screen = start()
        screen.waitForTag("help-now-screen")
        assertTrue(screen.has("store-unavailable"))
        assertFalse(screen.has("home-screen"))
        assertArrayEquals("the store is not set aside or changed", store, dbFile.readBytes())
        assertArrayEquals(damaged, keyFile.readBytes())
    }
}
