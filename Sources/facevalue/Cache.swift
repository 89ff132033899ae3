import ArgumentParser
import Features
import Foundation

extension FaceValue {
  struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cache", abstract: "Show or clear the feature cache.", subcommands: [Info.self, Clear.self])

    struct Location: ParsableArguments {
      @Option(
        help: ArgumentHelp(
          "Feature cache folder (default: $FACEVALUE_CACHE, else $XDG_CACHE_HOME/facevalue, else ~/.cache/facevalue).",
          valueName: "dir"))
      var cache: String?

      /// The cache of this build in the chosen folder.
      func open() throws -> FeatureCache {
        let folder = cache.map { URL(fileURLWithPath: $0) } ?? FeatureCache.defaultFolder()
        switch FeatureCache.forThisBuild(folder: folder) {
        case .success(let cache): return cache
        case .failure(let error):
          printError("error: \(error)")
          throw ExitCode(2)
        }
      }
    }

    struct Info: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Say what the feature cache holds.")
      @OptionGroup var location: Location

      func run() throws {
        let cache = try location.open()
        let contents = cache.contents()
        print("feature cache: \(cache.folder.path)")
        let total = contents.current.values.reduce(0, +)
        let sets = contents.current.keys.sorted().map { "\($0) \(contents.current[$0]!)" }.joined(separator: ", ")
        print("  this build: \(total) entries" + (sets.isEmpty ? "" : " (\(sets))"))
        print("  other builds: \(contents.otherBuilds) entries (never read by this build; cache clear removes them)")
        print("  unreadable or interrupted writes: \(contents.unreadable) files")
        print("  size: \(String(format: "%.1f", Double(contents.bytes) / 1_048_576)) MB")
      }
    }

    struct Clear: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Remove every entry of the feature cache.")
      @OptionGroup var location: Location

      func run() throws {
        let cache = try location.open()
        do {
          let bytes = try cache.clear()
          print("cleared \(cache.folder.path) (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MB)")
        } catch {
          printError("error: \(error)")
          throw ExitCode(2)
        }
      }
    }
  }
}
