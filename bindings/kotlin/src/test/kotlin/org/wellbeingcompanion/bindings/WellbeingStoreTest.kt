// The generated Kotlin API used directly (typed, no reflection) against the real native
// library: stores in temporary directories, every tool's flow, each public error variant as
// its Kotlin exception with its fields, closing objects, and one WellbeingStore shared by eight
// threads.
package org.wellbeingcompanion.bindings

import java.io.File
import java.sql.DriverManager
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CyclicBarrier
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import uniffi.wellbeing.Answer
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.FlowProgress
import uniffi.wellbeing.FlowSummary
import uniffi.wellbeing.InputKind
import uniffi.wellbeing.Step
import uniffi.wellbeing.Persistence
import uniffi.wellbeing.RuleCode
import uniffi.wellbeing.diagnostics
import uniffi.wellbeing.editLimits
import uniffi.wellbeing.validationText
import uniffi.wellbeing.ToolGroup
import uniffi.wellbeing.ToolId

/** 2026-03-29 09:10 UTC, seen at UTC+1. */
const val MORNING_UTC_MS = 1_774_775_400_000L

/** A valid answer for any step, without knowing the tool (same rule as the Rust runner). */
fun genericAnswer(step: Step): Answer = when (val i = step.input) {
    is InputKind.Scale -> Answer.Scale(i.min + (i.max - i.min) / 2)
    is InputKind.Choice -> Answer.Choices(i.choices.take(if (i.multiple) maxOf(1, i.minSelected.toInt()) else 1).map { it.id })
    is InputKind.Text -> Answer.Text("A short note")
    is InputKind.TextList -> Answer.TextList(listOf("One thing"))
    InputKind.Info -> Answer.Continue
}

/** Walks `tool` with generic answers to its summary; returns the steps seen and the summary. */
fun walk(c: WellbeingStore, tool: ToolId, subject: String? = null): Pair<List<Step>, FlowSummary> {
    var p = c.startFlow(tool, subject)
    val steps = mutableListOf<Step>()
    repeat(200) {
        when (p) {
            is FlowProgress.Next -> {
                val s = (p as FlowProgress.Next).step
                steps += s
                p = c.answerFlow(s.flowId, genericAnswer(s))
            }
            is FlowProgress.Complete -> return steps to (p as FlowProgress.Complete).summary
        }
    }
    error("$tool: no summary after 200 steps")
}

class WellbeingStoreTest {
    @TempDir
    lateinit var dir: File

    private fun open(name: String = "person.db"): WellbeingStore =
        WellbeingStore.open(File(dir, name).absolutePath).also { it.setFixedTime(MORNING_UTC_MS, 60) }

    @Test
    fun opensAStoreInATemporaryDirectory() {
        val path = File(dir, "sub/person.db")
        WellbeingStore.open(path.absolutePath).use { c ->
            assertEquals(path.absolutePath, c.databasePath())
            assertTrue(c.schemaVersion() >= 1)
            c.setFixedTime(MORNING_UTC_MS, 60)
            assertEquals("2026-03-29", c.todayDate())
            c.setFixedTime(MORNING_UTC_MS, -600)
            assertEquals("2026-03-28", c.todayDate())
            assertEquals(emptyList<Any>(), c.listDrafts())
        }
        assertTrue(path.isFile)
        WellbeingStore.openInMemory().use { assertNull(it.databasePath()) }
    }

    /** Same rule as the Rust test: menu order, discard then save, subjects from the group. */
    @Test
    fun everyToolWalksToASummaryDiscardedAndSaved() {
        open().use { c ->
            val tools = c.listTools()
            assertTrue(tools.isNotEmpty(), "the core lists no tools")
            val lastSaved = mutableMapOf<ToolGroup, String>()
            for (t in tools) {
                val subject = if (t.needsSubject) lastSaved[t.group] ?: error("${t.id}: no subject saved in ${t.group}") else null
                val (_, first) = walk(c, t.id, subject)
                c.discardFlow(first.flowId)
                assertThrows(WellbeingException.NotFound::class.java) { c.flowProgress(first.flowId) }

                val (steps, summary) = walk(c, t.id, subject)
                assertTrue(steps.isNotEmpty(), t.id.name)
                assertEquals(1u, steps.first().position)
                assertFalse(steps.first().canGoBack)
                assertEquals(t.id, summary.tool)
                assertTrue(summary.text.startsWith(summary.title), t.id.name)
                val saved = c.saveFlow(summary.flowId)
                assertEquals(t.id, saved.tool)
                assertTrue(saved.recordId.isNotEmpty())
                assertThrows(WellbeingException.NotFound::class.java) { c.flowProgress(summary.flowId) }
                lastSaved[t.group] = saved.recordId
            }
        }
    }

    @Test
    fun draftsSurviveReopening() {
        val tool = open().use { it.listTools().first { t -> !t.needsSubject }.id }
        val draftId = open().use { c ->
            val first = (c.startFlow(tool, null) as FlowProgress.Next).step
            c.answerFlow(first.flowId, genericAnswer(first))
            // No "save for later": the answer is on file as soon as answerFlow returns.
            first.flowId
        }
        open().use { c ->
            val d = c.listDrafts().single()
            assertEquals(draftId, d.flowId)
            assertEquals(1u, d.answered)
            assertEquals("2026-03-29 10:10", d.updated)
            assertEquals(Persistence.STORED, d.persistence)
            val step = (c.resumeFlow(draftId) as FlowProgress.Next).step
            assertEquals(draftId, step.flowId, "the flow id is stable across reopening")
            assertEquals(2u, step.position)
            assertTrue(step.accessibilityLabel.isNotEmpty() && step.accessibilityHint.isNotEmpty())
            c.discardFlow(step.flowId)
            assertEquals(emptyList<Any>(), c.listDrafts(), "discarding a resumed draft lets it go")
        }
    }

    // ---- each public error variant, as its Kotlin exception, with its fields ------------

    @Test
    fun invalidInput() {
        val e = assertThrows(WellbeingException.InvalidInput::class.java) { WellbeingStore.open("   ") }
        assertEquals("path", e.field)
        assertEquals(RuleCode.REQUIRED, e.rule)
        assertEquals(validationText(RuleCode.REQUIRED), e.reason)
        assertTrue(e.message!!.contains("path"))
        WellbeingStore.openInMemory().use { c ->
            val t = assertThrows(WellbeingException.InvalidInput::class.java) { c.setFixedTime(0, 100_000) }
            assertEquals("time", t.field)
        }
    }

    @Test
    fun notFound() {
        WellbeingStore.openInMemory().use { c ->
            val id = "0b5e1a9e-0000-4000-8000-000000000002"
            val e = assertThrows(WellbeingException.NotFound::class.java) { c.measureResult(id) }
            assertEquals("measure result", e.what)
            assertEquals(id, e.id)
        }
    }

    @Test
    fun outOfOrderIsNotTheUsersMistake() {
        WellbeingStore.openInMemory().use { c ->
            val tool = c.listTools().first { !it.needsSubject }.id
            val step = (c.startFlow(tool, null) as FlowProgress.Next).step
            val before = diagnostics().unexpectedErrors
            val e = assertThrows(WellbeingException.OutOfOrder::class.java) { c.flowBack(step.flowId) }
            assertTrue(e.reason.isNotEmpty())
            val s = assertThrows(WellbeingException.OutOfOrder::class.java) { c.saveFlow(step.flowId) }
            assertTrue(s.reason.isNotEmpty())
            assertTrue(diagnostics().unexpectedErrors >= before + 2u, "counted as unexpected")
            assertEquals(Persistence.CONVERSATION_ONLY, step.persistence)
        }
    }

    @Test
    fun validationIsData() {
        WellbeingStore.openInMemory().use { c ->
            assertEquals(200u, editLimits().shortTextChars)
            assertEquals(30u, editLimits().listItems)
            val step = (c.startFlow(ToolId.CHECKIN, null) as FlowProgress.Next).step
            val e = assertThrows(WellbeingException.InvalidInput::class.java) { c.answerFlow(step.flowId, Answer.Scale(11)) }
            assertEquals(RuleCode.OUT_OF_RANGE, e.rule)
            assertEquals(10L, e.limit)
            assertEquals(null, e.itemIndex)
            assertTrue(e.reason.contains("10"))
            assertTrue(validationText(RuleCode.REQUIRED).isNotEmpty())
        }
    }

    @Test
    fun newerDatabase() {
        val f = File(dir, "newer.db")
        DriverManager.getConnection("jdbc:sqlite:" + f.absolutePath).use { it.createStatement().execute("PRAGMA user_version = 99") }
        val before = f.readBytes()
        val e = assertThrows(WellbeingException.NewerDatabase::class.java) { WellbeingStore.open(f.absolutePath) }
        assertEquals(99L, e.found)
        assertTrue(e.supported < 99L)
        assertTrue(before.contentEquals(f.readBytes()), "a newer database is left untouched")
    }

    @Test
    fun notOurDatabase() {
        val f = File(dir, "contacts.db")
        DriverManager.getConnection("jdbc:sqlite:" + f.absolutePath).use {
            it.createStatement().execute("CREATE TABLE contacts(name TEXT)")
        }
        val before = f.readBytes()
        assertThrows(WellbeingException.NotOurDatabase::class.java) { WellbeingStore.open(f.absolutePath) }
        assertTrue(before.contentEquals(f.readBytes()), "another program's database is left as it was")
        assertTrue(!File(dir, "contacts.db-wal").exists(), "and not switched to WAL")
    }

    @Test
    fun corruptDatabase() {
        val f = File(dir, "junk.db")
        f.writeText("not a database ".repeat(20))
        val e = assertThrows(WellbeingException.CorruptDatabase::class.java) { WellbeingStore.open(f.absolutePath) }
        assertTrue(File(e.setAsideAs).isFile, "the unreadable file is kept, set aside")
        assertEquals("not a database ".repeat(20), File(e.setAsideAs).readText())
        WellbeingStore.open(f.absolutePath).close() // a fresh store starts in its place
    }

    @Test
    fun storage() {
        val d = File(dir, "folder.db").apply { mkdirs() }
        val e = assertThrows(WellbeingException.Storage::class.java) { WellbeingStore.open(d.absolutePath) }
        assertTrue(e.reason.isNotEmpty())
    }

    /**
     * Internal is for the core's own bugs and cannot be caused through the API; the nearest
     * real input is a stored draft damaged outside the app.
     */
    @Test
    fun internal() {
        val f = File(dir, "person.db")
        WellbeingStore.open(f.absolutePath).close()
        DriverManager.getConnection("jdbc:sqlite:" + f.absolutePath).use {
            it.createStatement().execute(
                "INSERT INTO flow_drafts (id, tool, subject_id, answers, created_utc_ms, updated_utc_ms, updated_local) " +
                    "VALUES ('0b5e1a9e-0000-4000-8000-0000000000aa', 'checkin', NULL, '{not json', 0, 0, '2026-03-29 09:00')",
            )
        }
        WellbeingStore.open(f.absolutePath).use { c ->
            val e = assertThrows(WellbeingException.UnreadableRecord::class.java) { c.resumeFlow("0b5e1a9e-0000-4000-8000-0000000000aa") }
            assertEquals("draft", e.what)
            assertEquals("0b5e1a9e-0000-4000-8000-0000000000aa", e.id)
        }
    }

    // ---- lifetimes and threads ----------------------------------------------------------

    @Test
    fun closedObjectsRefuseCallsAndCloseTwiceSafely() {
        val c = WellbeingStore.openInMemory()
        c.setFixedTime(MORNING_UTC_MS, 0)
        c.close()
        assertThrows(IllegalStateException::class.java) { c.todayDate() }
        c.close()
        // use {} closes even when the block throws
        val d = WellbeingStore.openInMemory()
        runCatching { d.use { throw RuntimeException("boom") } }
        assertThrows(IllegalStateException::class.java) { d.todayDate() }
    }

    @Test
    fun eightThreadsShareOneStoreWithNoErrorAndNoLostWrite() {
        val threads = 8
        val rounds = 6
        open().use { c ->
            val tool = c.listTools().first { !it.needsSubject }.id
            val barrier = CyclicBarrier(threads)
            val records = ConcurrentLinkedQueue<String>()
            val drafts = ConcurrentLinkedQueue<String>()
            val errors = ConcurrentLinkedQueue<Throwable>()
            val workers = (1..threads).map {
                Thread {
                    try {
                        barrier.await()
                        repeat(rounds) {
                            val (_, summary) = walk(c, tool)
                            records += c.saveFlow(summary.flowId).recordId
                            val step = (c.startFlow(tool, null) as FlowProgress.Next).step
                            drafts += c.saveFlowDraft(step.flowId).flowId
                            c.todayDate()
                        }
                    } catch (t: Throwable) {
                        errors += t
                    }
                }.apply { start() }
            }
            workers.forEach { it.join() }
            assertEquals(emptyList<Throwable>(), errors.toList())
            assertEquals(threads * rounds, records.toSet().size, "every save gave its own record")
            assertEquals(threads * rounds, drafts.toSet().size)
            assertEquals(drafts.toSet(), c.listDrafts().map { it.flowId }.toSet(), "no draft write was lost")
        }
        open().use { c -> assertEquals(threads * rounds, c.listDrafts().size, "and all are on disk") }
    }
}
