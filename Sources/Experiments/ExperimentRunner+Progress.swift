import Features

extension ExperimentRunner {
  /// Progress of measuring a channel of `samples` samples, started as the channel starts:
  /// one task per channel, e.g. "voice features (egemaps-like)", a step per sample.
  func measuringProgress(_ extractor: FeatureExtractor, samples: Int, variant: String?) -> (Modality) -> () -> Void {
    { channel in
      let set = extractor.set(channel).name + (variant.map { ", for \($0)" } ?? "")
      return ProgressCounter(task: "\(channel.rawValue) features (\(set))", unit: "samples", total: samples, send: progress).step
    }
  }

  /// Progress of fitting `count` folds of `run` in parallel.
  func foldProgress(_ run: String, count: Int) -> ProgressCounter {
    ProgressCounter(task: "\(run): cross-validation", unit: "folds", total: count, send: progress)
  }
}
