// swift-tools-version:6.1
import PackageDescription

// Targets follow ../shared/DESIGN.md. Two small additions: `Randomness` (seeded, portable
// generators every stage shares, so results do not depend on the platform's RNG) and
// `Tabular` (one CSV reader/writer for manifests, landmark files and prediction tables).
let package = Package(
  name: "FaceValue",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "facevalue", targets: ["facevalue"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .library(name: "Corpora", targets: ["Corpora"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
    .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),

    .target(name: "Randomness"),
    .target(name: "Tabular"),
    .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "CLAPACKE"]),
    .target(name: "CVoiceKernels"),
    .target(name: "Voice", dependencies: ["LinearAlgebra", "COpenBLAS", "CSndFile", "CVoiceKernels", "Tabular"]),
    .target(name: "Face", dependencies: ["LinearAlgebra", "Tabular"]),
    .target(name: "Corpora", dependencies: ["LinearAlgebra", "Voice", "Face", "Tabular", "Randomness"]),
    .target(name: "Classifiers", dependencies: ["LinearAlgebra", "Randomness"]),
    .target(name: "Evaluation", dependencies: ["LinearAlgebra", "Randomness"]),
    .target(
      name: "Experiments",
      dependencies: [
        "LinearAlgebra", "Voice", "Face", "Corpora", "Classifiers", "Evaluation", "Randomness", "Tabular",
        .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Reports", dependencies: ["Evaluation", "Experiments", "Corpora", "Tabular"]),
    .executableTarget(
      name: "facevalue",
      dependencies: [
        "Experiments", "Reports", "Corpora", "LinearAlgebra", "Tabular", "CSndFile",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(name: "_TestSupport", dependencies: ["LinearAlgebra", "Classifiers"], path: "Tests/_TestSupport"),
    .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
    .testTarget(name: "VoiceTests", dependencies: ["Voice", "CVoiceKernels", "Randomness", "LinearAlgebra", "_TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "FaceTests", dependencies: ["Face", "Corpora"]),
    .testTarget(name: "CorporaTests", dependencies: ["Corpora", "Voice", "Face"]),
    .testTarget(
      name: "ClassifiersTests", dependencies: ["Classifiers", "_TestSupport", "Randomness"], exclude: ["Golden"]),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "_TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Corpora", "Reports"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments"]),
    // Runs the built `facevalue` binary on generated hostile inputs (no library imports).
    .testTarget(name: "HostileInputTests"),
  ]
)
