#!/usr/bin/env bash
# The project's one test command:
#   1. the Rust tests of the whole workspace (core, bindings, the shared scenarios in Rust);
#   2. the native library built and the Kotlin and Swift bindings generated from it;
#   3. the Kotlin tests on the JVM against that library, including the same shared scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test --workspace"
cargo test --workspace

echo "== the appointment summary in headless Chromium"
# The appointment summary in a real browser (needs Chromium: scripts/setup.sh installs it).
# Ignored by plain `cargo test`; here a missing Chromium fails the run.
cargo test -p companion-core --test report_chromium -- --ignored

echo "== build the library and generate the bindings"
bindings/generate.sh

echo "== Kotlin on the JVM (Maven)"
# clean: stale Kotlin classes from an earlier compile must never be what is tested.
mvn -B -q -f bindings/kotlin/pom.xml clean test
echo "test.sh: all passed"
