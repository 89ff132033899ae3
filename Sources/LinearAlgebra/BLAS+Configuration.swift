import COpenBLAS

extension BLAS {
  /// OpenBLAS's build configuration as it reports it (`openblas_get_config`), e.g.
  /// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64": version, build options, kernels.
  public static var configuration: String { String(cString: openblas_get_config()) }
}

extension BLASThreads {
  /// The number of threads OpenBLAS may use now.
  public static var current: Int { Int(openblas_get_num_threads()) }
}
