package org.wellbeingcompanion.android

import android.app.Activity
import android.os.Looper
import android.view.View
import android.view.ViewGroup
import androidx.compose.runtime.snapshots.Snapshot
import androidx.compose.ui.platform.ViewRootForTest
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsNode
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.semantics.getAllSemanticsNodes
import androidx.compose.ui.semantics.getOrNull
import org.junit.Assert.fail
import org.robolectric.Shadows.shadowOf
import java.time.Duration

/**
 * What an Activity's Compose content shows, read from its semantics tree (what TalkBack reads),
 * and taps through the same tree's click actions: the Compose test rule's way, without the
 * test libraries (Espresso and friends) that would need a Gradle build to resolve.
 *
 * Core calls run on a real background dispatcher; [waitFor] lets the main looper and the frame
 * clock run in 16 ms steps until the screen shows what is waited for.
 */
class ComposeScreen(
    private val activity: Activity,
) {
    private fun roots(view: View): List<ViewRootForTest> =
        when (view) {
            is ViewRootForTest -> listOf(view)
            is ViewGroup -> (0 until view.childCount).flatMap { roots(view.getChildAt(it)) }
            else -> emptyList()
        }

    /** Every node on screen, unmerged: a card's own tag and action, each text on its own. */
    fun nodes(): List<SemanticsNode> =
        roots(activity.window.decorView).flatMap { it.semanticsOwner.getAllSemanticsNodes(mergingEnabled = false) }

    fun tagged(tag: String): SemanticsNode? = nodes().firstOrNull { it.config.getOrNull(SemanticsProperties.TestTag) == tag }

    fun has(tag: String) = tagged(tag) != null

    /** Every text drawn, in tree order. */
    fun texts(): List<String> =
        nodes().flatMap { n ->
            n.config
                .getOrNull(SemanticsProperties.Text)
                .orEmpty()
                .map { it.text }
        }

    /** The texts under every node tagged [tag] (the nodes themselves included). */
    fun textsUnder(tag: String): List<String> {
        fun walk(n: SemanticsNode): List<String> =
            n.config
                .getOrNull(SemanticsProperties.Text)
                .orEmpty()
                .map { it.text } + n.children.flatMap(::walk)
        return nodes().filter { it.config.getOrNull(SemanticsProperties.TestTag) == tag }.flatMap(::walk)
    }

    fun settle() {
        // As the Compose test rule does when it waits: state written outside a composition (the
        // core's answer arriving) reaches the composition when apply notifications are sent.
        // Compose sends them from a loop started once per process, bound to the first test's
        // frame clock, so a later test in the same sandbox sends them itself.
        Snapshot.sendApplyNotifications()
        shadowOf(Looper.getMainLooper()).idleFor(Duration.ofMillis(FRAME_MS))
    }

    fun waitFor(
        what: String,
        done: () -> Boolean,
    ) {
        val deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos()
        while (!done()) {
            if (System.nanoTime() > deadline) fail("waited for $what; on screen: " + texts().take(SHOWN_ON_FAILURE))
            settle()
            Thread.sleep(2)
        }
        settle()
    }

    fun waitForTag(tag: String) = waitFor(tag) { has(tag) }

    /** Taps the node tagged [tag] through its click action, as TalkBack's double tap does. */
    fun click(tag: String) {
        val node = checkNotNull(tagged(tag)) { "no node tagged $tag; on screen: " + texts().take(SHOWN_ON_FAILURE) }
        val action = checkNotNull(node.config.getOrNull(SemanticsActions.OnClick)?.action) { "$tag cannot be tapped" }
        action()
        settle()
    }

    private companion object {
        const val FRAME_MS = 16L
        const val WAIT_SECONDS = 20L
        const val SHOWN_ON_FAILURE = 40
    }
}
