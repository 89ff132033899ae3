import Foundation
import LinearAlgebra
import Testing

@testable import Runtime

@Suite struct NativeBLASKernelsTests {
  static let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

  @Test func onlyTheGenericFallbackIsReplacedAndOnlyByKernelsTheCPURuns() {
    #expect(NativeBLASKernels.replacement(for: "Prescott", cpuFlags: Self.avx512) == "SkylakeX")
    #expect(NativeBLASKernels.replacement(for: "Prescott", cpuFlags: ["sse3", "avx", "avx2", "fma"]) == "Haswell")
    // AVX-512 without the OS saving its state shows no avx512 flags: AVX2 kernels then.
    #expect(NativeBLASKernels.replacement(for: "Prescott", cpuFlags: ["avx2", "fma", "avx512f"]) == "Haswell")
    #expect(NativeBLASKernels.replacement(for: "Prescott", cpuFlags: ["sse3", "avx"]) == nil)
    // OpenBLAS recognised the CPU: its choice stands.
    #expect(NativeBLASKernels.replacement(for: "Haswell", cpuFlags: Self.avx512) == nil)
    #expect(NativeBLASKernels.replacement(for: "SkylakeX", cpuFlags: Self.avx512) == nil)
  }

  @Test func theKernelNameIsReadable() {
    #expect(!BLAS.kernels.isEmpty)
  }

  /// The `facevalue` binary built next to this test bundle (scripts/test builds it), or nil.
  static let binary: URL? = {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidate = folder.appendingPathComponent("facevalue")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }()

  /// `facevalue` fixes OpenBLAS's kernel choice in place, without re-executing itself.
  /// With OPENBLAS_VERBOSE=2 OpenBLAS prints "Core: …" each time it chooses: one line when
  /// a recognised CPU's choice stands, two (the fallback, then the replacement) when it was
  /// replaced. With LD_DEBUG=files the dynamic loader prints "calling init:" for OpenBLAS
  /// each time the program starts: once, as a restart would make it twice. This test
  /// process never adjusts OpenBLAS, so its kernels are the load-time choice, the one the
  /// child starts from.
  @Test(.enabled(if: binary != nil, "no facevalue binary beside the tests (scripts/test builds it); skipped"))
  func kernelsAreChosenAgainInPlaceWithoutARestart() throws {
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = ["--version"]
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OPENBLAS_") }
    for name in ["GOTO_NUM_THREADS", "OMP_NUM_THREADS"] { environment[name] = nil }
    environment["OPENBLAS_VERBOSE"] = "2"
    environment["LD_DEBUG"] = "files"
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let lines = text.split(separator: "\n")
    #expect(lines.filter { $0.contains("calling init:") && $0.contains("libopenblas") }.count == 1, "\(text)")
    let choices = lines.filter { $0.hasPrefix("Core: ") }.map { String($0.dropFirst(6)) }
    let flags =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("flags") }
      .map { Set($0.split(separator: ":").last?.split(separator: " ").map(String.init) ?? []) } ?? []
    if let replacement = NativeBLASKernels.replacement(for: BLAS.kernels, cpuFlags: flags) {
      #expect(choices == [BLAS.kernels, replacement])
    } else {
      #expect(choices == [BLAS.kernels])
    }
  }
}
