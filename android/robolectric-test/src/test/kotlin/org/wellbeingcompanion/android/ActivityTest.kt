package org.wellbeingcompanion.android

import android.app.Application
import android.content.Intent
import org.junit.After
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.android.controller.ActivityController
import java.io.File

/**
 * The app's one Activity under Robolectric (API 33): started as Android starts it, its store in
 * the app's private files, everything on screen from the real core. Each test then reads the
 * same file through a second core handle to check what the store holds.
 *
 * One test to a class, each class in its own JVM (surefire reuseForks=false): Compose and the
 * coroutine main dispatcher keep process-wide state bound to the first Activity's main looper,
 * and a second Activity in the same Robolectric sandbox never sees its state changes drawn.
 */
abstract class ActivityTest {
    protected val app: Application = RuntimeEnvironment.getApplication()
    protected val dbFile get() = File(app.noBackupFilesDir, MainActivity.DATABASE_FILE)
    private var controller: ActivityController<MainActivity>? = null

    /** The Activity [start] started. */
    protected val activity: MainActivity get() = checkNotNull(controller).get()

    protected fun start(intent: Intent? = null): ComposeScreen {
        val c = Robolectric.buildActivity(MainActivity::class.java, intent).setup()
        controller = c
        return ComposeScreen(c.get())
    }

    @After
    fun finish() {
        // Destroying the Activity clears its ViewModel, which closes the store.
        controller?.pause()?.stop()?.destroy()
    }
}
