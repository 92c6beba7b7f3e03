package org.wellbeingcompanion.android

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import org.wellbeingcompanion.ui.CompanionApp
import org.wellbeingcompanion.ui.CompanionState
import org.wellbeingcompanion.ui.CompanionTheme
import org.wellbeingcompanion.ui.SummaryShare
import uniffi.wellbeing.WellbeingStore
import java.io.File

/**
 * Owns the shell's state across configuration changes; the store is one SQLite file in the
 * app's private storage, opened (and closed) through the core, never touched directly.
 */
class CompanionViewModel(
    dbPath: String,
) : ViewModel() {
    val state = CompanionState({ WellbeingStore.open(dbPath) }, viewModelScope, Dispatchers.IO, dbPath).also { it.start() }

    override fun onCleared() = state.close()
}

/** The one Activity: hosts the shared Compose app in the system's light or dark theme. */
class MainActivity : ComponentActivity() {
    /** Set once composed; the lock's background and foreground calls go to its state. */
    private var model: CompanionViewModel? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val dbPath = File(noBackupFilesDir, DATABASE_FILE).path
        setContent {
            val owned = viewModel { CompanionViewModel(dbPath) }
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
