#!/usr/bin/env bash
# Instruction counts of the core beside the bare-SQLite baseline, under valgrind's callgrind:
# unlike wall-clock time they hardly move when the machine is loaded, so the ratio table can
# be repeated on a shared machine. Same calls, same stores as `cargo bench` (core_vs_sqlite):
#   core/benches/callgrind.sh
# Prints instructions per call for each operation and history length, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is required (apt-get install valgrind)" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-$PWD/target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
bin=$(cargo bench -p companion-core --bench core_vs_sqlite --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import sys, json
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "core_vs_sqlite" and m.get("executable"):
        print(m["executable"])')
[ -x "$bin" ] || { echo "callgrind.sh: the benchmark did not build" >&2; exit 1; }
stores="$target/tmp/bench-stores"
# The stores are built natively (under valgrind it would take an hour); then only the calls
# are run under callgrind. Each caller is kept apart (--separate-callers) to tell the three
# history lengths apart.
COMPANION_BENCH_ONLY="build $stores" "$bin"
out="$target/tmp/callgrind.out"
COMPANION_BENCH_ONLY="callgrind $stores" valgrind --tool=callgrind --separate-callers=1 \
  --callgrind-out-file="$out" "$bin" >/dev/null 2>"$target/tmp/callgrind.log" || {
  echo "callgrind.sh: the benchmark failed under valgrind:" >&2
  cat "$target/tmp/callgrind.log" >&2
  exit 1
}
callgrind_annotate --inclusive=yes --threshold=100 "$out" | python3 -c '
import re, sys
N = {"summary": 5, "open": 5}
sizes = {"month": "1 month", "year": "1 year", "decade": "10 years"}
cost = {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+)\s.*?cg_(core|bare)_(\w+)\x27[\w:]*counted_(month|year|decade)\b", line)
    if m:
        ir, side, op, size = int(m.group(1).replace(",", "")), m.group(2), m.group(3), m.group(4)
        cost[(op, size, side)] = ir / N.get(op, 20)
if not cost:
    sys.exit("callgrind.sh: no counts found in the callgrind output")
print("| operation | history | core instructions | bare instructions | ratio |")
print("|---|---|---|---|---|")
names = {"open": "open + close"}
for op in ["today", "week", "history", "summary", "open"]:
    for size in ["month", "year", "decade"]:
        a, b = cost.get((op, size, "core")), cost.get((op, size, "bare"))
        if a and b:
            print(f"| {names.get(op, op)} | {sizes[size]} | {a/1e6:.2f} M | {b/1e6:.2f} M | {a/b:.2f}x |")
'
