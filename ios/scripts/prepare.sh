#!/usr/bin/env bash
# macOS only (needs Xcode): builds the core's XCFramework and puts it, with the generated
# Swift, where ios/WellbeingKit/Package.swift expects them. Run it before opening the app
# in Xcode and again after any change to the core.
#
#   ios/scripts/prepare.sh [--debug]
set -euo pipefail
cd "$(dirname "$0")/../.."
bindings/swift/build-xcframework.sh "$@"
kit=ios/WellbeingKit
rm -rf "$kit/Frameworks/WellbeingFFI.xcframework"
mkdir -p "$kit/Frameworks" "$kit/Sources/Wellbeing"
cp -R target/ios/WellbeingFFI.xcframework "$kit/Frameworks/"
cp target/ios/Sources/Wellbeing/wellbeing.swift "$kit/Sources/Wellbeing/wellbeing.swift"
if command -v xcodegen >/dev/null 2>&1; then
  (cd ios && xcodegen generate)
else
  echo "prepare: xcodegen not found (brew install xcodegen); ios/project.yml describes the app" >&2
fi
echo "prepare: ios/WellbeingKit is ready; open ios/WellbeingCompanion.xcodeproj"
