package org.wellbeingcompanion.ui

import androidx.compose.ui.test.assertIsOn
import androidx.compose.ui.test.assertTextContains
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.wellbeing.MeasureId
import uniffi.wellbeing.MeasureInput
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.Weekday

/**
 * The appointment-summary screen and the reminders part of settings against the real core:
 * each test acts through what is on screen, then reads the store through a second handle.
 */
class AppointmentSummaryTest {
    /** A GAD-7 on [date] with every answer [each] (a total of 7 × each). */
    private fun AppHarness.gad7(
        date: String,
        each: Int,
    ) = onDisk { it.takeMeasure(MeasureInput(MeasureId.GAD7, List(7) { each }, date, null)) }

    private fun AppHarness.openSummary() {
        home()
        click("home-appointment-summary")
        waitFor("appointment-summary-screen")
    }

    private fun AppHarness.report() =
        (
            waitScreen {
                it is Screen.AppointmentSummary && it.report != null
            } as Screen.AppointmentSummary
        ).report!!

    @Test
    fun aSummaryOverChosenDaysHoldsWhatWasRecordedInThemAndNotWhatCameBefore() =
        onPhone {
            gad7("2026-10-05", 3)
            gad7("2026-11-20", 1)
            launch()
            openSummary()
            click("summary-period-chosen-dates")
            waitFor("summary-from").performTextInput("2026-11-01")
            waitFor("summary-to").performTextInput("2026-11-23")
            click("summary-make")
            val report = report()
            assertEquals("2026-11-01" to "2026-11-23", report.from to report.to)
            waitFor("report-period").assertTextContains(report.periodLine)
            // The score of 20 November is in the measures' table on screen; 5 October's is not.
            val table =
                report.sections
                    .single { it.id == "measures" }
                    .tables
                    .single()
            assertEquals(1, table.rows.size)
            assertTrue(table.rows.single().any { it.startsWith("7 ") })
            waitFor("report-section-measures")
            assertEquals(1, rule.onAllNodesWithText("7 of 21", substring = true).fetchSemanticsNodes().size)
            assertEquals(0, rule.onAllNodesWithText("21 of 21", substring = true).fetchSemanticsNodes().size)
            // Every section the core made is drawn, with its title.
            for (section in report.sections) {
                waitFor("report-section-" + section.id)
                rule
                    .onAllNodesWithText(section.title)
                    .fetchSemanticsNodes()
                    .isNotEmpty()
                    .let { assertTrue(section.id, it) }
            }
            // The store lists exactly this summary, over those days.
            val history = onDisk { it.appointmentSummaryHistory() }
            assertEquals(listOf(Triple(report.id, "2026-11-01", "2026-11-23")), history.map { Triple(it.id, it.from, it.to) })
            // Back to choosing: the summary just made is listed in the core's words.
            click("summary-another")
            waitFor("appointment-summary-screen")
            val row = (state.screen as Screen.AppointmentSummary).view.history.single()
            waitFor("summary-history-" + row.id)
            rule.onNodeWithText(row.label).assertExists()
            // Made again from the list: the same days, a new summary the core lists too.
            click("summary-again-" + row.id)
            val again = report()
            assertEquals("2026-11-01" to "2026-11-23", again.from to again.to)
            assertTrue("a new summary", again.id != report.id)
            assertEquals(
                listOf("2026-11-01" to "2026-11-23", "2026-11-01" to "2026-11-23"),
                onDisk { it.appointmentSummaryHistory() }.map { it.from to it.to },
            )
        }

    @Test
    fun aReversedRangeIsRefusedUnderItsFieldAndNoSummaryIsListed() =
        onPhone {
            launch()
            openSummary()
            click("summary-period-chosen-dates")
            waitFor("summary-from").performTextInput("2026-11-20")
            waitFor("summary-to").performTextInput("2026-11-10")
            click("summary-make")
            val refused = (waitScreen { it is Screen.AppointmentSummary && it.refused != null } as Screen.AppointmentSummary).refused!!
            assertEquals("from", refused.field)
            waitFor("summary-refused-from")
            rule.onNodeWithText(refused.reason).assertExists()
            // The typed days stay in their fields to be put right.
            waitFor("summary-from").assertTextContains("2026-11-20")
            assertEquals(emptyList<Any>(), onDisk { it.appointmentSummaryHistory() })
            waitFor("summary-history-empty")
            // A future last day is refused by its own field.
            waitFor("summary-from").performTextReplacement("2026-11-01")
            waitFor("summary-to").performTextReplacement("2026-11-24")
            click("summary-make")
            waitScreen { it is Screen.AppointmentSummary && it.refused?.field == "to" }
            waitFor("summary-refused-to")
            assertEquals(0, rule.onAllNodesWithTag("summary-refused-from").fetchSemanticsNodes().size)
            assertEquals(emptyList<Any>(), onDisk { it.appointmentSummaryHistory() })
        }

    @Test
    fun aPhq9WithItem9InThePeriodPutsTheCoresSafetyNoticeAboveTheSections() =
        onPhone {
            onDisk { it.takeMeasure(MeasureInput(MeasureId.PHQ9, listOf(1, 1, 0, 0, 0, 0, 0, 0, 1), "2026-11-16", null)) }
            launch()
            openSummary()
            click("summary-period-last-four-weeks")
            click("summary-make")
            val report = report()
            assertNotNull(report.safety)
            val coreNotice = report.safety!!
            assertTrue(coreNotice.urgent)
            waitFor("safety-heading").assertTextContains(coreNotice.heading)
            for (contact in coreNotice.contacts) waitFor("contact-" + contact.id)
            // Where each is laid out in the screen's column (unclipped by the window).
            val notice = waitFor("safety-notice").fetchSemanticsNode()
            val noticeBottom = notice.positionInRoot.y + notice.size.height
            for (section in report.sections) {
                val top = waitFor("report-section-" + section.id).fetchSemanticsNode().positionInRoot.y
                assertTrue("${section.id} at $top is below the notice ending at $noticeBottom", top >= noticeBottom)
            }
            // The same summary from the store's side carries the flag.
            assertEquals(report.id, onDisk { it.appointmentSummaryHistory() }.single().id)
        }

    @Test
    fun shareHandsOverExactlyTheCoresTextAndHtml() =
        onPhone {
            gad7("2026-11-20", 2)
            launch()
            openSummary()
            click("summary-full-text")
            waitFor("summary-full-text").assertIsOn()
            click("summary-make")
            val report = report()
            assertTrue(report.includeFullText)
            click("summary-share")
            rule.waitUntil(timeoutMillis = 10_000) { synchronized(shared) { shared.isNotEmpty() } }
            val handed = synchronized(shared) { shared.single() }
            val view = (state.screen as Screen.AppointmentSummary).view
            assertEquals(SummaryShare(report.text, report.html, report.heading, view.shareTitle), handed)
            assertTrue(handed.text.contains("14 of 21"))
            assertTrue(onDisk { it.appointmentSummaryHistory() }.single().includeFullText)
        }

    @Test
    fun aChangedReminderIsStoredAndShownAgainAfterARestart() =
        onPhone {
            launch()
            home()
            click("home-settings")
            waitFor("settings-screen")
            click("reminders-check-in")
            // The field starts at the core's suggestion; a bad time is refused by its field.
            val view = (state.screen as Screen.Settings).reminders
            waitFor("reminders-time").assertTextContains(view.suggestedTime)
            waitFor("reminders-time").performTextReplacement("25:61")
            click("reminders-save")
            val refused = (waitScreen { it is Screen.Settings && it.remindersRefused != null } as Screen.Settings).remindersRefused!!
            assertEquals("check_in_time", refused.field)
            waitFor("reminders-refused-check_in_time")
            rule.onNodeWithText(refused.reason).assertExists()
            assertEquals(ReminderSettings(null, emptyList(), false, false), onDisk { it.reminderSettings() })

            waitFor("reminders-time").performTextReplacement("7:30")
            click("reminders-measures")
            click("reminders-quiet-sunday")
            click("reminders-quiet-saturday")
            click("reminders-save")
            waitScreen { it is Screen.Settings && it.reminders.settings.checkInTime != null && it.remindersRefused == null }
            val stored = onDisk { it.reminderSettings() }
            assertEquals(ReminderSettings("07:30", listOf(Weekday.SATURDAY, Weekday.SUNDAY), true, false), stored)

            restart()
            home()
            click("home-settings")
            waitFor("settings-screen")
            waitFor("reminders-time").performScrollTo().assertTextContains("07:30")
            waitFor("reminders-check-in").assertIsOn()
            waitFor("reminders-measures").assertIsOn()
            waitFor("reminders-quiet-sunday").assertIsOn()
            assertEquals(stored, (state.screen as Screen.Settings).reminders.settings)
        }
}
