#!/usr/bin/env bash
# Call cost through the bindings: times the same call on the ten-year database from Kotlin
# (JVM, JNA, generated bindings, release library) and directly in Rust, and prints the ratio.
#   bindings/bench.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
# Cargo's output folder: CARGO_TARGET_DIR when set (as cargo itself reads it), else target/.
target="${CARGO_TARGET_DIR:-$PWD/target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
bindings/generate.sh --release
cargo build --release -p wellbeing-ffi --example call_cost
# Named by the generator's content, so a changed generator builds a new database.
db="$target/bench/ten-years-$(sha256sum core/benches/support/ten_years.rs | cut -c1-16).db"
if [ ! -f "$db" ]; then
  mkdir -p "$target/bench"
  "$target/release/examples/call_cost" build "$db"
fi
rust=$("$target/release/examples/call_cost" time "$db" "$n" | sed -n 's/rust_ns_per_call=//p')
out="$target/bench/kotlin.txt"
rm -f "$out"
mvn -B -q -f bindings/kotlin/pom.xml test -Dtest=CallCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dwellbeing.lib.dir="$target/release" -Dwellbeing.bindings.dir="$target/bindings/kotlin" \
  -Dwellbeing.bench.db="$db" -Dwellbeing.bench.now="$("$target/release/examples/call_cost" now)" -Dwellbeing.bench.iterations="$n" -Dwellbeing.bench.out="$out"
kotlin=$(sed -n 's/kotlin_ns_per_call=//p' "$out")
echo "call: today() on the ten-year database; iterations: $n"
echo "rust:   ${rust} ns per call"
echo "kotlin: ${kotlin} ns per call"
awk -v k="$kotlin" -v r="$rust" 'BEGIN { printf "ratio kotlin/rust: %.1f\n", k / r }'
