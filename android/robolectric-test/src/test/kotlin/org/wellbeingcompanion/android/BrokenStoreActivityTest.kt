package org.wellbeingcompanion.android

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import uniffi.wellbeing.helpNowWithoutStore

/** A store file that cannot be opened: Help now, straight away, and the file kept. */
@RunWith(RobolectricTestRunner::class)
class BrokenStoreActivityTest : ActivityTest() {
    @Test
    fun helpNowIsShownWhenTheStoreFileIsGarbage() {
        dbFile.parentFile!!.mkdirs()
        // Text where SQLite's header should be: a file the core cannot open, nor mistake for an
        // encrypted store.
        val garbage = ByteArray(GARBAGE_BYTES) { ('a' + it % 26).code.toByte() }
        dbFile.writeBytes(garbage)
        val screen = start()
        screen.waitForTag("help-now-screen")
        assertTrue(screen.has("store-unavailable"))
        assertFalse(screen.has("home-screen"))
        val help = helpNowWithoutStore(dbFile.path)
        assertTrue(help.title in screen.texts())
        assertTrue(help.contacts.isNotEmpty())
        for (c in help.contacts) {
            assertTrue("contact ${c.id}", screen.has("contact-" + c.id))
            assertTrue(screen.textsUnder("contact-" + c.id).any { it.contains(c.name) })
        }
        // Nothing is lost: the core set the file it could not open aside, byte for byte.
        val kept = dbFile.parentFile!!.listFiles()!!.filter { it.readBytes().contentEquals(garbage) }
        assertEquals(1, kept.size)
    }

    private companion object {
        const val GARBAGE_BYTES = 8192
    }
}
