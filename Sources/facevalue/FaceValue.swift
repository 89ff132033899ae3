import ArgumentParser
import Runtime

/// The `facevalue` command: thin; it parses, calls the library and prints.
@main
struct FaceValue: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "facevalue",
    abstract: "Test claims that machines read emotion from faces and voices, on data.",
    discussion: """
      Runs subject-independent experiments from one YAML file and reports accuracy and \
      UAR against chance, with per-group results. Start with:
        facevalue run experiments/demo.yaml
      """,
    version: "0.1.0",
    subcommands: [
      Run.self, Plan.self, Merge.self, CacheCommand.self, Synth.self, Features.self, CorpusCommand.self, AuditCommand.self,
      Render.self, Compare.self, Track.self,
    ])

  /// Applies the OpenBLAS settings FaceValue needs (native kernels where its CPU detection
  /// failed, no idle thread pool; see `NativeBLASKernels`) and the heap policy of its
  /// parallel loops (`HeapRetention`), then runs the command.
  static func main() {
    NativeBLASKernels.applyStartupSettings()
    HeapRetention.enable()
    main(nil)
  }
}
