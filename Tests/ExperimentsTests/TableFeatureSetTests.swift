import Corpora
import Foundation
import Reports
import Tabular
import Testing

@testable import Experiments
@testable import Features

/// Feature tables as feature sets: the streamed numeric reader, the join by sample id,
/// column selection, every bad-input case, and the round trip through `FeatureExport`.
@Suite struct TableFeatureSetTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-table-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ text: String, in folder: URL, name: String = "t.csv") throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func readerParsesQuotesCRLFAndExactNumbersAcrossChunkBoundaries() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = "\u{FEFF}\"id\", a ,b\r\n\"x,\"\"1\"\"\",0.1,1e-05\r\n\r\ny, -0.30000000000000004 ,\"12345678901234567890\"\ny2,+7,.5"
    let url = try Self.write(text, in: folder)
    for chunk in [1, 3, 7, 1 << 22] {
      let table = try NumericTable(contentsOf: url, id: "id", chunk: chunk) { _ in [1, 2] }
      #expect(table.header == ["id", "a", "b"])
      #expect(table.ids == ["x,\"1\"", "y", "y2"])
      #expect(table.lines == [2, 4, 5])
      #expect(table.values == [0.1, 1e-05, -0.30000000000000004, 12_345_678_901_234_567_890, 7, 0.5])
      #expect(table.rowProblems.isEmpty)
    }
  }

  @Test func shortestRoundTripTextReadsBackBitForBit() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let numbers =
      (0..<2000).map { i -> Double in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Double(bitPattern: state >> 2) * (i % 2 == 0 ? 1 : -1) / Double(1 << (i % 40))
      }.filter(\.isFinite) + [0.1, 0.2, 1e300, 5e-324, -0.0, 123456.789]
    let url = try Self.write("id,v\n" + numbers.enumerated().map { "s\($0),\($1)" }.joined(separator: "\n"), in: folder)
    let table = try NumericTable(contentsOf: url, id: "id") { _ in [1] }
    #expect(table.values.map(\.bitPattern) == numbers.map(\.bitPattern))
  }

  static let good = """
    file,label,F0_mean,F0_sd,loudness_mean,jitter
    a,anger,1,2,3,4
    b,anger,5,6,7,8
    c,neutral,9,10,11,12
    """

  @Test func columnsByPatternAndExclusionInHeaderOrder() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.write(Self.good, in: folder)
    let picked = try TableFeatureSet(
      FeatureTableSpec(path: "t.csv", id: "file", columns: ["loudness*", "F0*"], exclude: ["F0_sd"]), source: .audio, base: folder)
    #expect(picked.featureNames == ["F0_mean", "loudness_mean"])
    #expect(try picked.measure(id: "b").get().values == [5, 7])
    let all = try TableFeatureSet(FeatureTableSpec(path: "t.csv", id: "file", exclude: ["label"]), source: .audio, base: folder)
    #expect(all.featureNames == ["F0_mean", "F0_sd", "loudness_mean", "jitter"])
    #expect(Glob.matches("F0_?ean", "F0_mean") && !Glob.matches("F0", "F0_mean") && Glob.matches("*", ""))
  }

  @Test func typoedColumnsAndNonNumericColumnsAreErrorsNamingTheFix() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.write(Self.good, in: folder)
    func load(_ spec: FeatureTableSpec) throws { _ = try TableFeatureSet(spec, source: .audio, base: folder) }
    #expect { try load(FeatureTableSpec(path: "t.csv", id: "file", columns: ["F0_maen"])) } throws: {
      "\($0)".contains("no column matches 'F0_maen'") && "\($0)".contains("close matches: F0_mean")
    }
    #expect { try load(FeatureTableSpec(path: "t.csv", id: "file", exclude: ["lable"])) } throws: {
      "\($0)".contains("t.csv: no column matches 'lable'") && "\($0)".contains("label")
    }
    #expect { try load(FeatureTableSpec(path: "t.csv", id: "file")) } throws: {
      "\($0)".contains("column 'label' holds no number") && "\($0)".contains("line 2, column 'label'")
        && "\($0)".contains("exclude: [label]")
    }
    #expect { try load(FeatureTableSpec(path: "t.csv", id: "clip")) } throws: { "\($0)".contains("no column 'clip'") }
    #expect { try load(FeatureTableSpec(path: "t.csv", id: "file", columns: ["jitter"], exclude: ["jitter"])) } throws: {
      "\($0)".contains("no feature column left")
    }
    #expect { try load(FeatureTableSpec(path: "missing.csv")) } throws: { "\($0)".contains("missing.csv") }
  }

  @Test func badRowsExcludeTheirSampleNamingFileLineAndColumn() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = try Self.write(
      "id,f,g\na,1,2\nb,NaN,2\nc,1,inf\nd,1,\ne,1,x1\nf,1,2\nf,3,4\nghost,1,2\nh,1e5,2\n", in: folder)
    let set = try TableFeatureSet(FeatureTableSpec(path: "t.csv"), source: .audio, base: folder)
    func reason(_ id: String) -> String? {
      if case .failure(let failure) = set.measure(id: id) { return failure.message }
      return nil
    }
    #expect(try set.measure(id: "a").get().values == [1, 2])
    #expect(try set.measure(id: "h").get().values == [100000, 2])
    #expect(reason("b") == "\(url.path), line 3, column 'f': 'NaN' is not a finite number")
    #expect(reason("c") == "\(url.path), line 4, column 'g': 'inf' is not a finite number")
    #expect(reason("d") == "\(url.path), line 5, column 'g': the cell is empty")
    #expect(reason("e") == "\(url.path), line 6, column 'g': 'x1' is not a finite number")
    #expect(reason("f") == "\(url.path): id 'f' is on lines 7, 8; each sample needs exactly one row")
    #expect(reason("z") == "\(url.path): no row for sample 'z' in column 'id'")
    let warning = try set.unmatchedWarning(corpusIDs: ["a", "b", "c", "d", "e", "f", "h", "z"])
    #expect(warning == "\(url.path): 1 ids are not samples of the corpus and were not used: ghost")
    #expect { try set.unmatchedWarning(corpusIDs: ["p", "q"]) } throws: { "\($0)".contains("no id in column 'id' is a sample") }
    let ragged = try Self.write("id,f\na,1\nb,1,2\n", in: folder, name: "r.csv")
    #expect { try NumericTable(contentsOf: ragged, id: "id") { _ in [1] } } throws: { "\($0)".contains("line 3") }
    let open = try Self.write("id,f\na,\"1\n", in: folder, name: "q.csv")
    #expect { try NumericTable(contentsOf: open, id: "id") { _ in [1] } } throws: { "\($0)".contains("never closed") }
  }

  @Test func configTakesATableMappingAndRejectsUnknownKeys() throws {
    let base = "name: f\ncorpus: {synthetic: {folder: w}}\n"
    let root = URL(fileURLWithPath: "/tmp")
    let parsed = try ExperimentConfig.parse(
      base + "features: {voice: {table: x.csv, id: file, columns: [\"F0*\"]}}", file: "f.yaml", baseFolder: root)
    #expect(parsed.features.voiceTable == FeatureTableSpec(path: "x.csv", id: "file", columns: ["F0*"]))
    #expect(parsed.features.voice == "table x.csv" && parsed.features.faceTable == nil && parsed.features.face == "displacement")
    #expect {
      try ExperimentConfig.parse(base + "features: {face: {table: x.csv, colums: [a]}}", file: "f.yaml", baseFolder: root)
    } throws: { "\($0)".contains("unknown key 'colums'") && "\($0)".contains("allowed keys: table, id, columns, exclude") }
    #expect { try ExperimentConfig.parse(base + "features: {voice: {id: file}}", file: "f.yaml", baseFolder: root) } throws: {
      "\($0)".contains("missing required key 'table'")
    }
  }

  /// A table written by `FeatureExport` (what `facevalue features --set` writes) and read back
  /// gives the same result as the set itself, down to every byte of `metrics.json` but the
  /// feature-set name.
  @Test func exportedTableReproducesTheSetsMetricsExactly() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpusLines = """
      name: roundtrip
      seed: 5
      corpus:
        synthetic: {folder: corpus, subjects: 6, clips_per_emotion: 2, emotions: [neutral, anger, happiness], clip_seconds: 1.0, frames: 8}
      modalities: [voice]
      statistics: {bootstrap: 100, permutations: 20, group_permutations: 0}
      groups: [sex]

      """
    let named = try ExperimentConfig.parse(corpusLines + "features: {voice: mfcc}\n", file: "a.yaml", baseFolder: folder)
    let fromSet = try ExperimentRunner().run(named)
    let corpus = try named.corpus.loadScan(base: folder, experimentSeed: named.seed, log: { _ in }).corpus
    let excluded = try FeatureExport.write(MFCCSet(), corpus: corpus, to: folder.appendingPathComponent("mfcc.csv"))
    #expect(excluded.isEmpty)
    let exclude = (["subject", "label"] + corpus.attributeNames).map { "\"\($0)\"" }.joined(separator: ", ")
    let table = try ExperimentConfig.parse(
      corpusLines + "features: {voice: {table: mfcc.csv, exclude: [\(exclude)]}}\n", file: "b.yaml", baseFolder: folder)
    var fromTable = try ExperimentRunner().run(table)
    #expect(fromTable.featureSets["voice"] == "table mfcc.csv")
    fromTable.featureSets = fromSet.featureSets
    #expect(fromSet.runs[0].samplesEvaluated == corpus.samples.count && fromSet.runs[0].featureCount == MFCCSet().featureNames.count)
    #expect(
      String(decoding: try ReportWriter.metricsJSON(fromTable), as: UTF8.self)
        == String(decoding: try ReportWriter.metricsJSON(fromSet), as: UTF8.self))
    // The table as a compared feature choice: a second run, paired-tested against the first.
    let compared = try ExperimentConfig.parse(
      corpusLines.replacingOccurrences(of: "group_permutations: 0", with: "group_permutations: 99")
        + "features: {voice: mfcc}\ncompare_features:\n  - {name: table, features: {voice: {table: mfcc.csv, exclude: [\(exclude)]}}}\n",
      file: "c.yaml", baseFolder: folder)
    let both = try ExperimentRunner().run(compared)
    #expect(both.runs.map(\.modality) == ["voice", "voice:table"])
    #expect(both.featureSets == ["voice": "mfcc", "face": "displacement", "voice:table": "table mfcc.csv"])
    #expect(both.runs[1].unweightedAverageRecall == fromSet.runs[0].unweightedAverageRecall)
    #expect(both.comparisons.map { [$0.first, $0.second] } == [["voice", "voice:table"]])
    #expect(both.comparisons.first?.accuracyDifference == 0)
    #expect {
      try ExperimentConfig.parse(
        corpusLines + "compare_features: [{name: a/b, features: {voice: mfcc}}]", file: "d.yaml", baseFolder: folder)
    } throws: { "\($0)".contains("name 'a/b' must be non-empty") }
    #expect {
      try ExperimentConfig.parse(
        corpusLines + "compare_features: [{name: a, features: {voice: mfcc}}, {name: a, features: {voice: prosody}}]", file: "d.yaml",
        baseFolder: folder)
    } throws: { "\($0)".contains("compare_features names 'a' twice") }
  }
}
