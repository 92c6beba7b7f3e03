// The shell contract's navigation, wording and reminders through the real FFI: what an
// Android shell draws its home screen, its buttons and its notifications from.
package org.wellbeingcompanion.bindings

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import uniffi.wellbeing.HomeView
import uniffi.wellbeing.MenuEntry
import uniffi.wellbeing.MenuSectionKind
import uniffi.wellbeing.NavAction
import uniffi.wellbeing.ReminderKind
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.Weekday
import uniffi.wellbeing.shellText

/** Wednesday 18 November 2026, 10:00 UTC. */
const val WEDNESDAY_UTC_MS = 1_794_996_000_000L

class NavigationTest {
    private fun store(): WellbeingStore =
        WellbeingStore.openInMemory().also { it.setFixedTime(WEDNESDAY_UTC_MS, 0) }

    private fun entries(h: HomeView): List<MenuEntry> = h.sections.flatMap { it.entries }

    /** The entry that starts `tool`, found by its action as a shell does. */
    private fun starting(h: HomeView, kind: MenuSectionKind, tool: ToolId): MenuEntry =
        h.sections.first { it.kind == kind }.entries.first {
            val a = it.action
            a is NavAction.StartTool && a.tool == tool
        }

    @Test
    fun homeOffersTheCheckInNextAndKeepsToolKeysAfterIt() {
        store().use { c ->
            val before = c.home()
            assertEquals(MenuSectionKind.NEXT, before.sections.first().kind)
            val next = before.sections.first().entries.single()
            assertEquals(NavAction.StartTool(ToolId.CHECKIN, null), next.action)
            assertEquals("h", before.helpNow.key)
            assertEquals(NavAction.HelpNow, before.helpNow.action)
            assertTrue(entries(before).all { it.accessibilityLabel.isNotBlank() })
            val logKey = starting(before, MenuSectionKind.TOOLS, ToolId.FIVE_WAYS_LOG).key

            c.scalingCheckIn(6, null)
            val after = c.home()
            assertEquals(6, after.today.checkIn?.value)
            assertTrue(entries(after).none { it.action == NavAction.StartTool(ToolId.CHECKIN, null) && it.key.first().isLetter() })
            assertEquals(logKey, starting(after, MenuSectionKind.TOOLS, ToolId.FIVE_WAYS_LOG).key)
            val keys = entries(after).map { it.key } + after.helpNow.key
            assertEquals(keys.size, keys.toSet().size, "keys are unique: $keys")
        }
    }

    @Test
    fun aSafetyFlagPutsSupportFirst() {
        store().use { c ->
            c.takeMeasure(uniffi.wellbeing.MeasureInput(uniffi.wellbeing.MeasureId.PHQ9, listOf(0, 0, 0, 0, 0, 0, 0, 0, 1), null, null))
            val h = c.home()
            assertEquals(MenuSectionKind.SUPPORT, h.sections.first().kind)
            assertEquals(NavAction.HelpNow, h.sections.first().entries.first().action)
            // The core's notice, with the contacts in it, on home and on today.
            val n = h.safety ?: error("home carries the safety notice")
            assertTrue(n.urgent)
            assertEquals(listOf(uniffi.wellbeing.SafetyFlagCode.PHQ9_ITEM9), n.flags.map { it.code })
            assertTrue(n.contacts.any { c2 -> c2.ways.any { it.value == "116 123" } })
            assertEquals(n, h.today.safety)
            // The measure result carries the same flags in its own notice, before its score.
            val r = c.measureHistory(uniffi.wellbeing.MeasureId.PHQ9, 0u, 10u).results.first()
            assertEquals(n.flags, r.safety?.flags)
        }
    }

    @Test
    fun conversationMenuStartsToolsByAction() {
        store().use { c ->
            val m = c.conversationMenu()
            assertEquals("1", m.first().key)
            assertTrue(m.any { it.action == NavAction.StartTool(ToolId.PHQ9, null) })
        }
    }

    @Test
    fun shellTextComesFromContent() {
        val t = shellText()
        assertEquals("Saved.", t.saved)
        assertEquals("Discarded: nothing was stored.", t.discarded)
        assertEquals("Saved for later: it is on your home screen.", t.savedForLater)
        assertTrue(t.conversationBanner.startsWith("Nothing you enter here is stored"))
        assertTrue(t.homeTitle.contains("{date}"))
    }

    @Test
    fun upcomingRemindersHonourQuietDaysAndNotToday() {
        store().use { c ->
            assertEquals(emptyList<Any>(), c.upcomingReminders(7u), "off until chosen")
            val stored = c.setReminderSettings(ReminderSettings("18:30", listOf(Weekday.FRIDAY), false, false))
            assertEquals("18:30", stored.checkInTime)
            val r = c.upcomingReminders(4u)
            assertEquals(listOf("2026-11-18 18:30", "2026-11-19 18:30", "2026-11-21 18:30"), r.map { it.localTime })
            assertEquals(WEDNESDAY_UTC_MS + 8 * 3_600_000L + 30 * 60_000L, r.first().atUtcMs)
            assertEquals(ReminderKind.CHECK_IN, r.first().kind)
            assertEquals(NavAction.StartTool(ToolId.CHECKIN, null), r.first().action)
            assertNotNull(r.first().title)
            c.skipRemindersToday()
            assertEquals(listOf("2026-11-19 18:30"), c.upcomingReminders(2u).map { it.localTime })
            assertThrows(WellbeingException.InvalidInput::class.java) {
                c.setReminderSettings(ReminderSettings("25:00", emptyList(), false, false))
            }
            assertThrows(WellbeingException.InvalidInput::class.java) { c.upcomingReminders(0u) }
        }
    }
}
