import CSndFile
import Experiments
import LinearAlgebra

extension Provenance.Libraries {
  /// The libraries this executable runs with, as they report themselves.
  static var linked: Provenance.Libraries {
    Provenance.Libraries(
      swift: compilerVersion, openBLAS: BLAS.configuration, openBLASKernels: BLAS.kernels,
      libsndfile: String(cString: sf_version_string()), openBLASThreads: BLASThreads.current)
  }

  /// The compiler's major.minor version; a program cannot see the patch level.
  static var compilerVersion: String {
    #if compiler(>=7.0)
      return "7.0 or later"
    #elseif compiler(>=6.5)
      return "6.5"
    #elseif compiler(>=6.4)
      return "6.4"
    #elseif compiler(>=6.3)
      return "6.3"
    #elseif compiler(>=6.2)
      return "6.2"
    #elseif compiler(>=6.1)
      return "6.1"
    #else
      return "6.0 or earlier"
    #endif
  }
}
