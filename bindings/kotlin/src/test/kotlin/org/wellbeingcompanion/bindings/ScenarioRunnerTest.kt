// The Kotlin runner's matching rules, mirroring `matcher_rules` in tests/tests/scenarios.rs:
// a runner that accepted anything would make the shared scenarios worthless.
package org.wellbeingcompanion.bindings

import kotlinx.serialization.json.Json
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test
import kotlin.reflect.full.createType
import uniffi.wellbeing.Answer
import uniffi.wellbeing.WellbeingException
import uniffi.wellbeing.FlowProgress

class ScenarioRunnerTest {
    private fun ok(want: String, got: Any?) = ScenarioRunner.matches(Json.parseToJsonElement(want), got, "r")
    private fun bad(want: String, got: Any?) {
        assertThrows(ScenarioFailure::class.java) { ok(want, got) }
    }

    @Test
    fun subsetMatching() {
        ok("""{"a": 1}""", mapOf("a" to 1.0, "b" to 2L))
        ok("""{"flow_id": "x"}""", mapOf("flowId" to "x"))
        bad("""{"a": 2}""", mapOf("a" to 1L))
        bad("""{"a": 1}""", emptyMap<String, Any>())
        bad("[1]", listOf(1L, 2L))
        ok("""{"${'$'}len": 2}""", listOf(1L, 2L))
        ok("""{"${'$'}contains": "ode"}""", "moderate")
        ok("""{"${'$'}includes": [{"k": 1}]}""", listOf(mapOf("k" to 2L), mapOf("k" to 1L)))
        bad("""{"${'$'}includes": [{"k": 3}]}""", listOf(mapOf("k" to 2L)))
        bad("""{"${'$'}not_null": true}""", null)
        ok("""{"${'$'}gte": 3}""", 4L)
    }

    @Test
    fun serdeTagsMatchKotlinVariants() {
        val err = ScenarioRunner.toTree(WellbeingException.NotFound("flow", "x"))
        ok("""{"error": "not_found", "what": "flow", "id": "x"}""", err)
        bad("""{"error": "invalid_state"}""", err)
        ok("""{"kind": "scale", "value": 3}""", ScenarioRunner.toTree(Answer.Scale(3)))
        ok("""{"kind": "skip"}""", ScenarioRunner.toTree(Answer.Skip))
    }

    @Test
    fun variantsAreBuiltFromSerdeJson() {
        val t = FlowProgress::class.sealedSubclasses // touch the class so a rename fails here
        assertEquals(2, t.size)
        val type = Answer::class.createTypeForTest()
        assertEquals(Answer.Scale(3), ScenarioRunner.fromJson(Json.parseToJsonElement("""{"kind": "scale", "value": 3}"""), type))
        assertEquals(Answer.Skip, ScenarioRunner.fromJson(Json.parseToJsonElement("""{"kind": "skip"}"""), type))
        assertEquals(Answer.Choices(listOf("a")), ScenarioRunner.fromJson(Json.parseToJsonElement("""{"kind": "choices", "ids": ["a"]}"""), type))
    }
}

private fun kotlin.reflect.KClass<*>.createTypeForTest(): kotlin.reflect.KType =
    this.createType(emptyList(), false)
