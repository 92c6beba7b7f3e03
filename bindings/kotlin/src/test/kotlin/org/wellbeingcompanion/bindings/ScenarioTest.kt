// Runs every shared scenario (tests/scenarios/*.json) through the generated Kotlin bindings
// and the real native library: the same files the Rust runner executes.
package org.wellbeingcompanion.bindings

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

class ScenarioTest {
    @TestFactory
    fun sharedScenarios(): List<DynamicTest> {
        val files = ScenarioRunner.scenarioFiles()
        assertTrue(files.isNotEmpty(), "no scenarios in ${ScenarioRunner.scenariosDir()}")
        return files.map { f -> DynamicTest.dynamicTest(f.nameWithoutExtension) { ScenarioRunner.run(ScenarioRunner.load(f)) } }
    }
}
