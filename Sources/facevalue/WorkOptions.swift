import ArgumentParser
import Experiments
import Features
import Foundation

/// The options `run`, `plan` and `merge` share: where results and finished units go, and
/// where measured features are cached.
struct WorkOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "Folder that receives <name>/ with the report files (and .<name>.units/ while running).")
  var output: String = "results"

  @Option(
    help: ArgumentHelp(
      "Feature cache folder (default: $FACEVALUE_CACHE, else $XDG_CACHE_HOME/facevalue, else ~/.cache/facevalue).",
      valueName: "dir"))
  var cache: String?

  @Flag(help: "Measure every feature; read and write no feature cache.")
  var noCache = false

  /// The output folder.
  var outputFolder: URL { URL(fileURLWithPath: output) }

  /// A runner for `experiment` that logs through `log`, reads and stores features in the
  /// cache (unless turned off) and keeps finished units in `<output>/.<name>.units/`.
  func runner(for experiment: ExperimentConfig, log: @escaping (String) -> Void) -> ExperimentRunner {
    var runner = ExperimentRunner(log: log)
    if !noCache {
      let folder = cache.map { URL(fileURLWithPath: $0) } ?? FeatureCache.defaultFolder()
      switch FeatureCache.forThisBuild(folder: folder) {
      case .success(let cache): runner.cache = cache
      case .failure(let error): log("warning: feature cache off: \(error)")
      }
    }
    runner.units = UnitStore(folder: UnitStore.folder(output: outputFolder, experiment: experiment.name))
    return runner
  }
}
