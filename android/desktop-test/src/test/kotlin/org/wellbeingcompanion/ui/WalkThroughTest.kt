package org.wellbeingcompanion.ui

import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertTextEquals
import androidx.compose.ui.test.getUnclippedBoundsInRoot
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.wellbeingcompanion.ui.AppHarness.Companion.fetchText
import uniffi.wellbeing.WellbeingStore
import java.io.File

/**
 * The tools walked through the shared screens against the real core, each test on its own
 * database file. Every test checks what the screen shows and then, through a second handle on
 * the same file, what the store holds.
 */
class WalkThroughTest {
    @Test
    fun dailyCheckInIsSavedAndShownOnHome() =
        onPhone {
            launch()
            home()
            val before = rule.onNodeWithTag("home-checkin").fetchText()
            click("home-tool-checkin")
            val step = step("value")
            rule.onNodeWithText(step.prompt).assertIsDisplayed()
            answer("value", "7")
            answer("note", "A calm morning")
            answer("feelings", "calm", "hopeful")
            waitFor("summary-screen")
            rule.onNodeWithTag("summary-headline").assertIsDisplayed()
            assertEquals(0, rule.onAllNodesWithTag("safety-notice").fetchSemanticsNodes().size)
            click("summary-save")
            waitFor("saved-confirmation")
            click("saved-done")
            home()
            val after = rule.onNodeWithTag("home-checkin").fetchText()
            assertTrue("home shows the new check-in", after != before)
            val saved = onDisk { it.scalingCheckInToday() }
            assertNotNull(saved)
            assertEquals(7, saved!!.value)
            assertEquals("A calm morning", saved.note)
            assertEquals(listOf("calm", "hopeful"), saved.feelings.map { it.id })
        }

    @Test
    fun fiveWaysLogKeepsWhatAndWays() =
        onPhone {
            launch()
            home()
            click("home-tool-five-ways-log")
            answer("what", "Called my sister")
            answer("ways", "connect", "give")
            skip("note")
            waitFor("summary-screen")
            rule.onNodeWithText("Called my sister", substring = true).assertExists()
            click("summary-save")
            waitFor("saved-confirmation")
            val entries = onDisk { it.fiveWaysEntriesForDay(it.todayDate()) }
            assertEquals(1, entries.size)
            assertEquals("Called my sister", entries[0].what)
            assertEquals(listOf(uniffi.wellbeing.WayId.CONNECT, uniffi.wellbeing.WayId.GIVE), entries[0].ways.sorted())
        }

    @Test
    fun phq9WithItemNineShowsSupportBeforeTheScore() =
        onPhone {
            launch()
            home()
            click("home-tool-phq9")
            answer("intro")
            for (i in 1..8) answer("item-$i", "1")
            answer("item-9", "2")
            waitFor("summary-screen")
            val notice = rule.onNodeWithTag("safety-notice")
            notice.assertExists()
            val contacts = rule.onAllNodesWithTag("safety-notice").fetchSemanticsNodes()
            assertEquals(1, contacts.size)
            val noticeTop = notice.getUnclippedBoundsInRoot().top
            val scoreTop = rule.onNodeWithTag("summary-headline").getUnclippedBoundsInRoot().top
            assertTrue("support ($noticeTop) is drawn above the score ($scoreTop)", noticeTop < scoreTop)
            // The crisis contacts are part of the notice, not a link away.
            val firstContact = onDisk { it.crisisContacts().first() }
            rule.onNodeWithTag("contact-" + firstContact.id).assertExists()
            // Nothing is stored before the person saves.
            assertEquals(0u, onDisk { it.measureHistory(uniffi.wellbeing.MeasureId.PHQ9, 0u, 10u).totalCount })
            click("summary-save")
            waitFor("saved-screen")
            rule.onNodeWithTag("safety-notice").assertExists()
            val page = onDisk { it.measureHistory(uniffi.wellbeing.MeasureId.PHQ9, 0u, 10u) }
            assertEquals(1u, page.totalCount)
            assertEquals(10, page.results[0].total)
            assertEquals(listOf(uniffi.wellbeing.SafetyFlagCode.PHQ9_ITEM9), page.results[0].flags.map { it.code })
            assertTrue(onDisk { it.today().safety?.urgent == true })
            // Home carries the same notice first, in the core's words, until the person has read it;
            // the support section stays after that.
            click("saved-done")
            home()
            val heading = onDisk { it.home().safety!!.heading }
            rule.onNodeWithTag("safety-heading").assertTextEquals(heading)
            val noticeTopHome = rule.onNodeWithTag("safety-notice").getUnclippedBoundsInRoot().top
            val checkInTop = rule.onNodeWithTag("home-checkin").getUnclippedBoundsInRoot().top
            assertTrue("support is drawn above the rest of home", noticeTopHome < checkInTop)
            assertEquals(0, rule.onAllNodesWithTag("staff-guidance").fetchSemanticsNodes().size)
            click("safety-acknowledge")
            rule.waitUntil(timeoutMillis = 5_000) { rule.onAllNodesWithTag("safety-notice").fetchSemanticsNodes().isEmpty() }
            rule.onNodeWithTag("home-section-SUPPORT").assertExists()
        }

    @Test
    fun conversationPhq9WithItemNineTellsTheStaffMemberWhatToDo() =
        onPhone {
            launch()
            home()
            click("home-conversation")
            waitFor("conversation-banner")
            click("conversation-tool-phq9")
            answer("intro")
            for (i in 1..8) answer("item-$i", "0")
            answer("item-9", "1")
            waitFor("summary-screen")
            rule.onNodeWithTag("safety-notice").assertExists()
            rule.onNodeWithTag("staff-guidance").assertExists()
            val guidance =
                WellbeingStore.openInMemory().use { talk ->
                    var p = talk.startFlow(uniffi.wellbeing.ToolId.PHQ9, null)
                    while (p is uniffi.wellbeing.FlowProgress.Next) {
                        val st = p.step
                        val a =
                            if (st.input is uniffi.wellbeing.InputKind.Info) {
                                uniffi.wellbeing.Answer.Continue
                            } else {
                                uniffi.wellbeing.Answer.Scale(
                                    if (st.stepId ==
                                        "item-9"
                                    ) {
                                        1
                                    } else {
                                        0
                                    },
                                )
                            }
                        p = talk.answerFlow(st.flowId, a)
                    }
                    (p as uniffi.wellbeing.FlowProgress.Complete).summary.safety!!.staffGuidance!!
                }
            rule.onNodeWithText(guidance.heading).assertExists()
            rule.onNodeWithText("1. " + guidance.steps.first(), substring = true).assertExists()
            assertEquals(0u, onDisk { it.measureHistory(uniffi.wellbeing.MeasureId.PHQ9, 0u, 10u).totalCount })
        }

    @Test
    fun fiveAreasWorksheetIsSaved() =
        onPhone {
            launch()
            home()
            click("home-tool-five-areas")
            answer("intro")
            answer("situation", "Rent is due and work hours were cut")
            answer("thoughts", "I will never catch up", "Everyone else copes")
            answer("feelings", "Worried")
            answer("intensity-1", "70")
            answer("physical", "Tight chest")
            skip("behaviour")
            skip("links")
            answer("start", "situation")
            answer("change", "Ring the housing office on Monday")
            answer("title", "Rent worry")
            waitFor("summary-screen")
            rule.onNodeWithText("Ring the housing office on Monday", substring = true).assertExists()
            click("summary-save")
            waitFor("saved-confirmation")
            val page = onDisk { it.fiveAreasHistory(0u, 10u) }
            assertEquals(1u, page.total)
            assertEquals("Rent worry", page.items[0].title)
            val sheet = onDisk { it.fiveAreasGet(page.items[0].id) }
            assertEquals("Rent is due and work hours were cut", sheet.situation)
        }

    @Test
    fun thoughtRecordIsSavedWithItsRatings() =
        onPhone {
            launch()
            home()
            click("home-tool-thought-record")
            answer("situation", "A friend did not reply")
            answer("emotions", "Hurt")
            answer("intensity-1", "80")
            answer("thought", "They do not want to know me")
            answer("styles", "mind-reading")
            skip("evidence-for")
            answer("evidence-against", "They said they were busy this week")
            answer("balanced", "They may just be busy")
            answer("rerate-1", "40")
            waitFor("summary-screen")
            click("summary-save")
            waitFor("saved-confirmation")
            val page = onDisk { it.thoughtRecordHistory(0u, 10u) }
            assertEquals(1u, page.total)
            val record = onDisk { it.thoughtRecordGet(page.items[0].id) }
            assertEquals("They do not want to know me", record.thought)
            assertEquals(80, record.emotions[0].intensity)
            assertEquals(40, record.emotions[0].rerated)
            assertEquals(listOf("They said they were busy this week"), record.evidenceAgainst)
        }

    @Test
    fun discardAsksFirstAndThenKeepsNothing() =
        onPhone {
            launch()
            home()
            click("home-tool-checkin")
            answer("value", "4")
            skip("note")
            skip("feelings")
            click("summary-discard")
            waitFor("confirm-discard")
            // Keeping it returns to the summary, still unsaved.
            click("keep-summary")
            waitFor("summary-screen")
            assertEquals(0, rule.onAllNodesWithTag("confirm-discard").fetchSemanticsNodes().size)
            click("summary-discard")
            click("confirm-discard")
            home()
            assertNull(onDisk { it.scalingCheckInToday() })
            assertEquals(0, onDisk { it.listDrafts().size })
        }

    @Test
    fun draftSurvivesARestartAndResumesAtTheSameStep() =
        onPhone {
            launch()
            home()
            click("home-tool-five-ways-log")
            answer("what", "Walked to the park")
            step("ways")
            click("step-save-draft")
            home()
            val drafts = onDisk { it.listDrafts() }
            assertEquals(1, drafts.size)
            // A new process: the app starts again on the same file.
            restart()
            home()
            click("home-draft-" + drafts[0].flowId)
            val step = step("ways")
            assertEquals(2u, step.position)
            answer("ways", "be-active", "take-notice")
            skip("note")
            click("summary-save")
            waitFor("saved-confirmation")
            val entries = onDisk { it.fiveWaysEntriesForDay(it.todayDate()) }
            assertEquals(listOf("Walked to the park"), entries.map { it.what })
        }

    @Test
    fun conversationModeStoresNothing() =
        onPhone {
            launch()
            home()
            click("home-conversation")
            waitFor("conversation-banner")
            click("conversation-tool-checkin")
            step("value")
            rule.onNodeWithTag("conversation-banner").assertExists()
            assertEquals(0, rule.onAllNodesWithTag("step-save-draft").fetchSemanticsNodes().size)
            answer("value", "3")
            answer("note", "Spoke at the front desk")
            skip("feelings")
            waitFor("summary-screen")
            assertEquals(0, rule.onAllNodesWithTag("summary-save").fetchSemanticsNodes().size)
            click("summary-handoff")
            waitFor("handoff-qr").assertIsDisplayed()
            rule.onNodeWithText("Spoke at the front desk", substring = true).assertExists()
            val (checkIn, drafts, measures) = onDisk { Triple(it.scalingCheckInToday(), it.listDrafts(), it.measuresOverview()) }
            assertNull(checkIn)
            assertEquals(0, drafts.size)
            assertTrue(measures.none { it.latest != null })
            val file = File(dbPath).readBytes()
            assertTrue(
                "the typed note is nowhere in the database file",
                !String(file, Charsets.ISO_8859_1).contains("Spoke at the front desk"),
            )
        }

    @Test
    fun helpNowIsOneTapFromAStepAndReturnsToIt() =
        onPhone {
            launch()
            home()
            click("home-tool-checkin")
            step("value")
            click("scale-6")
            click("help-now")
            waitFor("help-now-screen")
            val first = onDisk { it.crisisContacts().first() }
            rule.onNodeWithTag("contact-" + first.id).assertExists()
            click("help-back")
            assertEquals("value", step().stepId)
        }

    @Test
    fun aSavedCheckInIsChangedAndThenDeletedFromItsRecords() =
        onPhone {
            val id = onDisk { it.scalingCheckIn(4, "a hard day").id }
            launch()
            home()
            click("home-history-checkin")
            waitFor("records-screen")
            rule.onNodeWithTag("record-$id").assertExists()
            // Change: the same walk-through, each step filled in with what was saved.
            click("record-edit-$id")
            val first = step("value")
            assertEquals(uniffi.wellbeing.Answer.Scale(4), first.previousAnswer)
            answer("value", "6")
            step("note")
            rule.onNodeWithText("a hard day").assertExists()
            click("step-next")
            answer("feelings", "tired")
            waitFor("summary-screen")
            click("summary-save")
            waitFor("saved-confirmation")
            val changed = onDisk { it.scalingEntry(id) }
            assertEquals(6, changed.value)
            assertEquals("a hard day", changed.note)
            assertEquals(listOf("tired"), changed.feelings.map { it.id })
            assertEquals(1, onDisk { it.records(uniffi.wellbeing.ToolId.CHECKIN, 50u).rows.size })
            // Delete: asked first; keeping it changes nothing, confirming removes it.
            click("saved-done")
            home()
            click("home-history-checkin")
            click("record-delete-$id")
            waitFor("confirm-delete")
            click("keep-record")
            assertEquals(1, onDisk { it.records(uniffi.wellbeing.ToolId.CHECKIN, 50u).rows.size })
            click("record-delete-$id")
            click("confirm-delete")
            waitFor("records-empty")
            rule.onNodeWithTag("records-said").assertExists()
            assertEquals(0, onDisk { it.records(uniffi.wellbeing.ToolId.CHECKIN, 50u).rows.size })
        }

    @Test
    fun myConnectionsRecordsShowTheMapDrawnByTheCore() =
        onPhone {
            val map =
                onDisk {
                    it.connectionsMapCreate(
                        uniffi.wellbeing.ConnectionsMapInput(
                            null,
                            listOf(
                                uniffi.wellbeing.ConnectionInput(
                                    "Mum",
                                    uniffi.wellbeing.ConnectionKind.FAMILY,
                                    uniffi.wellbeing.ConnectionRing.CLOSE,
                                    uniffi.wellbeing.ConnectionFeel.HELPFUL,
                                ),
                                uniffi.wellbeing.ConnectionInput(
                                    "Jo",
                                    uniffi.wellbeing.ConnectionKind.FRIEND,
                                    uniffi.wellbeing.ConnectionRing.IN_BETWEEN,
                                    uniffi.wellbeing.ConnectionFeel.MIXED,
                                ),
                                uniffi.wellbeing.ConnectionInput(
                                    "Library",
                                    uniffi.wellbeing.ConnectionKind.PLACE,
                                    uniffi.wellbeing.ConnectionRing.FURTHER_OUT,
                                    uniffi.wellbeing.ConnectionFeel.HELPFUL,
                                ),
                            ),
                        ),
                    )
                }
            val layout = onDisk { it.connectionsLayout(map.id) }
            launch()
            home()
            click("home-history-connections-map")
            waitFor("records-screen")
            // A screen reader hears the core's description of every ring, not the shapes.
            val drawing = waitFor("ecomap").fetchSemanticsNode()
            assertEquals(
                listOf(layout.description),
                drawing.config[androidx.compose.ui.semantics.SemanticsProperties.ContentDescription],
            )
            for (line in layout.legend) rule.onNodeWithText(line.line, substring = true).assertExists()
            rule.onNodeWithTag("record-" + map.id).assertExists()
            shoot("connections-records")
            expectNoClipping()
        }

    @Test
    fun helpNowIsShownWhenTheDatabaseIsBroken() =
        onPhone {
            val garbage = "this is not a database file ".repeat(200).toByteArray()
            File(dbPath).writeBytes(garbage)
            launch()
            waitFor("help-now-screen")
            rule.onNodeWithTag("store-unavailable").assertIsDisplayed()
            val help = uniffi.wellbeing.helpNowWithoutStore(dbPath)
            rule.onNodeWithText(help.title).assertExists()
            val contacts = uniffi.wellbeing.crisisContacts()
            assertTrue(contacts.isNotEmpty())
            for (c in contacts) rule.onNodeWithTag("contact-" + c.id).assertExists()
            assertEquals(0, rule.onAllNodesWithTag("home-screen").fetchSemanticsNodes().size)
            // Nothing is lost: the unreadable file's bytes are still in the folder.
            val kept = dir.listFiles()!!.any { it.readBytes().contentEquals(garbage) }
            assertTrue("the broken file is kept, never deleted", kept)
        }
}
