#!/usr/bin/env bash
# Builds the native library and generates the Kotlin and Swift bindings from it (uniffi
# library mode: the interface is read from the metadata inside the built library, so it
# always matches the code that was compiled).
#
#   bindings/generate.sh            debug library    -> target/debug/libwellbeing_ffi.*
#   bindings/generate.sh --release  release library  -> target/release/libwellbeing_ffi.*
#
# Output (never committed; produced by every build):
#   target/bindings/kotlin/uniffi/wellbeing/wellbeing.kt   package uniffi.wellbeing
#   target/bindings/swift/wellbeing.swift
#   target/bindings/swift/wellbeingFFI.h
#   target/bindings/swift/wellbeingFFI.modulemap
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
cargo_flags=()
if [ "${1:-}" = "--release" ]; then
  profile=release
  cargo_flags+=(--release)
fi

case "$(uname -s)" in
  Darwin) lib=libwellbeing_ffi.dylib ;;
  *) lib=libwellbeing_ffi.so ;;
esac

cargo build "${cargo_flags[@]}" -p wellbeing-ffi
# The generator itself is always the debug build: it reads the library's metadata, whatever
# profile built the library, and a release build of it would only cost time.
cargo build -p uniffi-bindgen
# Cargo's output folder: CARGO_TARGET_DIR when set (as cargo reads it), else target/.
target="${CARGO_TARGET_DIR:-target}"
library="$target/$profile/$lib"
bindgen="$target/debug/uniffi-bindgen"

out="$target/bindings"
rm -rf "$out/kotlin" "$out/swift"
# --no-format: ktlint and swift-format are not required to build.
"$bindgen" generate "$library" --language kotlin --out-dir "$out/kotlin" --no-format
"$bindgen" generate "$library" --language swift --out-dir "$out/swift" --no-format
echo "generated from $library:"
find "$out/kotlin" "$out/swift" -type f | sort
