// swift-tools-version:6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (main checkout or worktree alike), so
// derive it instead of hard-coding it.
let faceValue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

// Benchmarks live in their own package so CI never builds them (../shared/DESIGN.md).
// Run from this folder: swift run -c release <target>. Peer comparisons with the Python
// tools are the scripts beside it (corpora_peer.py, face_bench_peer.py, fairness/, voice/).
let package = Package(
  name: "FaceValueBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../")],
  targets: [
    .executableTarget(
      name: "corpora-bench",
      dependencies: [.product(name: "Corpora", package: faceValue)]),
    .executableTarget(
      name: "classifiers-bench",
      dependencies: [
        .product(name: "Experiments", package: faceValue), .product(name: "Features", package: faceValue),
        .product(name: "Runtime", package: faceValue),
      ]),
    .executableTarget(
      name: "classifiers-profile",
      dependencies: [.product(name: "Experiments", package: faceValue), .product(name: "Runtime", package: faceValue)]),
    .executableTarget(
      name: "face-bench",
      dependencies: [.product(name: "Experiments", package: faceValue), .product(name: "Features", package: faceValue)]),
    .executableTarget(
      name: "f0-frames",
      dependencies: [.product(name: "Experiments", package: faceValue)]),
    .executableTarget(
      name: "shs-frames",
      dependencies: [.product(name: "Experiments", package: faceValue)]),
    .executableTarget(
      name: "VoiceBenchmark",
      dependencies: [.product(name: "Experiments", package: faceValue), .product(name: "Runtime", package: faceValue)],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
  ]
)
