#!/usr/bin/env bash
# macOS only (needs Xcode or a Swift toolchain): builds the library for the Mac, generates
# the Swift bindings and runs the Swift tests, which execute the shared scenarios.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "$(uname -s)" != Darwin ]; then
  echo "bindings/swift/test.sh runs on macOS only." >&2
  exit 1
fi
bindings/generate.sh
gen=bindings/swift/Generated
rm -rf "$gen"
mkdir -p "$gen/wellbeingFFI" "$gen/Wellbeing"
cp target/bindings/swift/wellbeingFFI.h "$gen/wellbeingFFI/"
cp target/bindings/swift/wellbeingFFI.modulemap "$gen/wellbeingFFI/module.modulemap"
cp target/bindings/swift/wellbeing.swift "$gen/Wellbeing/"
export WELLBEING_LIB_DIR="$PWD/target/debug"
export WELLBEING_SCENARIOS_DIR="$PWD/tests/scenarios"
cd bindings/swift && swift test
