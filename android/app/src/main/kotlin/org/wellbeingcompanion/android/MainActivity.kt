package org.wellbeingcompanion.android

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import org.wellbeingcompanion.ui.CompanionApp
import org.wellbeingcompanion.ui.CompanionState
import org.wellbeingcompanion.ui.CompanionTheme
import org.wellbeingcompanion.ui.StoreKeys
import org.wellbeingcompanion.ui.SummaryShare
import uniffi.wellbeing.WellbeingStore

/**
 * Owns the shell's state across configuration changes; the store is one SQLite file in the
 * app's private storage, opened (and closed) through the core, never touched directly: with
 * the Keystore's key when it is encrypted ([openPersonStore]).
 */
class CompanionViewModel(
    dbPath: String,
    openStore: () -> WellbeingStore,
    keys: StoreKeys,
    remindersChanged: (WellbeingStore) -> Unit,
) : ViewModel() {
    val state =
        CompanionState(openStore, viewModelScope, Dispatchers.IO, dbPath, keys, remindersChanged).also { it.start() }

    override fun onCleared() = state.close()
}

/** The one Activity: hosts the shared Compose app in the system's light or dark theme. */
class MainActivity : ComponentActivity() {
    /** Set once composed; the lock's background and foreground calls go to its state. */
    private var model: CompanionViewModel? = null

    /** Android 13+: the notification permission, asked once there are reminders to post. */
    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) { }

    /** Asked at most once while the Activity lives: a refusal is the person's answer. */
    private var askedNotifications = false

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val dbPath = StoreFiles.database(this).path
        val vault = StoreFiles.vault(this)
        val keys = CompanionApplication.keys(this)
        val delivery = ReminderDelivery(applicationContext, CompanionApplication.of(this)::nowMs)
        // A tapped reminder: its screen once the store is open (and unlocked).
        val tapped = if (savedInstanceState == null) NavActionExtras.action(intent?.extras) else null
        setContent {
            val owned =
                viewModel {
                    CompanionViewModel(dbPath, { openPersonStore(dbPath, vault) }, keys) { store ->
                        if (delivery.schedule(store) != null) runOnUiThread(::askForNotifications)
                    }.also { m -> tapped?.let { m.state.openWhenReady(it) } }
                }
            model = owned
            CompanionTheme(dark = isSystemInDarkTheme()) { CompanionApp(owned.state, ::share) }
        }
    }

    /**
     * A made summary to the person's choice of app: the core's plain text, and its HTML for an
     * app that takes it (mail), through the system's chooser with the core's title.
     */
    private fun share(summary: SummaryShare) {
        val send =
            Intent(Intent.ACTION_SEND).apply {
                type = "text/plain"
                putExtra(Intent.EXTRA_SUBJECT, summary.subject)
                putExtra(Intent.EXTRA_TEXT, summary.text)
                putExtra(Intent.EXTRA_HTML_TEXT, summary.html)
            }
        startActivity(Intent.createChooser(send, summary.chooserTitle))
    }

    /** A reminder tapped while the app is open (singleTop): its screen, behind the lock if on. */
    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        NavActionExtras.action(intent.extras)?.let { model?.state?.openWhenReady(it) }
    }

    /**
     * Asked when the person has chosen reminders and the core has one to schedule: the moment
     * a notification would first be posted, never on a first start that has none.
     */
    private fun askForNotifications() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU || askedNotifications) return
        if (checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED) return
        askedNotifications = true
        askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
    }

    /** Out of sight: the core starts counting the lock's minutes. */
    override fun onStop() {
        super.onStop()
        model?.state?.wentToBackground()
    }

    /** Back in sight: the core says whether the lock screen comes first. */
    override fun onStart() {
        super.onStart()
        model?.state?.cameToForeground()
    }

    companion object {
        /** The person's store, in app-private storage that is never backed up. */
        const val DATABASE_FILE = "companion.db"
    }
}
