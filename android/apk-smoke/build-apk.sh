#!/usr/bin/env bash
# The APK packaging smoke test: a smoke test of packaging, NOT the Gradle build.
#
# Packs the app's compiled classes (android/robolectric-test/target/classes: MainActivity, the
# shared composables, the bindings), the AndroidX classes and their resource table
# (android/android-libs), the manifest and the core's x86-64 library into an APK, signs it with
# a key made for this run only, and checks it: `apksigner verify`, the package and launcher
# Activity aapt reads from it, MainActivity inside its dex, the two native libraries in
# lib/x86_64/. The library is the host build (Linux, glibc): the right ABI folder and JNA's
# Android dispatcher beside it, but a device needs the NDK build (cargo ndk, in Android Studio).
#
# Tools: d8 from r8's jar (Maven Central, android/apk-smoke/pom.xml), Debian's aapt, zipalign,
# apksigner, dexdump (scripts/setup.sh installs them). Run after the robolectric-test build and
# `mvn -f android/apk-smoke/pom.xml package`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
android="$here/.."
root="$android/.."
out="$here/target/apk"
tools="$here/target/tools"
classes="$android/robolectric-test/target/classes"
libs="$android/android-libs/target"
core="$root/target/debug/libwellbeing_ffi.so"
for f in "$classes/org/wellbeingcompanion/android/MainActivity.class" "$libs/app-resources.ap_" "$core" "$tools/r8.jar"; do
  [ -e "$f" ] || { echo "apk-smoke: missing $f (build it first)" >&2; exit 1; }
done
rm -rf "$out" && mkdir -p "$out/dex" "$out/jna" "$out/native/lib/x86_64"

# 1. Dex: our classes and every library jar; android-all is the framework (not packed).
#    JNA's Android classes come from its aar, not the desktop jar the JVM tests use.
unzip -q -o "$tools/jna.aar" classes.jar 'jni/x86_64/*' -d "$out/jna"
jars=()
for j in "$here"/target/jars/*.jar; do jars+=("$j"); done
# d8's warnings (desugaring notes on old support-library classes) go to a log, shown on failure.
java -cp "$tools/r8.jar" com.android.tools.r8.D8 --release --min-api 26 \
  --lib "$tools/android-all.jar" --output "$out/dex" \
  $(cd "$classes" && find "$PWD" -name '*.class') "${jars[@]}" "$out/jna/classes.jar" \
  >"$out/d8.log" 2>&1 || { cat "$out/d8.log" >&2; exit 1; }

# 2. The resource table and compiled manifest aapt made for the app and its libraries, then
#    the dex files and the native libraries (stored at lib/x86_64/, where Android looks).
cp "$libs/app-resources.ap_" "$out/unaligned.apk"
(cd "$out/dex" && aapt add "$out/unaligned.apk" classes*.dex >/dev/null)
strip --strip-debug -o "$out/native/lib/x86_64/libwellbeing_ffi.so" "$core"
cp "$out/jna/jni/x86_64/libjnidispatch.so" "$out/native/lib/x86_64/"
(cd "$out/native" && aapt add "$out/unaligned.apk" lib/x86_64/libwellbeing_ffi.so lib/x86_64/libjnidispatch.so >/dev/null)

# 3. Align, sign with a throwaway key, verify.
zipalign -f -p 4 "$out/unaligned.apk" "$out/aligned.apk"
keytool -genkeypair -keystore "$out/throwaway.keystore" -storepass smoketest -keypass smoketest \
  -alias smoke -keyalg RSA -keysize 2048 -validity 1 -dname "CN=apk smoke test" >/dev/null 2>&1
apksigner sign --ks "$out/throwaway.keystore" --ks-pass pass:smoketest --out "$out/app.apk" "$out/aligned.apk"
rm -f "$out/throwaway.keystore"

passed=0
failed=0
check() {
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "  ok: $what"
  else failed=$((failed + 1)); echo "  FAILED: $what"; fi
}
apk="$out/app.apk"
check "apksigner verify" apksigner verify "$apk"
check "zipalign -c (4-byte aligned, libraries page-aligned)" zipalign -c -p 4 "$apk"
check "package org.wellbeingcompanion.android" bash -c "aapt dump badging '$apk' | grep -q \"package: name='org.wellbeingcompanion.android'\""
check "launcher Activity MainActivity" bash -c "aapt dump badging '$apk' | grep -q \"launchable-activity: name='org.wellbeingcompanion.android.MainActivity'\""
check "MainActivity in the dex" bash -c "dexdump '$apk' 2>/dev/null | grep -q 'Lorg/wellbeingcompanion/android/MainActivity;'"
check "the bindings in the dex" bash -c "dexdump '$apk' 2>/dev/null | grep -q 'Luniffi/wellbeing/WellbeingStore;'"
check "lib/x86_64/libwellbeing_ffi.so" bash -c "unzip -l '$apk' | grep -q 'lib/x86_64/libwellbeing_ffi.so'"
check "lib/x86_64/libjnidispatch.so" bash -c "unzip -l '$apk' | grep -q 'lib/x86_64/libjnidispatch.so'"
echo "apk: $apk, $(stat -c %s "$apk") bytes, $(unzip -l "$apk" | grep -c 'classes[0-9]*\.dex') dex files"
echo "apk-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
