/// A numerical routine could not complete; carries the LAPACK routine and its `info` code.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
  /// The matrix is not positive definite (Cholesky failed at the given leading minor).
  case notPositiveDefinite(routine: String, minor: Int)
  /// An iterative routine (eigen, SVD) did not converge.
  case didNotConverge(routine: String, info: Int)
  /// LAPACK rejected an argument; a bug in FaceValue, reported rather than hidden.
  case illegalArgument(routine: String, position: Int)

  public var description: String {
    switch self {
    case .notPositiveDefinite(let routine, let minor):
      return "\(routine): matrix is not positive definite (leading minor \(minor) is not positive); "
        + "add regularisation or remove collinear features"
    case .didNotConverge(let routine, let info):
      return "\(routine): did not converge (info = \(info)); the input may contain NaN or huge values"
    case .illegalArgument(let routine, let position):
      return "\(routine): argument \(position) was illegal; please report this as a FaceValue bug"
    }
  }

  /// Maps a LAPACK `info` code to an error, or nil for success.
  static func check(_ info: Int32, routine: String, positiveInfo: (Int) -> LinearAlgebraError) -> LinearAlgebraError? {
    if info == 0 { return nil }
    if info < 0 { return .illegalArgument(routine: routine, position: Int(-info)) }
    return positiveInfo(Int(info))
  }
}
