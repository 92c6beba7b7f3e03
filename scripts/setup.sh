#!/usr/bin/env bash
# Installs what the test command needs beyond the machine's Rust, JDK and Maven.
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The Kotlin tests of the bindings: a JDK (17+) and Maven, which fetches the rest from Maven Central.
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
# The Android shell without Gradle (android/android-libs): aapt compiles the app's and the
# AndroidX libraries' resources into one table and writes their R classes.
command -v aapt >/dev/null 2>&1 || need_apt+=(aapt)
# The APK packaging smoke test (android/apk-smoke/build-apk.sh); d8 comes from Maven Central.
command -v zipalign >/dev/null 2>&1 || need_apt+=(zipalign)
command -v apksigner >/dev/null 2>&1 || need_apt+=(apksigner)
command -v dexdump >/dev/null 2>&1 || need_apt+=(dexdump)
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
# The Swift checks (ios/check): tree-sitter's Python binding and the Swift grammar, pinned.
# Both ship prebuilt wheels on PyPI; nothing else is downloaded.
if ! python3 -c "import tree_sitter, tree_sitter_swift" >/dev/null 2>&1 \
   || [ "$(python3 -c 'import importlib.metadata as m; print(m.version("tree-sitter"), m.version("tree-sitter-swift"))' 2>/dev/null)" != "0.25.2 0.7.4" ]; then
  python3 -m pip install -q --disable-pip-version-check "tree-sitter==0.25.2" "tree-sitter-swift==0.7.4"
fi
echo "setup: ok"
