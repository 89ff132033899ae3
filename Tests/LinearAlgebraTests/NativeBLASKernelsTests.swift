import Testing
@testable import LinearAlgebra

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
}
