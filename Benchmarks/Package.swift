// swift-tools-version: 6.1
import PackageDescription

// Vigil's benchmarks (ordo-one/benchmark), a package of their own so that `swift build` and `swift test` of the
// main package do not build the benchmark tooling. Run them from this folder: `swift package benchmark`
// (docs/benchmarks.md). This package keeps its own .build/ here.
let benchmarkPlugin: Target.PluginUsage = .plugin(name: "BenchmarkPlugin", package: "benchmark")

let package = Package(
  name: "VigilBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "Vigil", path: ".."),
    // The malloc interposer gives the malloc* metrics; this machine's toolchain needs the trait named explicitly.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Finding and loading the benchmark data: events, the rule corpus.
    .target(
      name: "BenchSupport",
      dependencies: [
        .product(name: "VigilEngine", package: "Vigil"),
        .product(name: "VigilIO", package: "Vigil"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Sources/BenchSupport"
    ),
    .executableTarget(
      name: "Decode",
      dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
      path: "Benchmarks/Decode",
      plugins: [benchmarkPlugin]
    ),
    .executableTarget(
      name: "Evaluate",
      dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
      path: "Benchmarks/Evaluate",
      plugins: [benchmarkPlugin]
    ),
    .executableTarget(
      name: "Alerts",
      dependencies: ["BenchSupport", .product(name: "Benchmark", package: "benchmark")],
      path: "Benchmarks/Alerts",
      plugins: [benchmarkPlugin]
    ),
    .executableTarget(
      name: "FullScan",
      dependencies: [
        "BenchSupport", .product(name: "Benchmark", package: "benchmark"),
        .product(name: "VigilIO", package: "Vigil"),
      ],
      path: "Benchmarks/FullScan",
      plugins: [benchmarkPlugin]
    ),
  ]
)
