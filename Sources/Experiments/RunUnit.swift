/// One deterministic piece of an experiment's work, stored when done so that a resumed or
/// sharded run computes it once: one fold of one run's cross-validation (a late fusion's
/// folds included), a block of its chance test's permutations, one repetition of its
/// cross-validation with other folds, or one window length of a modality's `windows`
/// evaluation. A run is one modality (or one modality of a compared feature choice, or a
/// fusion), by result name.
public struct RunUnit: Sendable, Hashable, CustomStringConvertible {
  /// What a unit computes.
  public enum Work: Sendable, Hashable {
    /// Fold `index` of the cross-validation (its held-out rows' predictions).
    case fold(Int)
    /// The null UARs of permutations `range` of the chance test.
    case permutations(Range<Int>)
    /// Repetition `index` (1 or more; repetition 0 is the cross-validation itself).
    case repetition(Int)
    /// Window length `index` of the `windows` list (its label, e.g. `2s` or `whole`): the
    /// first-seconds and sliding-window cross-validations at that length.
    case window(Int, label: String)
    /// The timed decision on one short window (provenance only, not metrics.json).
    case latency
  }

  /// The run's result name (`voice`, `face:geometry`, …).
  public var run: String
  public var work: Work

  /// Permutations per unit: small enough that an interrupted chance test loses little, large
  /// enough that a 10,000-permutation test is a few hundred files.
  public static let permutationsPerUnit = 25

  public var description: String {
    switch work {
    case .fold(let index): "\(run) fold \(index + 1)"
    case .permutations(let range): "\(run) permutations \(range.lowerBound + 1)-\(range.upperBound)"
    case .repetition(let index): "\(run) repetition \(index + 1)"
    case .window(_, let label): "\(run) window \(label)"
    case .latency: "\(run) latency"
    }
  }

  /// The unit's file name in its run's folder of the unit store.
  var fileName: String {
    switch work {
    case .fold(let index): "fold-\(padded(index)).json"
    case .permutations(let range): "permutations-\(padded(range.lowerBound))-\(padded(range.upperBound)).json"
    case .repetition(let index): "repetition-\(padded(index)).json"
    case .window(let index, _): "window-\(padded(index)).json"
    case .latency: "latency.json"
    }
  }

  private func padded(_ n: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  /// The permutation ranges of a chance test of `permutations`, in order.
  static func permutationBlocks(_ permutations: Int) -> [Range<Int>] {
    stride(from: 0, to: permutations, by: permutationsPerUnit).map { $0..<min($0 + permutationsPerUnit, permutations) }
  }
}
