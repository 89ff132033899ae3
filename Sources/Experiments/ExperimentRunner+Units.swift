import Foundation
import LinearAlgebra
import Parallel

extension ExperimentRunner {
  /// Computes the units not yet stored: all of them, or those of `share` (position modulo
  /// the share count in plan order). Each run's folds are fitted in parallel (BLAS
  /// single-threaded), its permutation blocks and repetitions one after another; then each
  /// late fusion's folds in parallel, then each modality's window lengths one after another
  /// (each measures its windows and fits its folds in parallel). Every unit is stored as soon
  /// as it is done. Returns how many units were computed and how many of those asked for
  /// were already stored.
  func compute(_ prepared: PreparedExperiment, share: Shard?) throws -> (computed: Int, alreadyDone: Int) {
    var position = 0, computed = 0, alreadyDone = 0
    /// The units of `all` (one run's) that this share owns and that are not stored yet.
    func pending(_ name: String, _ all: [RunUnit], isDone: (RunUnit) -> Bool) -> [RunUnit] {
      let owned = all.filter { _ in
        defer { position += 1 }
        return share?.owns(position) ?? true
      }
      let pending = owned.filter { !isDone($0) }
      alreadyDone += owned.count - pending.count
      computed += pending.count
      if owned.count > pending.count {
        log("\(name): \(owned.count - pending.count) of \(owned.count) units already done in \(units.folder?.path ?? "memory")")
      }
      return pending
    }
    for run in prepared.runs {
      try compute(run, pending(run.name, run.units) { run.isDone($0, in: units) })
    }
    for fusion in prepared.fusions {
      try computeFolds(fusion.name, pending(fusion.name, fusion.units) { fusion.isDone($0, in: units) }, fusion.compute)
    }
    for windows in prepared.windows {
      let name = windows.modality.rawValue
      let todo = pending("\(name) windows", windows.units) { windows.isDone($0, in: units) }
      guard !todo.isEmpty else { continue }
      progress(ProgressEvent(task: "\(name): windows", unit: "units", done: 0, total: todo.count))
      for (index, unit) in todo.enumerated() {
        try windows.compute(unit, into: units)
        progress(ProgressEvent(task: "\(name): windows", unit: "units", done: index + 1, total: todo.count))
      }
      record.lap("\(name): windows")
    }
    return (computed, alreadyDone)
  }

  /// Computes fold units `folds` of run `name` in parallel (BLAS single-threaded), counting
  /// each as it is stored.
  private func computeFolds(_ name: String, _ folds: [RunUnit], _ compute: (RunUnit, UnitStore) throws -> Void) throws {
    guard !folds.isEmpty else { return }
    BLASThreads.set(1)
    let counter = foldProgress(name, count: folds.count)
    try parallelMap(
      folds.count,
      throwing: {
        try compute(folds[$0], units)
        counter.step()
      })
    record.lap("\(name): cross-validation")
  }

  /// Computes `pending`, units of `run`.
  private func compute(_ run: PreparedRun, _ pending: [RunUnit]) throws {
    let folds = pending.filter { if case .fold = $0.work { true } else { false } }
    if !folds.isEmpty {
      // The run's own scheduler: one task per fold, or a model grid's pools of inner fits.
      let counter = foldProgress(run.name, count: folds.count)
      try run.computeFolds(folds, into: units, each: counter.step)
      record.lap("\(run.name): cross-validation")
    }
    let blocks = pending.filter { if case .permutations = $0.work { true } else { false } }
    if !blocks.isEmpty {
      let count = blocks.reduce(0) { total, unit in if case .permutations(let r) = unit.work { total + r.count } else { total } }
      log(
        WorkEstimate.line(
          "\(run.name): chance test", count, "permutations", folds: run.folds.count, model: run.problem.pipeline.model))
      var done = 0
      progress(ProgressEvent(task: "\(run.name): chance test", unit: "permutations", done: 0, total: count))
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
          "\(run.name): repeated splits", run.repeats, "repetitions", folds: run.folds.count, model: run.problem.pipeline.model))
      progress(ProgressEvent(task: "\(run.name): repeated splits", unit: "repetitions", done: 0, total: repetitions.count))
      for (index, repetition) in repetitions.enumerated() {
        try run.compute(repetition, into: units)
        progress(
          ProgressEvent(task: "\(run.name): repeated splits", unit: "repetitions", done: index + 1, total: repetitions.count))
      }
      record.lap("\(run.name): repeated splits")
    }
  }
}
