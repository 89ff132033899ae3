import Foundation
import Testing
import _CLITestSupport

/// `facevalue synth` with a body channel, as a user runs it.
@Suite struct SynthTests {
  static let common = ["--subjects", "4", "--clips-per-emotion", "1", "--emotions", "neutral,anger", "--seed", "4"]

  /// The bytes of every file under `folder/sub`, by name.
  static func files(_ folder: URL, _ sub: String) throws -> [String: Data] {
    let place = folder.appendingPathComponent(sub)
    let names = try FileManager.default.contentsOfDirectory(atPath: place.path)
    return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: place.appendingPathComponent($0))) })
  }

  @Test func bodySignalWritesABodyChannelAndLeavesTheOthersAsTheyWere() throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let withBody = try CLI.run(
      ["synth", "--out", "body"] + Self.common + ["--body-signal", "0.7", "--degrade", "sex=female:0.25:body"], in: folder, timeout: 60)
    #expect(withBody.exitStatus == 0, "\(withBody)")
    let plain = try CLI.run(["synth", "--out", "plain"] + Self.common, in: folder, timeout: 60)
    #expect(plain.exitStatus == 0, "\(plain)")

    // The specification the corpus was generated from records the body signal and the body-only bias.
    let stamp = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("body/synthetic.json"))) as? [String: Any])
    let spec = try #require(stamp["specification"] as? [String: Any])
    #expect(spec["bodySignal"] as? Double == 0.7)
    let degradations = try #require(spec["degradations"] as? [[String: Any]])
    #expect(degradations.count == 1 && degradations[0]["modality"] as? String == "body" && degradations[0]["factor"] as? Double == 0.25)

    // One keypoint file per clip, named in the manifest; voice and face files unchanged by the body channel.
    let body = try Self.files(folder, "body/body")
    #expect(body.count == 8 && body.keys.allSatisfy { $0.hasSuffix(".csv") })
    let manifest = try String(contentsOf: folder.appendingPathComponent("body/manifest.csv"), encoding: .utf8)
    #expect(manifest.split(separator: "\n")[0].split(separator: ",").last == "body")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("plain/body").path))
    for sub in ["audio", "landmarks"] { #expect(try Self.files(folder, "body/\(sub)") == Self.files(folder, "plain/\(sub)"), "\(sub)") }

    // The posture set reads what synth wrote.
    let export = try CLI.run(
      ["features", "--set", "posture", "--manifest", "body/manifest.csv", "--out", "posture.csv"], in: folder, timeout: 120)
    #expect(export.exitStatus == 0, "\(export)")
    let rows = try String(contentsOf: folder.appendingPathComponent("posture.csv"), encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 1 + 8)
  }

  @Test(arguments: [
    ["--degrade", "sex=female:0.5:body"],  // a body bias without a body channel
    ["--body-signal", "-1"],
    ["--body-signal", "0.5", "--degrade", "sex=female:0.5:smell"],
    ["--degrade", "sex=female:0.5:voice:extra"],
  ])
  func badBodyOptionsAreUsageErrors(arguments: [String]) throws {
    let folder = try CLI.scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLI.run(["synth", "--out", "x"] + arguments, in: folder, timeout: 60)
    #expect(outcome.exitStatus == 64 && outcome.standardError.contains("--"), "\(outcome)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a usage error wrote files")
  }
}
