import Features

extension ExperimentConfig {
  /// The measured channels any run of the experiment needs, in `Modality.channels` order.
  public var usedChannels: [Modality] {
    let parts = Set(modalities.flatMap(\.parts) + fusion.flatMap(\.channels))
    return Modality.channels.filter(parts.contains)
  }

  /// The feature set of each channel, as the result records it: voice and face always (as
  /// results have always listed them), body when a run uses it, and each `compare_features`
  /// choice (`<channel>:<name>`) for the channels the runs use.
  var featureSetNames: [String: String] {
    var names = ["voice": features.voice, "face": features.face]
    if usedChannels.contains(.body) { names["body"] = features.body }
    for variant in compareFeatures {
      for channel in usedChannels { names["\(channel.rawValue):\(variant.name)"] = variant.features.name(channel) }
    }
    return names
  }
}
