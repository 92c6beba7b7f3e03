package org.wellbeingcompanion.android

import android.app.NotificationManager
import org.junit.Assert.assertEquals
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import uniffi.wellbeing.FlowProgress
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingStore

/** A posted reminder tapped: the app starts on the reminder's screen, the check-in's first step. */
@RunWith(RobolectricTestRunner::class)
class ReminderTapActivityTest : ActivityTest() {
    @Test
    fun aTappedCheckInReminderOpensTheCheckIn() {
        dbFile.parentFile!!.mkdirs()
        val wed = 1_794_996_000_000L
        val due =
            WellbeingStore.open(dbFile.path).use { s ->
                s.setFixedTime(wed, 0)
                s.setReminderSettings(ReminderSettings("18:30", emptyList(), measures = false, reviews = false))
                val r = s.upcomingReminders(1u).first()
                s.setFixedTime(r.atUtcMs, 0)
                ReminderDelivery(app) { r.atUtcMs }.deliverDue(s, wed)
                r
            }
        val posted = shadowOf(app.getSystemService(NotificationManager::class.java)).allNotifications.single()
        assertEquals(due.title, posted.extras.getCharSequence("android.title").toString())
        val tap = shadowOf(posted.contentIntent).savedIntent

        val screen = start(tap)
        screen.waitForTag("step-screen")
        val first = WellbeingStore.openInMemory().use { (it.startFlow(ToolId.CHECKIN, null) as FlowProgress.Next).step }
        assertEquals(first.prompt, screen.textsUnder("step-prompt").single())
    }
}
