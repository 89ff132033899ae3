import Foundation
import Testing

@testable import Experiments

@Suite struct ExperimentConfigTests {
  let base = URL(fileURLWithPath: "/tmp")
  let valid = """
    name: t
    seed: 3
    corpus:
      synthetic: {folder: work/x, subjects: 6, emotions: [a, b], voice_signal: 0.5,
                  degradations: [{attribute: sex, group: female, factor: 0.3, modality: face}]}
    modalities: [voice, both]
    model: {logistic_regression: {c: 2}}
    groups: [sex]
    """

  func parse(_ text: String) throws -> ExperimentConfig { try ExperimentConfig.parse(text, file: "x.yaml", baseFolder: base) }

  @Test func parsesAValidConfig() throws {
    let config = try parse(valid)
    #expect(config.name == "t" && config.seed == 3 && config.modalities == [.voice, .both] && config.groups == ["sex"])
    #expect(config.model == .logisticRegression(c: 2))
    guard case .synthetic(let folder, let spec, let seedGiven) = config.corpus else { Issue.record("not synthetic"); return }
    #expect(folder == "work/x" && spec.subjects == 6 && spec.emotions == ["a", "b"] && spec.voiceSignal == 0.5 && !seedGiven)
    #expect(spec.degradations == [.init(attribute: "sex", group: "female", factor: 0.3, modality: "face")])
    #expect(config.corpus.resolvedSpecification(experimentSeed: 3)?.seed == 3)
  }

  @Test func unknownKeysAreNamed() {
    #expect(
      throws: ConfigError.unknownKey(
        file: "x.yaml", path: "", key: "seeed",
        allowed: ExperimentConfig.Keys.allCases.map(\.rawValue))
    ) { try parse(valid + "\nseeed: 4") }
    #expect { try parse(valid.replacingOccurrences(of: "subjects: 6", with: "subjetcs: 6")) } throws: { error in
      guard case ConfigError.unknownKey(_, let path, let key, _) = error else { return false }
      return key == "subjetcs" && path == "corpus.synthetic"
    }
    #expect { try parse(valid.replacingOccurrences(of: "{c: 2}", with: "{C: 2}")) } throws: { "\($0)".contains("unknown key 'C'") }
  }

  @Test func badValuesAndMissingKeysAreClear() {
    #expect(throws: ConfigError.missingKey(file: "x.yaml", path: "", key: "name")) {
      try parse(valid.replacingOccurrences(of: "name: t\n", with: ""))
    }
    #expect { try parse(valid.replacingOccurrences(of: "[voice, both]", with: "[voice, smell]")) } throws: { error in
      guard case ConfigError.invalidValue(_, let path, _) = error else { return false }
      return path.hasPrefix("modalities")
    }
    #expect { try parse(valid.replacingOccurrences(of: "factor: 0.3", with: "factor: 3")) } throws: {
      "\($0)".contains("factor must be in [0, 1]")
    }
    #expect { try parse(valid.replacingOccurrences(of: "seed: 3", with: "seed: minus one")) } throws: { "\($0)".contains("'seed'") }
    #expect { try parse(valid + "\nprotocol: kfold") } throws: { "\($0)".contains("unknown protocol 'kfold'") }
    #expect { try parse(valid.replacingOccurrences(of: "name: t", with: "name: ../../etc")) } throws: { "\($0)".contains("names a folder") }
  }

  @Test func malformedYAMLIsAnErrorNotACrash() {
    #expect(throws: ConfigError.self) { try parse("name: [unclosed\nseed: 1") }
    #expect(throws: ConfigError.self) { try parse("") }
    #expect(throws: ConfigError.self) { try parse("- just\n- a list") }
    #expect(throws: ConfigError.self) { try ExperimentConfig.load(URL(fileURLWithPath: "/nonexistent/e.yaml")) }
  }
}
