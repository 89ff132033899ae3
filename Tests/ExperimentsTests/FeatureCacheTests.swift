import Corpora
import Foundation
import GroundTruth
import LinearAlgebra
import Parallel
import Tabular
import Testing

@testable import Features

/// The feature cache: what it stores is read back bit for bit by later runs and other
/// extractors of the same set, never for a changed file, set parameter or build, and
/// concurrent writers leave whole entries only.
@Suite struct FeatureCacheTests {
  /// A small synthetic corpus (audio and landmark files) in a fresh folder.
  static func corpus(in folder: URL) throws -> Corpus {
    var spec = SyntheticCorpusSpec()
    spec.subjects = 2
    spec.clipsPerEmotion = 1
    spec.emotions = ["neutral", "anger"]
    spec.frames = 6
    spec.clipSeconds = 0.5
    return try SyntheticCorpus.generate(spec, into: folder.appendingPathComponent("corpus"))
  }

  static func scratch() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-cache-\(UUID().uuidString)")
  }

  static func values(_ measurements: [SampleMeasurement]) -> [[Double?]?] {
    measurements.flatMap { [$0.voice, $0.face] }.map { try? $0?.get().values }
  }

  @Test func aSecondRunAndAnotherExtractorReadWhatTheFirstStored() throws {
    let folder = Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try Self.corpus(in: folder)
    let extractor = FeatureExtractor(voice: BasicProsodySet(), face: GeometrySet())
    let uncached = extractor.measure(corpus.samples, modalities: [.both])
    let first = FeatureCache(folder: folder.appendingPathComponent("cache"), build: "b1")
    let stored = extractor.measure(corpus.samples, modalities: [.both], cache: first)
    #expect(first.summary.counts == .init(hits: 0, stored: 2 * corpus.samples.count, unstored: 0))
    // A new process (a new cache object on the same folder), another experiment's extractor
    // sharing the voice set: everything read, nothing measured, the same bits.
    let second = FeatureCache(folder: folder.appendingPathComponent("cache"), build: "b1")
    let read = extractor.measure(corpus.samples, modalities: [.both], cache: second)
    let other = FeatureExtractor(voice: BasicProsodySet(), face: DisplacementSet()).measure(
      corpus.samples, modalities: [.voice], cache: second)
    #expect(second.summary.counts == .init(hits: 3 * corpus.samples.count, stored: 0, unstored: 0))
    #expect(Self.values(stored) == Self.values(uncached) && Self.values(read) == Self.values(uncached))
    #expect(other.map { try? $0.voice?.get().values } == uncached.map { try? $0.voice?.get().values })
    let contents = second.contents()
    #expect(contents.current == ["basic-prosody": corpus.samples.count, "geometry": corpus.samples.count])
    #expect(contents.otherBuilds == 0 && contents.unreadable == 0 && contents.bytes > 0)
  }

  @Test func aChangedFileAParameterOrABuildIsMeasuredAgain() throws {
    let folder = Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try Self.corpus(in: folder)
    let cacheFolder = folder.appendingPathComponent("cache")
    let sample = corpus.samples[0]
    let set = BasicProsodySet()
    let cache = FeatureCache(folder: cacheFolder, build: "b1")
    let before = try FeatureExtractor.measure(set, sample: sample, cache: cache).get()
    // The same file name with another clip's content: measured anew, equal to the uncached value.
    try FileManager.default.removeItem(at: sample.audio!)
    try FileManager.default.copyItem(at: corpus.samples[1].audio!, to: sample.audio!)
    let after = try FeatureExtractor.measure(set, sample: sample, cache: cache).get()
    let uncached = try FeatureExtractor.measure(set, sample: sample).get()
    #expect(after == uncached && after != before)
    #expect(cache.summary.counts.hits == 0)
    // Another confidence threshold is another key; so is another build.
    let face = GeometrySet()
    _ = FeatureExtractor.measure(face, sample: sample, cache: cache)
    _ = FeatureExtractor.measure(FaceFeatureSets.configured(face, minimumConfidence: 0.5), sample: sample, cache: cache)
    #expect(cache.summary.counts.hits == 0)
    let rebuilt = FeatureCache(folder: cacheFolder, build: "b2")
    _ = FeatureExtractor.measure(set, sample: sample, cache: rebuilt)
    #expect(rebuilt.summary.counts == .init(hits: 0, stored: 1, unstored: 0))
    #expect(rebuilt.contents().otherBuilds == 4)  // two contents of the clip, two thresholds of the face set
    #expect(try rebuilt.clear() > 0 && rebuilt.contents() == FeatureCache.Contents())
  }

  @Test func aDamagedEntryIsMeasuredAgainAndReplaced() throws {
    let folder = Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try Self.corpus(in: folder)
    let cache = FeatureCache(folder: folder.appendingPathComponent("cache"), build: "b1")
    let sample = corpus.samples[0]
    let good = try FeatureExtractor.measure(BasicProsodySet(), sample: sample, cache: cache).get()
    let entry = try #require(FileManager.default.subpathsOfDirectory(atPath: cache.entries.path).first { $0.count > 3 })
    let url = cache.entries.appendingPathComponent(entry)
    let whole = try Data(contentsOf: url)
    try whole.prefix(whole.count / 2).write(to: url)  // as if a writer had not used the atomic path
    #expect(try FeatureExtractor.measure(BasicProsodySet(), sample: sample, cache: cache).get() == good)
    let rewritten = try Data(contentsOf: url)
    #expect(cache.summary.counts.hits == 0 && rewritten == whole)
  }

  @Test func concurrentWritersOfOneEntryLeaveOneWholeFile() throws {
    let folder = Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = try Self.corpus(in: folder)
    let cacheFolder = folder.appendingPathComponent("cache")
    let sample = corpus.samples[0]
    // Many writers, each its own cache object as separate processes would have, race on one key.
    let results = parallelMap(16) { _ in
      try? FeatureExtractor.measure(GeometrySet(), sample: sample, cache: FeatureCache(folder: cacheFolder, build: "b1")).get()
    }
    let expected = try FeatureExtractor.measure(GeometrySet(), sample: sample).get()
    #expect(results.allSatisfy { $0 == expected })
    let files = try FileManager.default.subpathsOfDirectory(atPath: cacheFolder.path).filter { !$0.hasSuffix("features") }
    let entries = files.filter { $0.split(separator: "/").count == 3 }
    #expect(entries.count == 1 && !files.contains { AtomicFile.isTemporary(URL(fileURLWithPath: $0).lastPathComponent) }, "\(files)")
    let reader = FeatureCache(folder: cacheFolder, build: "b1")
    #expect(try FeatureExtractor.measure(GeometrySet(), sample: sample, cache: reader).get() == expected)
    #expect(reader.summary.counts.hits == 1)
  }
}
