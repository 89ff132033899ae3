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
    .library(name: "Features", targets: ["Features"]),
    .library(name: "Results", targets: ["Results"]),
    .library(name: "Corpora", targets: ["Corpora"]),
    // For the benchmarks, which apply the executable's start-up settings.
    .library(name: "Runtime", targets: ["Runtime"]),
    // The face tracker (dlib, FFmpeg) as a shared library next to the executable, loaded only
    // by the processes that track faces (CFaceTrackerLoader).
    .library(name: "FaceValueTracker", type: .dynamic, targets: ["CFaceTracker"]),
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
    // SHA-256's compression function in C: the processor's SHA extensions, or portable code.
    .target(name: "CDigest"),
    // parallelMap: work spread over the cores, results in index order whatever the scheduling.
    .target(name: "Parallel"),
    .target(name: "Tabular", dependencies: ["CDigest", "Parallel"]),
    .target(name: "LinearAlgebra", dependencies: ["COpenBLAS", "CLAPACKE"]),
    // Process-level settings the executable applies at start-up (BLAS kernels and threads, heap).
    .target(name: "Runtime", dependencies: ["LinearAlgebra"]),
    // Run-time choice of instruction set (AVX-512, AVX2, baseline) for the C kernel libraries.
    .target(name: "CKernelDispatch"),
    .target(name: "CVoiceKernels", dependencies: ["CKernelDispatch"]),
    .target(name: "Voice", dependencies: ["LinearAlgebra", "COpenBLAS", "CSndFile", "CKernelDispatch", "CVoiceKernels", "Tabular"]),
    // dlib's face detector and shape predictor, FFmpeg's video decoding, behind a C interface
    // (Debian libdlib-dev, libdlib-data, libavformat-dev, libavcodec-dev, libswscale-dev), built
    // only into the FaceValueTracker library; everything but its function table is hidden.
    // Built with AVX, as dlib's own Python build on such processors; the loader's
    // `fv_tracker_cpu_supported` checks the processor first. No fused multiply-adds: the
    // detector's kernels reproduce dlib's float arithmetic operation by operation.
    .target(
      name: "CFaceTracker",
      exclude: ["FrontalFilters.inc"],
      cxxSettings: [.unsafeFlags(["-O3", "-mavx", "-ffp-contract=off", "-fvisibility=hidden"])],
      linkerSettings: [
        .linkedLibrary("dlib"), .linkedLibrary("avformat"), .linkedLibrary("avcodec"), .linkedLibrary("swscale"),
        .linkedLibrary("avutil"),
      ]),
    // Loads libFaceValueTracker.so on first use: dlib and FFmpeg (about 140 shared libraries)
    // stay out of every process that does not track faces.
    .target(name: "CFaceTrackerLoader"),
    .target(name: "Face", dependencies: ["LinearAlgebra", "Parallel", "Tabular", "CFaceTrackerLoader"]),
    // Body keypoints (OpenPose JSON, MediaPipe Pose and generic wide CSVs) and posture features.
    .target(name: "Body", dependencies: ["Tabular"]),
    // The parameters a synthetic corpus is generated from: its known ground truth, held by results.
    .target(name: "GroundTruth"),
    .target(name: "Corpora", dependencies: ["LinearAlgebra", "Parallel", "Voice", "Face", "Body", "Tabular", "Randomness", "GroundTruth"]),
    // The solvers' SIMD inner loops, compiled per instruction set like CVoiceKernels.
    // -fno-math-errno: sqrtf never sets errno there, so its loops vectorise (values unchanged).
    .target(name: "CSolverKernels", dependencies: ["CKernelDispatch"], cSettings: [.unsafeFlags(["-fno-math-errno"])]),
    .target(name: "Classifiers", dependencies: ["LinearAlgebra", "Randomness", "CKernelDispatch", "CSolverKernels"]),
    .target(name: "Evaluation", dependencies: ["Randomness"]),
    // Prediction-level analysis and the result record: predictions (of a run or of an audited
    // system) become metrics with intervals, tests, fairness reports and Holm's adjustment.
    .target(name: "Results", dependencies: ["Evaluation", "GroundTruth", "Parallel", "Randomness", "Tabular"]),
    // Samples to feature tables: the feature-set registry, fold-fitted transforms, export.
    .target(
      name: "Features",
      dependencies: ["Corpora", "Voice", "Face", "Body", "Classifiers", "LinearAlgebra", "Parallel", "Results", "Tabular"]),
    .target(
      name: "Experiments",
      dependencies: [
        "Corpora", "Features", "Results", "GroundTruth", "Classifiers", "Evaluation", "LinearAlgebra", "Parallel", "Randomness",
        "Tabular", .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Reports", dependencies: ["Results", "Evaluation", "GroundTruth", "Tabular"]),
    .executableTarget(
      name: "facevalue",
      dependencies: [
        "Experiments", "Features", "Results", "Reports", "Corpora", "GroundTruth", "LinearAlgebra", "Runtime", "Tabular", "CSndFile",
        "Face", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "_TestSupport", dependencies: ["LinearAlgebra", "Classifiers", "Evaluation", "Randomness"], path: "Tests/_TestSupport"),
    // Runs the built `facevalue` binary; shared by the CLI and hostile-input tests (no library imports).
    .target(name: "_CLITestSupport", path: "Tests/_CLITestSupport"),
    .testTarget(name: "RandomnessTests", dependencies: ["Randomness"]),
    .testTarget(name: "ParallelTests", dependencies: ["Parallel"]),
    .testTarget(name: "TabularTests", dependencies: ["Tabular", "CDigest"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "LinearAlgebra"]),
    .testTarget(
      name: "VoiceTests", dependencies: ["Voice", "CKernelDispatch", "CVoiceKernels", "Randomness", "LinearAlgebra", "_TestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "FaceTests", dependencies: ["Face", "Tabular", "_TestSupport"]),
    .testTarget(name: "BodyTests", dependencies: ["Body"]),
    .testTarget(name: "CorporaTests", dependencies: ["Corpora", "GroundTruth", "Voice", "Face", "_TestSupport"]),
    .testTarget(
      name: "ClassifiersTests",
      dependencies: ["Classifiers", "CKernelDispatch", "CSolverKernels", "LinearAlgebra", "Randomness", "_TestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Randomness", "_TestSupport"], exclude: ["Golden"]),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: [
        "Experiments", "Features", "Results", "Reports", "Corpora", "GroundTruth", "Classifiers", "Evaluation", "Face", "Voice",
        "LinearAlgebra", "Parallel", "Randomness", "Tabular", "_TestSupport",
      ]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Results", "Evaluation", "Experiments"]),
    // Run the built `facevalue` binary: on generated hostile inputs, and as a user runs it
    // (help texts, exit statuses, a whole experiment). No library imports.
    .testTarget(name: "HostileInputTests", dependencies: ["_CLITestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["_CLITestSupport"], exclude: ["Snapshots", "Inputs", "README.md"]),
  ]
)
