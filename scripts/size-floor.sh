#!/usr/bin/env bash
# The size floor: builds scripts/size-floor (uniffi + rusqlite on SQLCipher + std, one object
# and one query, the same release profile and link flags as the shipped library), strips a copy
# and prints its size beside the budget. Not in the test command (it is a whole release build);
# run it when the budget is discussed. Honours CARGO_TARGET_DIR (default: target/size-floor).
set -euo pipefail
cd "$(dirname "$0")/size-floor"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/../../target/size-floor}"
cargo build --release --quiet
lib="$CARGO_TARGET_DIR/release/libsize_floor.so"
[ "$(uname -s)" = Darwin ] && lib="$CARGO_TARGET_DIR/release/libsize_floor.dylib"
out="$CARGO_TARGET_DIR/release/stripped-$(basename "$lib")"
strip -o "$out" "$lib" 2>/dev/null || { cp "$lib" "$out"; strip -x "$out"; }
size=$(wc -c < "$out")
python3 -c "import sys; n = int(sys.argv[1]); print(f'size floor (uniffi + rusqlite on SQLCipher + std, one object): {n:,} bytes stripped'); print(f'left of the 2,500,000-byte budget for every feature: {2500000 - n:,} bytes')" "$size"
