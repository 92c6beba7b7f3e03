package org.wellbeingcompanion.ui

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.performTextReplacement
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.wellbeing.AgeBand
import uniffi.wellbeing.MenuSectionKind
import uniffi.wellbeing.Profile

/**
 * Settings and the lock screen against the real core: each test acts through what is on screen
 * and then reads what the store holds through a second handle on the same file.
 */
class SettingsTest {
    /** The home menu's tool labels, in order, as the core gives them. */
    private fun toolLabels(h: AppHarness): List<String> =
        (h.state.screen as Screen.Home)
            .home.sections
            .filter { it.kind == MenuSectionKind.TOOLS }
            .flatMap { s -> s.entries.map { it.label } }

    @Test
    fun aYoungPersonsProfileIsStoredAndHomeUsesTheYoungWording() =
        onPhone {
            launch()
            home()
            val adultTools = toolLabels(this)
            click("home-settings")
            waitFor("settings-screen")
            val view = (state.screen as Screen.Settings).view
            // Every choice the core offers is on screen, adult chosen on a new store.
            for (choice in view.profileChoices) rule.onNodeWithText(choice.label).assertExists()
            assertTrue(view.profileChoices.single { it.chosen }.profile is Profile.Adult)
            click("profile-13-15")
            waitScreen {
                it is Screen.Settings &&
                    it.view.profileChoices
                        .single { c -> c.chosen }
                        .profile is Profile.YoungPerson
            }
            waitFor("profile-note")
            assertEquals(Profile.YoungPerson(AgeBand.FROM13_TO15), onDisk { it.profile() })
            click("settings-done")
            home()
            val youngTools = toolLabels(this)
            assertNotEquals(adultTools, youngTools)
            // What is drawn is the core's young wording for this store, label for label.
            val expected =
                onDisk { s ->
                    s
                        .home()
                        .sections
                        .filter { it.kind == MenuSectionKind.TOOLS }
                        .flatMap { sec -> sec.entries.map { it.label } }
                }
            assertEquals(expected, youngTools)
            rule.onNodeWithText(youngTools.first { it !in adultTools }).assertExists()
        }

    @Test
    fun theLockTurnedOnWithoutAPasscodeIsRefusedByItsField() =
        onPhone {
            launch()
            home()
            click("home-settings")
            waitFor("settings-screen")
            click("lock-on")
            click("lock-save")
            val refused = waitScreen { it is Screen.Settings && it.refused != null } as Screen.Settings
            assertEquals("passcode", refused.refused!!.field)
            waitFor("refused-passcode")
            rule.onNodeWithText(refused.refused.reason).assertExists()
            assertFalse(onDisk { it.lockSettings().enabled })
        }

    @Test
    fun theLockShowsAfterTheBackgroundRefusesAWrongPasscodeAndOpensWithTheRightOne() =
        onPhone {
            launch()
            home()
            setLock("2468")
            val stored = onDisk { it.lockSettings() }
            assertTrue(stored.enabled)
            assertTrue(stored.hasPasscode)
            assertEquals(0u, stored.backgroundMinutes)
            click("settings-done")
            home()
            rule.runOnIdle { state.wentToBackground() }
            rule.runOnIdle { state.cameToForeground() }
            waitFor("lock-screen")
            assertEquals(0, rule.onAllNodesWithTag("home-screen").fetchSemanticsNodes().size)
            val lock = (state.screen as Screen.Locked).lock
            rule.onNodeWithText(lock.title).assertIsDisplayed()

            waitFor("unlock-passcode").performTextInput("1111")
            click("unlock")
            val wrong = waitScreen { it is Screen.Locked && it.lock.status != null } as Screen.Locked
            assertEquals(1u, wrong.lock.state.failedAttempts)
            waitFor("lock-status")
            rule.onNodeWithText(wrong.lock.status!!).assertIsDisplayed()
            // The count is the core's and is kept in the store, so a restart cannot reset it.
            assertEquals(1u, onDisk { it.lockState().failedAttempts })

            waitFor("unlock-passcode").performTextInput("2468")
            click("unlock")
            home()
            assertEquals(0u, onDisk { it.lockState().failedAttempts })
        }

    @Test
    fun helpNowIsReachableFromTheLockScreenAndLeadsBackToIt() =
        onPhone {
            launch()
            home()
            setLock("2468")
            click("settings-done")
            home()
            rule.runOnIdle { state.wentToBackground() }
            rule.runOnIdle { state.cameToForeground() }
            waitFor("lock-screen")
            click("help-now")
            waitFor("help-now-screen")
            val help = (state.screen as Screen.HelpNow).help
            assertNotNull(help)
            for (contact in help!!.contacts) waitFor("contact-" + contact.id)
            click("help-back")
            // Back from Help now is the lock screen again, never what was behind it.
            waitFor("lock-screen")
            assertTrue(state.screen is Screen.Locked)
        }

    @Test
    fun aColdStartWithTheLockOnStartsLocked() =
        onPhone {
            launch()
            home()
            setLock("2468")
            restart()
            waitFor("lock-screen")
            assertTrue(state.screen is Screen.Locked)
        }
}

/** Turns the lock on from the settings screen: at once after leaving, with [passcode]. */
fun AppHarness.setLock(passcode: String) {
    click("home-settings")
    waitFor("settings-screen")
    click("lock-on")
    click("lock-after-0")
    waitFor("lock-passcode").performTextInput(passcode)
    click("lock-save")
    waitScreen { it is Screen.Settings && it.view.lock.enabled }
}

/** Settings and the lock screen in light, dark and at 200% font; each shot fails when blank or clipped. */
class SettingsScreenshotTest {
    @Test
    fun light() = onPhone { tour(dark = false, fontScale = 1f, suffix = "light") }

    @Test
    fun dark() = onPhone { tour(dark = true, fontScale = 1f, suffix = "dark") }

    @Test
    fun largeFont() = onPhone { tour(dark = false, fontScale = 2f, suffix = "font200") }

    private fun AppHarness.tour(
        dark: Boolean,
        fontScale: Float,
        suffix: String,
    ) {
        launch(dark = dark, fontScale = fontScale)
        home()
        click("home-settings")
        waitFor("settings-screen")
        shoot("settings-$suffix")
        click("lock-on")
        click("lock-save")
        waitFor("refused-passcode")
        shoot("settings-refused-$suffix")
        waitFor("lock-passcode").performTextInput("2468")
        click("lock-after-0")
        click("lock-save")
        waitScreen { it is Screen.Settings && it.view.lock.enabled }
        // The reminders: off as on a new store, then turned on with a time the core refuses.
        waitFor("reminders-save").performScrollTo()
        shoot("settings-reminders-$suffix")
        click("reminders-check-in")
        click("reminders-measures")
        click("reminders-quiet-sunday")
        waitFor("reminders-time").performTextReplacement("25:00")
        click("reminders-save")
        waitFor("reminders-refused-check_in_time")
        waitFor("reminders-check-in").performScrollTo()
        shoot("settings-reminders-refused-$suffix")
        waitFor("reminders-time").performTextReplacement("08:15")
        click("reminders-save")
        waitScreen { it is Screen.Settings && it.reminders.settings.checkInTime == "08:15" }
        waitFor("reminders-check-in").performScrollTo()
        shoot("settings-reminders-on-$suffix")
        click("settings-done")
        home()
        rule.runOnIdle { state.wentToBackground() }
        rule.runOnIdle { state.cameToForeground() }
        waitFor("lock-screen")
        shoot("lock-$suffix")
        waitFor("unlock-passcode").performTextInput("1111")
        click("unlock")
        waitFor("lock-status")
        shoot("lock-wrong-$suffix")
    }
}
