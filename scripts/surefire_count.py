#!/usr/bin/env python3
"""Says what a quiet Maven run's tests counted, from Surefire's reports.

Usage: surefire_count.py LABEL MODULE_DIR

Maven runs with -q in the test command, so without this nothing says how many tests ran.
Fails when no test ran at all: a module whose tests were never found is broken, not green.
"""
import glob
import re
import sys


def main() -> None:
    label, module = sys.argv[1], sys.argv[2]
    n = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for f in glob.glob(f"{module}/target/surefire-reports/TEST-*.xml"):
        with open(f, encoding="utf-8") as fh:
            head = fh.read(2000)
        for k in n:
            m = re.search(r'\b%s="(\d+)"' % k, head)
            n[k] += int(m.group(1)) if m else 0
    ran = n["tests"] - n["skipped"]
    failed = n["failures"] + n["errors"]
    print(f"{label}: {ran - failed} passed, {failed} failed, {n['skipped']} skipped")
    if n["tests"] == 0:
        raise SystemExit(f"{label}: no test ran")


if __name__ == "__main__":
    main()
