package org.wellbeingcompanion.android

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.wellbeingcompanion.ui.tag
import uniffi.wellbeing.Answer
import uniffi.wellbeing.FlowProgress
import uniffi.wellbeing.InputKind
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WellbeingStore

/** A new person's first start: home as the core lays it out, a tap into the daily check-in. */
@RunWith(RobolectricTestRunner::class)
class HomeActivityTest : ActivityTest() {
    @Test
    fun homeIsTheCoresHomeAndATapOpensTheFirstStep() {
        val screen = start()
        screen.waitForTag("home-screen")
        val home = WellbeingStore.open(dbFile.path).use { it.home() }
        val shown = screen.texts()
        assertTrue("the core's date line", home.dateLabel in shown)
        assertTrue("the check-in line", home.today.checkInLabel in shown)
        for (section in home.sections) {
            assertTrue("heading of ${section.kind}", section.heading in shown)
            for (entry in section.entries) {
                val tag = entry.action.tag("home-")
                assertTrue("entry $tag", screen.textsUnder(tag).contains(entry.label))
            }
        }

        screen.click("home-tool-checkin")
        screen.waitForTag("step-screen")
        val first = WellbeingStore.openInMemory().use { (it.startFlow(ToolId.CHECKIN, null) as FlowProgress.Next).step }
        assertEquals(first.prompt, screen.textsUnder("step-prompt").single())
        val scale = first.input as InputKind.Scale
        // An answer is written to the store the moment it is given: a draft after one tap and Next.
        screen.click("scale-" + scale.max)
        screen.click("step-next")
        screen.waitFor("the second step") { screen.textsUnder("step-prompt").singleOrNull() != first.prompt }
        val drafts = WellbeingStore.open(dbFile.path).use { it.listDrafts() }
        assertEquals(1, drafts.size)
        assertEquals(ToolId.CHECKIN, drafts.single().tool)
        assertEquals(1u, drafts.single().answered)
        WellbeingStore.open(dbFile.path).use { s ->
            val resumed = s.resumeFlow(drafts.single().flowId) as FlowProgress.Next
            assertEquals(Answer.Scale(scale.max), s.flowBack(resumed.step.flowId).let { (it as FlowProgress.Next).step.previousAnswer })
        }
    }
}
