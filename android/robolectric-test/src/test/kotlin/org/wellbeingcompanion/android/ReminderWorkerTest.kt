package org.wellbeingcompanion.android

import android.app.Application
import android.app.NotificationManager
import androidx.work.Data
import androidx.work.ListenableWorker
import androidx.work.WorkInfo
import androidx.work.WorkerFactory
import androidx.work.WorkerParameters
import androidx.work.testing.TestListenableWorkerBuilder
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import uniffi.wellbeing.NavAction
import uniffi.wellbeing.Reminder
import uniffi.wellbeing.ReminderSettings
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.shellText
import java.io.File

/**
 * The reminders' job as WorkManager runs it (WorkManager's test artifact: the worker built by
 * TestListenableWorkerBuilder, the app's WorkManager the synchronous test one), on a store
 * whose clock is fixed, so "now" is a moment the test chooses: what it posts is what the core
 * says is due, in the core's words, and the job it enqueues next runs at the core's next time.
 */
@RunWith(RobolectricTestRunner::class)
class ReminderWorkerTest {
    private val app: Application = RuntimeEnvironment.getApplication()
    private val db = File(app.noBackupFilesDir, MainActivity.DATABASE_FILE)
    private val notifications = shadowOf(app.getSystemService(NotificationManager::class.java))

    private fun store(now: Long): WellbeingStore = WellbeingStore.open(db.path).also { it.setFixedTime(now, 0) }

    /** The check-in reminder at 18:30, set on Wednesday morning; the core's first reminder. */
    private fun dailyAtHalfSix(): Reminder =
        store(WED).use {
            it.setReminderSettings(ReminderSettings("18:30", emptyList(), measures = false, reviews = false))
            it.upcomingReminders(1u).first()
        }

    /** Runs the job at [now], as if it had been enqueued when the schedule was asked at [since]. */
    private fun runAt(
        now: Long,
        since: Long,
    ): ListenableWorker.Result {
        val factory =
            object : WorkerFactory() {
                override fun createWorker(
                    appContext: android.content.Context,
                    workerClassName: String,
                    workerParameters: WorkerParameters,
                ) = ReminderWorker(appContext, workerParameters, { store(now) }, ReminderDelivery(appContext) { now })
            }
        val worker =
            TestListenableWorkerBuilder<ReminderWorker>(app)
                .setInputData(Data.Builder().putLong(ReminderDelivery.SINCE, since).build())
                .setWorkerFactory(factory)
                .build()
        return worker.startWork().get()
    }

    private fun enqueued(): List<WorkInfo> = enqueuedReminderJobs(app)

    @Test
    fun aReminderTheCoreSaysIsDueIsPostedInItsWordsAndTheNextIsEnqueued() {
        val due = dailyAtHalfSix()
        // WorkManager ran the job three minutes after the core's moment.
        val now = due.atUtcMs + 3 * MINUTE_MS
        assertEquals(ListenableWorker.Result.success(), runAt(now, since = WED))

        val posted = notifications.allNotifications
        assertEquals(1, posted.size)
        val n = posted.single()
        assertEquals(due.title, n.extras.getCharSequence("android.title").toString())
        assertEquals(due.body, n.extras.getCharSequence("android.text").toString())
        assertEquals(ReminderDelivery.CHANNEL_ID, n.channelId)
        assertEquals(
            shellText().remindersTitle,
            app.getSystemService(NotificationManager::class.java).getNotificationChannel(ReminderDelivery.CHANNEL_ID).name,
        )
        // A tap opens the app on the reminder's own action.
        val tap = shadowOf(n.contentIntent).savedIntent
        assertEquals(MainActivity::class.java.name, tap.component?.className)
        assertEquals(NavAction.StartTool(ToolId.CHECKIN, null), NavActionExtras.action(tap.extras))

        // The next run: Thursday's 18:30, as the core gives it from now.
        val next = store(now).use { it.upcomingReminders(2u).first() }
        assertEquals(due.atUtcMs + DAY_MS, next.atUtcMs)
        val work = enqueued().single()
        assertEquals(next.atUtcMs - now, work.initialDelayMillis)
    }

    @Test
    fun nothingIsPostedWhenNothingIsDueAndTheRunStaysForTheCoresTime() {
        val due = dailyAtHalfSix()
        // Woken early in the afternoon (the app asked again at noon): nothing is due yet.
        val now = WED + 4 * HOUR_MS
        assertEquals(ListenableWorker.Result.success(), runAt(now, since = WED + 2 * HOUR_MS))
        assertTrue(notifications.allNotifications.isEmpty())
        assertEquals(due.atUtcMs - now, enqueued().single().initialDelayMillis)
    }

    @Test
    fun aCheckInMadeBeforeTheMomentTakesItsReminderAway() {
        val due = dailyAtHalfSix()
        store(WED + HOUR_MS).use { it.scalingCheckIn(6, null) }
        val now = due.atUtcMs + MINUTE_MS
        runAt(now, since = WED)
        assertTrue("checked in today: nothing to remind", notifications.allNotifications.isEmpty())
        // Tomorrow's is still enqueued.
        assertEquals(due.atUtcMs + DAY_MS - now, enqueued().single().initialDelayMillis)
    }

    @Test
    fun withRemindersOffNothingIsPostedOrEnqueued() {
        store(WED).use { it.scalingCheckIn(5, null) }
        runAt(WED + 10 * HOUR_MS, since = WED)
        assertTrue(notifications.allNotifications.isEmpty())
        assertTrue(enqueued().isEmpty())
    }

    private companion object {
        /** Wednesday 18 November 2026, 10:00 UTC. */
        const val WED = 1_794_996_000_000L
        const val MINUTE_MS = 60_000L
        const val HOUR_MS = 3_600_000L
        const val DAY_MS = 86_400_000L
    }
}
