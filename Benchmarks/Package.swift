// swift-tools-version:6.1
import PackageDescription

// Benchmarks live outside the main package so CI never builds them (see ../shared/DESIGN.md).
// Run from this folder: swift run -c release corpora-bench
let package = Package(
  name: "FaceValueBenchmarks",
  platforms: [.macOS(.v13)],
  // The name pins the identity, which otherwise follows the checkout folder name.
  dependencies: [.package(name: "FaceValue", path: "../")],
  targets: [
    .executableTarget(
      name: "corpora-bench",
      dependencies: [.product(name: "Corpora", package: "FaceValue")]),
  ]
)
