#!/usr/bin/env bash
# macOS only (needs Xcode): builds WellbeingFFI.xcframework for iOS devices, iOS simulators
# and macOS (the Mac slice lets ios/WellbeingKit run its view-model tests with `swift test`).
#
#   bindings/swift/build-xcframework.sh [--debug]
#
# Output: target/ios/WellbeingFFI.xcframework (static library + headers + module map per
# slice) and target/ios/Sources/Wellbeing/wellbeing.swift (the generated Swift to compile with
# it, e.g. in the iOS app's Swift package). Nothing here is committed.
#
# Steps, as in matrix-rust-sdk's xtask/src/swift.rs and application-services'
# megazords/ios-rust/build-xcframework.sh: build the staticlib for three targets, lipo the two
# simulator builds together, generate Swift from a host build (library mode), then
# xcodebuild -create-xcframework with the headers in a module-named folder (so several
# uniffi frameworks in one app do not clash on module.modulemap).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(uname -s)" != Darwin ]; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)." >&2
  exit 1
fi

profile=release
flags=(--release)
if [ "${1:-}" = "--debug" ]; then profile=debug; flags=(); fi

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
for t in "${targets[@]}"; do
  cargo build "${flags[@]}" -p wellbeing-ffi --target "$t"
done

# Swift and the C header come from the host library: the interface is identical on every
# target (no target-specific exports), which keeps the uniffi checksums identical too.
bindings/generate.sh $([ "$profile" = release ] && echo --release)

out=target/ios
rm -rf "$out"
mkdir -p "$out/headers/wellbeingFFI" "$out/sim" "$out/macos" "$out/Sources/Wellbeing"
cp target/bindings/swift/wellbeingFFI.h "$out/headers/wellbeingFFI/"
cp target/bindings/swift/wellbeingFFI.modulemap "$out/headers/wellbeingFFI/module.modulemap"
cp target/bindings/swift/wellbeing.swift "$out/Sources/Wellbeing/"

lipo -create \
  "target/aarch64-apple-ios-sim/$profile/libwellbeing_ffi.a" \
  "target/x86_64-apple-ios/$profile/libwellbeing_ffi.a" \
  -output "$out/sim/libwellbeing_ffi.a"

lipo -create \
  "target/aarch64-apple-darwin/$profile/libwellbeing_ffi.a" \
  "target/x86_64-apple-darwin/$profile/libwellbeing_ffi.a" \
  -output "$out/macos/libwellbeing_ffi.a"

xcodebuild -create-xcframework \
  -library "target/aarch64-apple-ios/$profile/libwellbeing_ffi.a" -headers "$out/headers" \
  -library "$out/sim/libwellbeing_ffi.a" -headers "$out/headers" \
  -library "$out/macos/libwellbeing_ffi.a" -headers "$out/headers" \
  -output "$out/WellbeingFFI.xcframework"

echo "built $out/WellbeingFFI.xcframework and $out/Sources/Wellbeing/wellbeing.swift"
