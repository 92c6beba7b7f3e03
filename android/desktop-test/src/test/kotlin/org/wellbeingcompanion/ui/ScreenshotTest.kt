package org.wellbeingcompanion.ui

import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import org.junit.Test
import uniffi.wellbeing.MeasureId
import uniffi.wellbeing.MeasureInput
import uniffi.wellbeing.NavAction

/**
 * PNGs of every screen, and of the step screen for every input kind, light and dark, and the
 * step screens again at 200% font scale, under target/android-screenshots. Each shot fails its
 * test when the image is one colour or a text on it did not fit.
 */
class ScreenshotTest {
    @Test
    fun light() = onPhone { tour(dark = false, fontScale = 1f, suffix = "light", everyScreen = false) }

    @Test
    fun dark() = onPhone { tour(dark = true, fontScale = 1f, suffix = "dark", everyScreen = false) }

    @Test
    fun lightOtherScreens() = onPhone { otherScreens(dark = false, suffix = "light") }

    @Test
    fun darkOtherScreens() = onPhone { otherScreens(dark = true, suffix = "dark") }

    @Test
    fun largeFont() = onPhone { tour(dark = false, fontScale = 2f, suffix = "font200", everyScreen = false) }

    @Test
    fun appointmentSummaryLight() = onPhone { appointmentSummary(dark = false, fontScale = 1f, suffix = "light") }

    @Test
    fun appointmentSummaryDark() = onPhone { appointmentSummary(dark = true, fontScale = 1f, suffix = "dark") }

    @Test
    fun appointmentSummaryLargeFont() = onPhone { appointmentSummary(dark = false, fontScale = 2f, suffix = "font200") }

    @Test
    fun brokenDatabase() =
        onPhone {
            java.io.File(dbPath).writeBytes(ByteArray(4096) { 7 })
            launch(dark = true)
            waitFor("help-now-screen")
            shoot("help-now-store-unavailable-dark")
        }

    private fun AppHarness.tour(
        dark: Boolean,
        fontScale: Float,
        suffix: String,
        @Suppress("UNUSED_PARAMETER") everyScreen: Boolean = false,
    ) {
        launch(dark = dark, fontScale = fontScale)
        home()
        shoot("home-$suffix")
        fiveWaysTour(suffix)
        // Scale with anchors (buttons), and the discard confirmation.
        home()
        click("home-tool-checkin")
        step("value")
        click("scale-6")
        shoot("step-scale-$suffix")
        answer("value", "6")
        skip("note")
        step("feelings")
        click("choice-tired")
        shoot("step-feelings-$suffix")
        click("step-skip")
        click("summary-discard")
        waitFor("confirm-discard")
        shoot("confirm-discard-$suffix")
        click("confirm-discard")
        // Info, text list, slider scale, choice (single).
        home()
        click("home-tool-five-areas")
        step("intro")
        shoot("step-info-$suffix")
        answer("intro")
        answer("situation", "Rent is due")
        step("thoughts")
        waitFor("list-item-0")
        shoot("step-text-list-empty-$suffix")
        answer("thoughts", "I will never catch up", "Everyone else copes")
        answer("feelings", "Worried")
        step("intensity-1")
        shoot("step-scale-slider-$suffix")
        answer("intensity-1", "70")
        skip("physical")
        skip("behaviour")
        skip("links")
        step("start")
        click("choice-thoughts")
        shoot("step-choice-single-$suffix")
        click("step-discard")
    }

    /** The screens after the steps, on a fresh store (a test body has a minute). */
    private fun AppHarness.otherScreens(
        dark: Boolean,
        suffix: String,
    ) {
        launch(dark = dark)
        // PHQ-9 with item 9: the safety notice above the score.
        home()
        click("home-tool-phq9")
        answer("intro")
        for (i in 1..8) answer("item-$i", "1")
        answer("item-9", "1")
        waitFor("summary-screen")
        shoot("summary-phq9-safety-$suffix")
        click("summary-save")
        waitFor("saved-screen")
        click("saved-done")
        home()
        shoot("home-with-safety-flag-$suffix")
        rule.runOnIdle { state.navigate(NavAction.Week) }
        waitFor("week-screen")
        shoot("week-$suffix")
        click("week-done")
        home()
        rule.runOnIdle { state.navigate(NavAction.OpenSafetyPlan) }
        waitFor("safety-plan-screen")
        shoot("safety-plan-$suffix")
        click("help-now")
        waitFor("help-now-screen")
        shoot("help-now-$suffix")
        click("help-back")
        click("plan-done")
        home()
        click("home-conversation")
        waitFor("conversation-screen")
        shoot("conversation-$suffix")
        click("conversation-tool-checkin")
        answer("value", "3")
        skip("note")
        skip("feelings")
        click("summary-handoff")
        waitFor("handoff-qr")
        shoot("handoff-qr-$suffix")
    }

    /**
     * The appointment summary: its period chooser, own dates refused by a field, the made
     * summary with a PHQ-9's safety notice first, its sections and Share, and the list of
     * summaries made before.
     */
    private fun AppHarness.appointmentSummary(
        dark: Boolean,
        fontScale: Float,
        suffix: String,
    ) {
        onDisk {
            it.takeMeasure(MeasureInput(MeasureId.PHQ9, listOf(2, 1, 1, 1, 0, 0, 1, 0, 1), "2026-11-16", null))
            it.takeMeasure(MeasureInput(MeasureId.GAD7, List(7) { 1 }, "2026-11-02", null))
            it.takeMeasure(MeasureInput(MeasureId.GAD7, List(7) { 2 }, "2026-11-20", null))
        }
        launch(dark = dark, fontScale = fontScale)
        home()
        click("home-appointment-summary")
        waitFor("appointment-summary-screen")
        shoot("appointment-summary-$suffix")
        click("summary-period-chosen-dates")
        waitFor("summary-from").performTextInput("2026-11-20")
        waitFor("summary-to").performTextInput("2026-11-10")
        click("summary-make")
        waitFor("summary-refused-from")
        waitFor("summary-from").performScrollTo()
        shoot("appointment-summary-refused-$suffix")
        click("summary-period-last-four-weeks")
        click("summary-full-text")
        waitFor("summary-make").performScrollTo()
        shoot("appointment-summary-period-chosen-$suffix")
        click("summary-make")
        waitFor("appointment-report-screen")
        shoot("appointment-report-safety-$suffix")
        waitFor("report-section-measures").performScrollTo()
        shoot("appointment-report-measures-$suffix")
        waitFor("summary-share").performScrollTo()
        shoot("appointment-report-share-$suffix")
        click("summary-another")
        waitFor("appointment-summary-screen")
        waitFor("summary-done").performScrollTo()
        shoot("appointment-summary-history-$suffix")
    }

    /** Text (single line), choice (multiple), text (multi-line), summary, saved, records. */
    private fun AppHarness.fiveWaysTour(suffix: String) {
        click("home-tool-five-ways-log")
        step("what")
        shoot("step-text-single-$suffix")
        answer("what", "Called my sister")
        step("ways")
        click("choice-connect")
        shoot("step-choice-multiple-$suffix")
        answer("ways", "give")
        step("note")
        shoot("step-text-multiline-$suffix")
        skip("note")
        waitFor("summary-screen")
        shoot("summary-$suffix")
        click("summary-save")
        waitFor("saved-screen")
        shoot("saved-$suffix")
        click("saved-done")
        // The saved entry in its tool's records, with change and delete.
        home()
        click("home-history-five-ways-log")
        waitFor("records-screen")
        shoot("records-$suffix")
        click("records-done")
    }
}
