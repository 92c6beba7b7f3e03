package org.wellbeingcompanion.android

import android.content.Intent
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import uniffi.wellbeing.WellbeingStore

/**
 * The appointment summary from home under Android's own Compose: made with the core's default
 * period, and Share starting the system's chooser over an ACTION_SEND of the core's text and
 * HTML, with the core's chooser title.
 */
@RunWith(RobolectricTestRunner::class)
class SummaryActivityTest : ActivityTest() {
    @Test
    fun aSummaryIsMadeFromHomeAndSharedThroughTheChooser() {
        val screen = start()
        screen.waitForTag("home-screen")
        screen.click("home-appointment-summary")
        screen.waitForTag("appointment-summary-screen")
        val view = WellbeingStore.open(dbFile.path).use { it.appointmentSummaryView() }
        for (choice in view.periodChoices) assertTrue(choice.label, choice.label in screen.texts())
        screen.click("summary-make")
        screen.waitForTag("appointment-report-screen")
        val made = WellbeingStore.open(dbFile.path).use { it.appointmentSummaryHistory() }.single()

        screen.click("summary-share")
        val chooser = shadowOf(activity).nextStartedActivity
        assertNotNull("a chooser was started", chooser)
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        assertEquals(view.shareTitle, chooser.getCharSequenceExtra(Intent.EXTRA_TITLE).toString())
        val send = checkNotNull(chooser.getParcelableExtra(Intent.EXTRA_INTENT, Intent::class.java))
        assertEquals(Intent.ACTION_SEND, send.action)
        assertEquals("text/plain", send.type)
        // The same period made again by a second handle gives the core's text for it.
        val again = WellbeingStore.open(dbFile.path).use { it.appointmentSummary(made.from, made.to, false) }
        assertEquals(again.text, send.getStringExtra(Intent.EXTRA_TEXT))
        assertEquals(again.heading, send.getStringExtra(Intent.EXTRA_SUBJECT))
        assertTrue(send.getStringExtra(Intent.EXTRA_HTML_TEXT)!!.startsWith("<!DOCTYPE html>"))
    }
}
