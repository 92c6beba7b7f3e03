package org.wellbeingcompanion.android

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Bundle
import androidx.work.Data
import androidx.work.ExistingWorkPolicy
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import uniffi.wellbeing.NavAction
import uniffi.wellbeing.Reminder
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.shellText
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Delivers the core's reminders through WorkManager. The core decides every reminder (the
 * check-in at the chosen time, measures when due, a review on its date, quiet days, "not
 * today", a check-in already made) and its words; this only
 *  - asks `upcomingReminders` for the next one and enqueues one unique job ([WORK_NAME],
 *    replaced whenever the schedule is asked again) to run at its moment, carrying the
 *    instant the schedule was asked;
 *  - when the job runs, asks `dueReminders(since)` what has come due since that instant and
 *    posts each with the core's title and text, a tap opening its `NavAction`; then enqueues
 *    itself for the next one.
 * No timing is decided here beyond "run at the instant the core gave".
 *
 * [now] is the clock the delay is measured on: the device's, or in tests the instant the
 * core's fixed clock is set to.
 */
class ReminderDelivery(
    private val context: Context,
    private val now: () -> Long = System::currentTimeMillis,
) {
    private val notifications: NotificationManager = context.getSystemService(NotificationManager::class.java)

    /**
     * The next reminder the core gives, enqueued (replacing whatever was), or nothing enqueued
     * when there is none. Returns it.
     */
    fun schedule(
        store: WellbeingStore,
        policy: ExistingWorkPolicy = ExistingWorkPolicy.REPLACE,
    ): Reminder? {
        val asked = now()
        val next = store.upcomingReminders(DAYS_AHEAD).firstOrNull()
        val work = WorkManager.getInstance(context)
        if (next == null) {
            work.cancelUniqueWork(WORK_NAME)
            return null
        }
        val request =
            OneTimeWorkRequestBuilder<ReminderWorker>()
                .setInitialDelay((next.atUtcMs - asked).coerceAtLeast(0), TimeUnit.MILLISECONDS)
                .setInputData(Data.Builder().putLong(SINCE, asked).build())
                .addTag(WORK_NAME)
                .build()
        work.enqueueUniqueWork(WORK_NAME, policy, request)
        return next
    }

    /** Posts what the core says has come due since [since]; returns what was posted. */
    fun deliverDue(
        store: WellbeingStore,
        since: Long,
    ): List<Reminder> {
        val due = store.dueReminders(since)
        if (due.isNotEmpty()) ensureChannel()
        for (reminder in due) notifications.notify(reminder.id, NOTIFICATION_ID, notificationFor(reminder))
        return due
    }

    private fun ensureChannel() {
        // The channel's name is what the system's settings show for it: the core's word.
        val channel = NotificationChannel(CHANNEL_ID, shellText().remindersTitle, NotificationManager.IMPORTANCE_DEFAULT)
        notifications.createNotificationChannel(channel)
    }

    private fun notificationFor(reminder: Reminder): Notification {
        val open =
            Intent(context, MainActivity::class.java)
                .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
                .putExtras(NavActionExtras.bundle(reminder.action))
        val tap =
            PendingIntent.getActivity(
                context,
                reminder.id.hashCode(),
                open,
                PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
            )
        // The core's reminder words name nothing the person wrote: they may show on a locked screen.
        return Notification
            .Builder(context, CHANNEL_ID)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(reminder.title)
            .setContentText(reminder.body)
            .setContentIntent(tap)
            .setAutoCancel(true)
            .build()
    }

    companion object {
        /** The one unique job: replaced, never added to, whenever the schedule is asked again. */
        const val WORK_NAME = "wellbeing-reminders"
        const val CHANNEL_ID = "reminders"

        /** Each reminder is posted under its own id as the tag, so the same one replaces itself. */
        const val NOTIFICATION_ID = 1
        const val SINCE = "since_utc_ms"

        /** The core's longest look ahead, so the next reminder is found past quiet days. */
        const val DAYS_AHEAD = 14u
    }
}

/**
 * The job WorkManager runs at the core's instant: opens the store through the core (with the
 * Keystore's key when it is encrypted), posts what is due, enqueues the next. A store that
 * cannot be opened posts nothing and enqueues nothing; the app asks again when it starts.
 */
class ReminderWorker(
    context: Context,
    params: WorkerParameters,
    private val openStore: () -> WellbeingStore,
    private val delivery: ReminderDelivery,
) : Worker(context, params) {
    /** WorkManager's own way in: the person's store as the app opens it. */
    constructor(context: Context, params: WorkerParameters) : this(
        context,
        params,
        { openPersonStore(StoreFiles.database(context).path, StoreFiles.vault(context)) },
        ReminderDelivery(context, CompanionApplication.of(context)::nowMs),
    )

    override fun doWork(): Result {
        val since = inputData.getLong(ReminderDelivery.SINCE, 0)
        return try {
            openStore().use { store ->
                delivery.deliverDue(store, since)
                // After this run, not instead of it: replacing would cancel the job running.
                delivery.schedule(store, ExistingWorkPolicy.APPEND_OR_REPLACE)
            }
            Result.success()
        } catch (expected: WellbeingException) {
            // The store did not open or answer (the core says why; nothing of the person's in
            // it): no reminder now, and the app asks again when it starts.
            Result.failure()
        } catch (expected: StoreKeyException) {
            Result.failure()
        }
    }
}

/** Where the person's files are: all in `noBackupFilesDir`, never backed up. */
object StoreFiles {
    fun database(context: Context) = File(context.noBackupFilesDir, MainActivity.DATABASE_FILE)

    fun vault(context: Context) =
        StoreKeyVault(File(context.noBackupFilesDir, AppStoreKeys.KEY_FILE), CompanionApplication.of(context).storeKeyWrapper())
}

/**
 * A [NavAction] as an Intent's extras, so a tapped notification opens its screen even after
 * the process was gone. Tools are written by their enum name and read back by it; an extra
 * that does not read back is no action (the app opens on home).
 */
object NavActionExtras {
    private const val ACTION = "org.wellbeingcompanion.action"
    private const val TOOL = "org.wellbeingcompanion.tool"
    private const val SUBJECT = "org.wellbeingcompanion.subject"
    private const val FLOW = "org.wellbeingcompanion.flow"

    fun bundle(action: NavAction): Bundle =
        Bundle().apply {
            when (action) {
                is NavAction.StartTool -> {
                    putString(ACTION, "start-tool")
                    putString(TOOL, action.tool.name)
                    putString(SUBJECT, action.subjectId)
                }

                is NavAction.ResumeFlow -> {
                    putString(ACTION, "resume-flow")
                    putString(FLOW, action.flowId)
                }

                is NavAction.History -> {
                    putString(ACTION, "history")
                    putString(TOOL, action.tool.name)
                }

                NavAction.HelpNow -> {
                    putString(ACTION, "help-now")
                }

                NavAction.Week -> {
                    putString(ACTION, "week")
                }

                NavAction.AppointmentSummary -> {
                    putString(ACTION, "appointment-summary")
                }

                NavAction.Conversation -> {
                    putString(ACTION, "conversation")
                }

                NavAction.OpenSafetyPlan -> {
                    putString(ACTION, "safety-plan")
                }

                NavAction.Settings -> {
                    putString(ACTION, "settings")
                }
            }
        }

    /** The actions that carry nothing but their kind. */
    private val plain =
        mapOf(
            "help-now" to NavAction.HelpNow,
            "week" to NavAction.Week,
            "appointment-summary" to NavAction.AppointmentSummary,
            "conversation" to NavAction.Conversation,
            "safety-plan" to NavAction.OpenSafetyPlan,
            "settings" to NavAction.Settings,
        )

    fun action(extras: Bundle?): NavAction? {
        val kind = extras?.getString(ACTION) ?: return null
        return plain[kind] ?: withDetail(kind, extras)
    }

    private fun withDetail(
        kind: String,
        extras: Bundle,
    ): NavAction? {
        val tool = extras.getString(TOOL)?.let { name -> ToolId.entries.firstOrNull { it.name == name } }
        return when (kind) {
            "start-tool" -> tool?.let { NavAction.StartTool(it, extras.getString(SUBJECT)) }
            "resume-flow" -> extras.getString(FLOW)?.let { NavAction.ResumeFlow(it) }
            "history" -> tool?.let { NavAction.History(it) }
            else -> null
        }
    }
}
