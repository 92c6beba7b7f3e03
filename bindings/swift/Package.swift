// swift-tools-version:5.9
// macOS only. Runs the shared scenarios (tests/scenarios/*.json) through the generated Swift
// against the native library built for the Mac. Run it with bindings/swift/test.sh, which
// builds the library and fills Generated/ first.
import Foundation
import PackageDescription

let libDir = ProcessInfo.processInfo.environment["WELLBEING_LIB_DIR"] ?? "../../target/debug"

let package = Package(
    name: "WellbeingBindingsTests",
    platforms: [.macOS(.v12)],
    targets: [
        .systemLibrary(name: "wellbeingFFI", path: "Generated/wellbeingFFI"),
        .target(
            name: "Wellbeing",
            dependencies: ["wellbeingFFI"],
            path: "Generated/Wellbeing",
            linkerSettings: [.unsafeFlags(["\(libDir)/libwellbeing_ffi.a"])]
        ),
        .testTarget(name: "WellbeingTests", dependencies: ["Wellbeing"], path: "Tests/WellbeingTests"),
    ]
)
