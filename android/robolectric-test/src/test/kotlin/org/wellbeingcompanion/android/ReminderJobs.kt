package org.wellbeingcompanion.android

import android.content.Context
import androidx.work.WorkInfo
import androidx.work.WorkManager

/** The reminders' unique job as WorkManager holds it, waiting to run (none, or the one). */
fun enqueuedReminderJobs(context: Context): List<WorkInfo> =
    WorkManager
        .getInstance(context)
        .getWorkInfosForUniqueWork(ReminderDelivery.WORK_NAME)
        .get()
        .filter { it.state == WorkInfo.State.ENQUEUED }
