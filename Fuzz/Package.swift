// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets and the parse benchmark for NuGetCore, kept out of the root package so the sanitizer
// flags and the release builds never touch the main build. See README.md.
let nugetCore: Target.Dependency = .product(name: "NuGetCore", package: "main")
let fuzzTarget: [Target.Dependency] = [nugetCore, "FuzzSupport"]

let package = Package(
    name: "PalletFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "main", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Hands `main` to libFuzzer's driver (see LibFuzzerDriver.swift).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzVersion", dependencies: fuzzTarget),
        .executableTarget(name: "FuzzRange", dependencies: fuzzTarget),
        .executableTarget(name: "FuzzNuspec", dependencies: fuzzTarget),
        .executableTarget(name: "FuzzNupkg", dependencies: fuzzTarget),
        .executableTarget(
            name: "ParseBench",
            dependencies: [nugetCore, .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
