// The Kotlin half of the call-cost benchmark; run by bindings/bench.sh, which passes
// -Dwellbeing.bench.db=<ten-year database> (without it this class is skipped).
package org.wellbeingcompanion.bindings

import java.io.File
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty
import uniffi.wellbeing.WellbeingStore

class CallCostBenchmark {
    /** The call being timed; keep it the same as `measured_call` in bindings/examples/call_cost.rs. */
    private fun measuredCall(c: WellbeingStore): Int = c.today().fiveWays.counts.size

    @Test
    @EnabledIfSystemProperty(named = "wellbeing.bench.db", matches = ".+")
    fun timeTheCallFromKotlin() {
        val n = (System.getProperty("wellbeing.bench.iterations") ?: "2000").toInt()
        WellbeingStore.open(System.getProperty("wellbeing.bench.db")).use { c ->
            c.setFixedTime(System.getProperty("wellbeing.bench.now").toLong(), 0)
            var sink = 0
            repeat(n / 10) { sink += measuredCall(c) } // warm-up (JIT, JNA)
            val t = System.nanoTime()
            repeat(n) { sink += measuredCall(c) }
            val ns = (System.nanoTime() - t).toDouble() / n
            println("kotlin_ns_per_call=${"%.0f".format(ns)} (sink $sink)")
            System.getProperty("wellbeing.bench.out")?.let { File(it).writeText("kotlin_ns_per_call=${"%.0f".format(ns)}\n") }
        }
    }
}
