// swift-tools-version: 6.1
import PackageDescription

// The modules a scan runs through keep state in classes (the scan engine, the decoder, the reader), and every
// access to a class's stored property was checked at run time for overlapping access (2% of a corpus scan on one
// thread in the engine alone). Release builds skip the check; debug builds, which run the tests, keep it.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

// Module boundaries follow DESIGN.md: arrows point one way, from the CLI down to VigilSyntax.
let package = Package(
  name: "Vigil",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "vigil", targets: ["vigil"]),
    .library(name: "VigilEngine", targets: ["VigilEngine"]),
    .library(name: "VigilIO", targets: ["VigilIO"]),  // for Benchmarks/: the reader `vigil scan` uses
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
  ],
  targets: [
    .target(name: "VigilSyntax"),
    .target(name: "VigilEvents", dependencies: ["VigilSyntax"], swiftSettings: hotPath),
    .target(name: "VigilQuery", dependencies: ["VigilEvents"], swiftSettings: hotPath),
    .target(name: "VigilKQL", dependencies: ["VigilQuery"]),
    .target(name: "VigilEQL", dependencies: ["VigilQuery"], swiftSettings: hotPath),
    .target(name: "VigilESQL", dependencies: ["VigilQuery"], swiftSettings: hotPath),
    .target(name: "VigilRules", dependencies: ["VigilSyntax", "VigilEvents"]),
    .target(
      name: "VigilEngine",
      dependencies: [
        "VigilSyntax", "VigilEvents", "VigilQuery", "VigilKQL", "VigilEQL", "VigilESQL", "VigilRules",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: hotPath
    ),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .target(name: "CJemallocOptions"),
    .target(name: "VigilIO", dependencies: ["VigilEngine", "VigilEvents", "CZlib"], swiftSettings: hotPath),
    .target(name: "VigilLinux", dependencies: ["VigilEvents", "VigilSyntax"]),
    .executableTarget(
      name: "vigil",
      dependencies: [
        "VigilEngine", "VigilIO", "VigilLinux", "VigilRules", "VigilSyntax", "CJemallocOptions",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // jemalloc replaces glibc's malloc on Linux: a scan allocates on worker threads what the engine's thread
      // frees, which glibc's arenas serve slowly (docs/benchmarks-history.md: 10% less CPU on one thread, a third more
      // events per second on two).
      linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
    ),
    .target(name: "VigilTestSupport", dependencies: ["TOMLKit"], path: "Sources/VigilTestSupport"),
    .testTarget(name: "VigilSyntaxTests", dependencies: ["VigilSyntax"]),
    .testTarget(name: "VigilEventsTests", dependencies: ["VigilEvents", "VigilTestSupport"]),
    .testTarget(name: "VigilQueryTests", dependencies: ["VigilQuery", "VigilTestSupport"]),
    .testTarget(name: "VigilKQLTests", dependencies: ["VigilKQL", "VigilTestSupport"]),
    .testTarget(
      name: "VigilEQLTests", dependencies: ["VigilEQL", "VigilTestSupport"],
      // Read by path (#filePath) in EQLConformanceTests.
      exclude: ["Conformance/events.ndjson", "Conformance/cases.txt"]
    ),
    .testTarget(name: "VigilESQLTests", dependencies: ["VigilESQL", "VigilTestSupport"]),
    // TOMLKit: the reference TOMLDocument is compared with.
    .testTarget(name: "VigilRulesTests", dependencies: ["VigilRules", "VigilTestSupport", "TOMLKit"]),
    .testTarget(
      name: "VigilEngineTests", dependencies: ["VigilEngine", "VigilTestSupport"],
      // Read by path (#filePath) in GoldenAlertTests.
      exclude: ["Golden"]
    ),
    .testTarget(name: "VigilIOTests", dependencies: ["VigilIO", "VigilTestSupport"]),
    .testTarget(name: "VigilLinuxTests", dependencies: ["VigilLinux", "VigilTestSupport"]),
    .testTarget(name: "VigilCLITests", dependencies: ["VigilTestSupport"]),
  ]
)
