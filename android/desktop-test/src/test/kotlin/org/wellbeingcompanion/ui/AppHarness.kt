package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.key
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.toAwtImage
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.SemanticsActions
import androidx.compose.ui.semantics.SemanticsProperties
import androidx.compose.ui.test.ComposeUiTest
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.hasTestTag
import androidx.compose.ui.test.onFirst
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performSemanticsAction
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.runDesktopComposeUiTest
import androidx.compose.ui.unit.Density
import kotlinx.coroutines.Dispatchers
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import uniffi.wellbeing.InputKind
import uniffi.wellbeing.Step
import uniffi.wellbeing.WellbeingStore
import java.io.File
import java.nio.file.Files
import javax.imageio.ImageIO
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.Duration.Companion.minutes

/** Monday 23 November 2026, 10:00 UTC: every test runs on the same day. */
const val FIXED_UTC_MS = 1_795_428_000_000L

/** A phone-sized window (411 x 891 dp, a common Android size) at density 2. */
const val PHONE_WIDTH_DP = 411
const val PHONE_HEIGHT_DP = 891
const val DENSITY = 2f

/**
 * Runs [block] with the app on a phone-sized screen (pixels at [DENSITY]) rather than the desktop
 * default window, and closes the app's stores afterwards.
 */
@OptIn(ExperimentalTestApi::class)
fun onPhone(block: AppHarness.() -> Unit) =
    runDesktopComposeUiTest(
        width = (PHONE_WIDTH_DP * DENSITY).toInt(),
        height = (PHONE_HEIGHT_DP * DENSITY).toInt(),
        EmptyCoroutineContext,
        EmptyCoroutineContext,
        5.minutes,
    ) {
        val app = AppHarness(this)
        try {
            app.block()
        } finally {
            if (app.launched) runOnIdle { app.state.close() }
        }
    }

/**
 * One app under test: the real core on a fresh database file in a temporary folder, the shared
 * [CompanionApp] on a phone-sized screen, and helpers that act only through what is on screen.
 */
@OptIn(ExperimentalTestApi::class)
class AppHarness(
    val rule: ComposeUiTest,
) {
    val dir: File = Files.createTempDirectory("companion-ui").toFile()
    val dbPath: String = File(dir, "companion.db").path
    lateinit var state: CompanionState
    val launched get() = this::state.isInitialized
    private val clipped = mutableListOf<String>()

    /** What the app handed the share sheet, in order. */
    val shared = mutableListOf<SummaryShare>()

    /** Bumped to start the app again on the same file, as after the process was killed. */
    private var generation by mutableIntStateOf(0)

    fun launch(
        dark: Boolean = false,
        fontScale: Float = 1f,
        open: () -> WellbeingStore = { openFixed(dbPath) },
    ) {
        rule.setContent {
            key(generation) { App(open, dark, fontScale) }
        }
    }

    @Composable
    private fun App(
        open: () -> WellbeingStore,
        dark: Boolean,
        fontScale: Float,
    ) {
        val scope = rememberCoroutineScope()
        val holder = remember { CompanionState(open, scope, Dispatchers.IO, dbPath).also { state = it } }
        LaunchedEffect(Unit) { holder.start() }
        CompositionLocalProvider(
            LocalDensity provides Density(DENSITY, fontScale),
            LocalOverflowReporter provides OverflowReporter { synchronized(clipped) { clipped += it } },
        ) {
            CompanionTheme(
                dark,
            ) { Box(Modifier.fillMaxSize().testTag("phone")) { CompanionApp(holder) { synchronized(shared) { shared += it } } } }
        }
    }

    /** What is on disk, read through the core itself (a second connection to the same file). */
    fun <T> onDisk(read: (WellbeingStore) -> T): T = openFixed(dbPath).use(read)

    fun home() {
        waitFor("home-screen")
    }

    /** Closes the store and starts the whole app afresh on the same file (a new process). */
    fun restart() {
        rule.runOnIdle {
            state.close()
            generation++
        }
        rule.waitUntil(timeoutMillis = 10_000) { state.screen !is Screen.Loading }
    }

    /** Waits (the core runs off the UI thread) until a node with [tag] is on screen. */
    @OptIn(ExperimentalTestApi::class)
    fun waitFor(tag: String): SemanticsNodeInteraction {
        rule.waitUntil(timeoutMillis = 10_000) { rule.onAllNodes(hasTestTag(tag)).fetchSemanticsNodes().isNotEmpty() }
        return rule.onNodeWithTag(tag)
    }

    /** Waits until the holder shows a screen that [check] accepts. */
    fun waitScreen(check: (Screen) -> Boolean): Screen {
        rule.waitUntil(timeoutMillis = 10_000) { check(state.screen) }
        rule.waitForIdle()
        return state.screen
    }

    /** Taps [tag], scrolling it into view first when it sits in a scrolling screen. */
    fun click(tag: String) {
        waitFor(tag)
        // Home may list the same action twice (due now, and in the tools): the first is the one on top.
        val node = rule.onAllNodes(hasTestTag(tag)).onFirst()
        val scrolls =
            node.fetchSemanticsNode().let { n ->
                generateSequence(n.parent) { it.parent }.any {
                    SemanticsActions.ScrollBy in
                        it.config
                }
            }
        (if (scrolls) node.performScrollTo() else node).performClick()
    }

    /** The step on screen, once one is shown whose id is [stepId] (when given). */
    fun step(stepId: String? = null): Step {
        val s = waitScreen { it is Screen.Walk && (stepId == null || it.step.stepId == stepId) } as Screen.Walk
        return s.step
    }

    /** Answers the step on screen as a person would: taps, types, then Next. */
    fun answer(
        stepId: String,
        vararg values: String,
    ) {
        val s = step(stepId)
        val before = s.position
        when (val input = s.input) {
            is InputKind.Scale -> {
                pickScale(input, values.single().toInt())
            }

            is InputKind.Choice -> {
                values.forEach { click("choice-$it") }
            }

            is InputKind.Text -> {
                waitFor("text-input").performTextInput(values.single())
            }

            is InputKind.TextList -> {
                values.forEachIndexed { i, v ->
                    if (i > 0) click("list-add")
                    waitFor("list-item-$i").performScrollTo().performTextInput(v)
                }
            }

            InputKind.Info -> {
                Unit
            }
        }
        click("step-next")
        waitScreen { !(it is Screen.Walk && it.step.stepId == stepId && it.step.position == before && it.problem == null) }
    }

    fun skip(stepId: String) {
        step(stepId)
        click("step-skip")
        waitScreen { !(it is Screen.Walk && it.step.stepId == stepId) }
    }

    private fun pickScale(
        input: InputKind.Scale,
        value: Int,
    ) {
        if (input.max - input.min <= StepScreenDefaults.CHIP_SCALE_SPAN) {
            click("scale-$value")
        } else {
            waitFor("scale-slider").performScrollTo().performSemanticsAction(SemanticsActions.SetProgress) { it(value.toFloat()) }
        }
    }

    /**
     * Writes a PNG of the screen under target/android-screenshots and fails if it is blank (one
     * colour) or if any text on it did not fit its space.
     */
    fun shoot(name: String) {
        rule.waitForIdle()
        val image = rule.onNodeWithTag("phone").captureToImage().toAwtImage()
        val out = File(System.getProperty("screenshot.dir", "target/android-screenshots")).apply { mkdirs() }
        val file = File(out, "$name.png")
        ImageIO.write(image, "png", file)
        val first = image.getRGB(0, 0)
        var differs = false
        loop@ for (y in 0 until image.height step 3) {
            for (x in 0 until image.width step 3) {
                if (image.getRGB(x, y) != first) {
                    differs = true
                    break@loop
                }
            }
        }
        assertTrue("screenshot $name is blank (one colour)", differs)
        val cut = synchronized(clipped) { clipped.toList().also { clipped.clear() } }
        if (cut.isNotEmpty()) fail("screenshot $name has clipped text: ${cut.size} text(s), first ${cut.first().take(40)}")
    }

    fun expectNoClipping() {
        rule.waitForIdle()
        assertEquals(emptyList<String>(), synchronized(clipped) { clipped.toList() })
    }

    companion object {
        /** The text a node shows (its Text semantics joined), for before/after comparisons. */
        fun SemanticsNodeInteraction.fetchText(): String =
            fetchSemanticsNode().config.getOrElse(SemanticsProperties.Text) { emptyList() }.joinToString(" ") { it.text }

        fun openFixed(path: String): WellbeingStore = WellbeingStore.open(path).also { it.setFixedTime(FIXED_UTC_MS, 0) }
    }
}
