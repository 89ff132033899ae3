// swift-tools-version:6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (main, a worktree…), so derive it.
let faceValue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

// Benchmarks live in their own package (CI does not build it): `swift run -c release <target>`.
let package = Package(
  name: "FaceValueBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../")],
  targets: [
    .executableTarget(
      name: "face-bench",
      dependencies: [.product(name: "Experiments", package: faceValue)]),
  ]
)
