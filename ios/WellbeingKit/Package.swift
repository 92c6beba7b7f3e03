// swift-tools-version:5.9
// WellbeingKit: the core for the iOS app, as an Apple developer expects to take it in.
//
//   wellbeingFFI      binary target: the core's static library for iOS devices, iOS
//                     simulators and macOS (the Mac slice runs the view-model tests with
//                     `swift test`), built by ios/scripts/prepare.sh into Frameworks/
//   Wellbeing         the Swift that uniffi generates from the built library, copied into
//                     Sources/Wellbeing/ by the same script (never committed, never edited)
//   CompanionModels   the app's @Observable view models: every call into the core, off the
//                     main actor; no wording, no scoring, no record written by hand
//
// The module is named `wellbeingFFI` (lower case) because the generated Swift imports that
// name and the generated module map declares it.
import PackageDescription

let package = Package(
    name: "WellbeingKit",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "Wellbeing", targets: ["Wellbeing"]),
        .library(name: "CompanionModels", targets: ["CompanionModels"]),
    ],
    targets: [
        .binaryTarget(name: "wellbeingFFI", path: "Frameworks/WellbeingFFI.xcframework"),
        .target(name: "Wellbeing", dependencies: ["wellbeingFFI"], path: "Sources/Wellbeing"),
        .target(name: "CompanionModels", dependencies: ["Wellbeing"], path: "Sources/CompanionModels"),
        .testTarget(name: "CompanionModelsTests", dependencies: ["CompanionModels"], path: "Tests/CompanionModelsTests"),
    ]
)
