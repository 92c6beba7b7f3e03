// Help now through the real FFI with no store handle: the crisis contacts come back whatever
// state the data file is in, and the file is left exactly as it was.
package org.wellbeingcompanion.bindings

import java.io.File
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import uniffi.wellbeing.PlanStatus
import uniffi.wellbeing.SafetyHelpNow
import uniffi.wellbeing.crisisContacts
import uniffi.wellbeing.helpNowWithoutStore

class HelpNowTest {
    private fun assertContacts(h: SafetyHelpNow) {
        assertEquals(listOf("emergency", "samaritans"), h.contacts.take(2).map { it.id })
        assertEquals(crisisContacts(), h.contacts)
        assertTrue(h.grounding.size >= 3)
        assertTrue(h.groundingHeading.isNotEmpty())
    }

    @Test
    fun noPathStillGivesTheContacts() {
        val h = helpNowWithoutStore(null)
        assertContacts(h)
        assertEquals(PlanStatus.NO_STORE, h.planStatus)
        assertNull(h.plan)
    }

    @Test
    fun missingFileIsNotCreated(@TempDir dir: File) {
        val f = File(dir, "companion.db")
        val h = helpNowWithoutStore(f.path)
        assertContacts(h)
        assertEquals(PlanStatus.NO_STORE, h.planStatus)
        assertFalse(f.exists())
        assertEquals(0, dir.listFiles()!!.size)
    }

    @Test
    fun brokenFileGivesTheContactsAndIsLeftAlone(@TempDir dir: File) {
        val f = File(dir, "companion.db")
        val bytes = "not a database at all ".repeat(300).toByteArray()
        f.writeBytes(bytes)
        val h = helpNowWithoutStore(f.path)
        assertContacts(h)
        assertEquals(PlanStatus.UNREADABLE, h.planStatus)
        assertNull(h.plan)
        assertNotNull(h.noPlanText)
        assertArrayEquals(bytes, f.readBytes())
        assertEquals(listOf("companion.db"), dir.listFiles()!!.map { it.name })
    }
}
