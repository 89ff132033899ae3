// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package (CI does not build it): `swift run -c release <target>`.
let package = Package(
  name: "FaceValueBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../")],
  targets: [
    .executableTarget(
      name: "face-bench",
      dependencies: [.product(name: "Experiments", package: "FaceValue")]),
  ]
)
