package org.wellbeingcompanion.android

import androidx.work.WorkInfo
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import uniffi.wellbeing.WellbeingStore

/**
 * Reminders turned on in settings reach WorkManager at once: the person's save is what makes
 * the core's schedule change, so the job must be enqueued then, not at the next app start.
 */
@RunWith(RobolectricTestRunner::class)
class ReminderSettingsActivityTest : ActivityTest() {
    private fun enqueued(): List<WorkInfo> = enqueuedReminderJobs(app)

    @Test
    fun savingTheCheckInReminderEnqueuesTheJob() {
        val screen = start()
        screen.waitForTag("home-screen")
        // A new store has no reminders: nothing to deliver, so no job.
        assertEquals(emptyList<WorkInfo>(), enqueued())
        screen.click("home-settings")
        screen.waitForTag("settings-screen")
        screen.click("reminders-check-in")
        screen.click("reminders-save")
        screen.waitFor("the reminders' job") { enqueued().size == 1 }
        val time = WellbeingStore.open(dbFile.path).use { it.reminderSettings().checkInTime }
        assertTrue("the check-in reminder stored", time != null)
        assertTrue(screen.has("settings-screen"))
    }
}
