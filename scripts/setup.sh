#!/usr/bin/env bash
# Installs what the test command needs beyond the machine's Rust, JDK and Maven.
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The Kotlin tests of the bindings: a JDK (17+) and Maven, which fetches the rest from Maven Central.
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install: ${need_apt[*]} (sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi
command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup: Maven is required (apt-get install maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "setup: a JDK 17+ is required" >&2; exit 1; }
echo "setup: ok"
