// swift-tools-version:6.1
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (main checkout or worktree alike).
let faceValue = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// Benchmarks live in their own package so CI never builds them. Peer comparisons
// (openSMILE, librosa, Praat) are the Python scripts under voice/.
let package = Package(
  name: "FaceValueBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "../")],
  targets: [
    .executableTarget(
      name: "VoiceBenchmark",
      dependencies: [.product(name: "Experiments", package: faceValue)],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])])
  ]
)
