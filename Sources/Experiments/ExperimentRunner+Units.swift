import Foundation
import LinearAlgebra

extension ExperimentRunner {
  /// Computes the units not yet stored: all of them, or those of `share`. Each run's folds
  /// are fitted in parallel (BLAS single-threaded), its permutation blocks and repetitions
  /// one after another; every unit is stored as soon as it is done. Returns how many units
  /// were computed and how many of those asked for were already stored.
  func compute(_ prepared: PreparedExperiment, share: Shard?) throws -> (computed: Int, alreadyDone: Int) {
    var position = 0, computed = 0, alreadyDone = 0
    for run in prepared.runs {
      let owned = run.units.filter { _ in
        defer { position += 1 }
        return share?.owns(position) ?? true
      }
      let pending = owned.filter { !run.isDone($0, in: units) }
      alreadyDone += owned.count - pending.count
      computed += pending.count
      if owned.count > pending.count {
        log("\(run.name): \(owned.count - pending.count) of \(owned.count) units already done in \(units.folder?.path ?? "memory")")
      }
      let folds = pending.filter { if case .fold = $0.work { true } else { false } }
      if !folds.isEmpty {
        try run.computeFolds(folds, into: units)
        record.lap("\(run.name): cross-validation")
      }
      let blocks = pending.filter { if case .permutations = $0.work { true } else { false } }
      if !blocks.isEmpty {
        let count = blocks.reduce(0) { total, unit in if case .permutations(let r) = unit.work { total + r.count } else { total } }
        log(
          WorkEstimate.line(
            "\(run.name): chance test", count, "permutations", folds: run.folds.count, model: run.problem.pipeline.model))
        var done = 0
        for block in blocks {
          try run.compute(block, into: units)
          if case .permutations(let range) = block.work { done += range.count }
          progress(ProgressEvent(task: "\(run.name): chance test", unit: "permutations", done: done, total: count))
        }
        record.lap("\(run.name): chance test")
      }
      let repetitions = pending.filter { if case .repetition = $0.work { true } else { false } }
      if !repetitions.isEmpty {
        log(
          WorkEstimate.line(
            "\(run.name): repeated splits", run.repeats, "repetitions", folds: run.folds.count,
            model: run.problem.pipeline.model))
        for (index, repetition) in repetitions.enumerated() {
          try run.compute(repetition, into: units)
          progress(
            ProgressEvent(task: "\(run.name): repeated splits", unit: "repetitions", done: index + 1, total: repetitions.count))
        }
        record.lap("\(run.name): repeated splits")
      }
    }
    return (computed, alreadyDone)
  }
}
