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
library="target/$profile/$lib"
bindgen="target/debug/uniffi-bindgen"

out=target/bindings
rm -rf "$out/kotlin" "$out/swift"
# --no-format: ktlint and swift-format are not required to build.
"$bindgen" generate "$library" --language kotlin --out-dir "$out/kotlin" --no-format
# Kotlin: our object is called `Companion`, and Kotlin gives a class with named constructors
# a `companion object`, which is itself called `Companion` by default. Inside that object the
# generated `fun open(...): Companion` then means the companion object and does not compile.
# The fully qualified class name is unambiguous there. (uniffi 0.32.2's other ways out both
# fail for objects with constructors: `[bindings.kotlin.rename]` leaves the constructors'
# return type unrenamed, and `#[uniffi(name = ...)]` is refused with "Constructor return type
# must be Self or Arc<Self>".)
kt="$out/kotlin/uniffi/wellbeing/wellbeing.kt"
sed -i.orig -E 's/\): Companion \{$/): uniffi.wellbeing.Companion {/' "$kt"
rm -f "$kt.orig"
if grep -qE '\): Companion \{$' "$kt"; then echo "generate.sh: Companion fix did not apply" >&2; exit 1; fi
"$bindgen" generate "$library" --language swift --out-dir "$out/swift" --no-format
echo "generated from $library:"
find "$out/kotlin" "$out/swift" -type f | sort
