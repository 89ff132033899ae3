import CKernelDispatch

/// The SIMD kernels behind resampling, FFT power spectra and decibels (`CVoiceKernels`,
/// dispatched by `CKernelDispatch`).
public enum VoiceKernels {
  /// The instruction set they run with on this machine: "avx512", "avx2" or "baseline".
  /// Every choice gives the same values; only the speed differs.
  public static var instructionSet: String { String(cString: fv_kernel_instruction_set()) }
}
