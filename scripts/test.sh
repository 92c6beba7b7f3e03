#!/usr/bin/env bash
# The project's one test command:
#   1. the Rust tests of the whole workspace (core, bindings, the shared scenarios in Rust);
#   2. the native library built and the Kotlin and Swift bindings generated from it, and the
#      release library's size checked (scripts/size.sh);
#   3. the Swift checks: every Swift file parses (tree-sitter-swift), the iOS shell holds no
#      wording, crisis numbers or scoring, and every core call, enum case and record it uses
#      is in the generated Swift (ios/check);
#   4. the Kotlin tests on the JVM against that library, including the same shared scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."

# The test command sets up what it needs (Chromium, a JDK, Maven) on a fresh machine, so the
# README's two commands are all a newcomer runs. It installs only what is missing.
bash scripts/setup.sh

echo "== cargo test --workspace"
cargo test --workspace

echo "== the appointment summary in headless Chromium"
# The appointment summary in a real browser (Chromium, installed above when missing).
# Ignored by plain `cargo test`; here a missing Chromium fails the run.
cargo test -p companion-core --test report_chromium -- --ignored

echo "== build the library and generate the bindings"
bindings/generate.sh

echo "== size: the release library, stripped, against its ceiling (scripts/size.sh)"
# A release build (LTO, one codegen unit): cargo rebuilds it only when a source changed, so a
# warm run that changed nothing pays seconds; a change in the core pays its release compile.
scripts/size.sh

echo "== Swift: tree-sitter syntax, content and API checks (ios/check; no Swift compiler here)"
# Every Swift file (the iOS app and package, the Swift scenario runner, the bindings just
# generated) parses with tree-sitter-swift, and the shell's own Swift holds no wording, crisis
# numbers or scoring. The checker's tests prove each rule fails on a planted fixture.
python3 ios/check/test_check_swift.py
python3 ios/check/check_swift.py
# The shell's calls, labels, enum cases and records against the Swift just generated (no
# compiler here: this is what catches the core changing under the shell).
python3 ios/check/test_check_api.py
python3 ios/check/check_api.py

echo "== Kotlin on the JVM (Maven)"
# clean: stale Kotlin classes from an earlier compile must never be what is tested.
mvn -B -q -Dstyle.color=never -f bindings/kotlin/pom.xml clean test
echo
# Maven runs quietly; say what the Kotlin tests counted (from Surefire's reports).
python3 scripts/surefire_count.py kotlin bindings/kotlin
echo "== the Android shell's Kotlin: ktlint and detekt (android/lint; a finding fails the run)"
mvn -B -q -Dstyle.color=never -f android/lint/pom.xml verify
echo "android-lint: ktlint and detekt clean"
echo "== the Android shell's UI on the JVM (Compose desktop, real core; screenshots under android/desktop-test/target/android-screenshots)"
mvn -B -q -Dstyle.color=never -f android/desktop-test/pom.xml clean verify
python3 scripts/surefire_count.py android-ui android/desktop-test
echo "== the Android app under Robolectric (MainActivity, Android's Compose, real core)"
# The AndroidX aars made usable without Gradle (resources compiled by aapt, R classes), then
# the Activity itself on the JVM at API 33.
mvn -B -q -Dstyle.color=never -f android/android-libs/pom.xml install
mvn -B -q -Dstyle.color=never -f android/robolectric-test/pom.xml clean verify
python3 scripts/surefire_count.py android-activity android/robolectric-test
echo "== APK packaging smoke test (d8 + aapt + zipalign + apksigner verify; not the Gradle build)"
mvn -B -q -Dstyle.color=never -f android/apk-smoke/pom.xml package
android/apk-smoke/build-apk.sh
echo "test.sh: all passed"
