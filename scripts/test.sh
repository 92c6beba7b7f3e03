#!/usr/bin/env bash
# The project's one test command.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
