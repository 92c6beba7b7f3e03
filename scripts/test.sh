#!/usr/bin/env bash
# The project's one test command.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
# The appointment summary in a real browser (needs Chromium: scripts/setup.sh installs it).
# Ignored by plain `cargo test`; here a missing Chromium fails the run.
cargo test -p companion-core --test report_chromium -- --ignored
