import Foundation
import LinearAlgebra
import Parallel
import Reports
import Testing

@testable import Experiments

/// The progress display, driven by an injected clock (no sleeps): the line format, how often
/// it draws on a terminal and in a log, and that other output never shares a line with a bar.
@Suite struct ProgressDisplayTests {
  final class Box: @unchecked Sendable {
    var now = Date(timeIntervalSince1970: 0)
    var out = ""
    var writes = 0
  }

  static func display(_ box: Box, terminal: Bool, width: Int = 200) -> ProgressDisplay {
    ProgressDisplay(
      terminal: terminal, interval: 10, redraw: 0.1, width: width, clock: { box.now },
      write: {
        box.out += $0
        box.writes += 1
      })
  }

  @Test func terminalRedrawsABarWithRateAndTimeLeft() {
    let box = Box()
    let display = Self.display(box, terminal: true)
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 0, total: 100))
    box.now += 10
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 20, total: 100))
    #expect(box.out.hasSuffix("\r\u{1B}[Kvoice: chance test [####................] 20/100 permutations, 2.0/s, 40 s left"))
    box.now += 40
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 100, total: 100))
    #expect(box.out.hasSuffix("100/100 permutations, 2.0/s, done\n"))
  }

  @Test func lineFormat() {
    let event = ProgressEvent(task: "voice features (egemaps-like)", unit: "samples", done: 7, total: 28)
    #expect(
      ProgressDisplay.line(event, rate: 3.5, left: 6, bar: true)
        == "voice features (egemaps-like) [#####...............] 7/28 samples, 3.5/s, 6 s left")
    #expect(ProgressDisplay.line(event, rate: 3.5, left: 6, bar: false) == "voice features (egemaps-like) 7/28 samples, 3.5/s, 6 s left")
    // Nothing done yet: no rate, no estimate.
    #expect(
      ProgressDisplay.line(ProgressEvent(task: "t", unit: "folds", done: 0, total: 4), rate: 0, left: nil, bar: false) == "t 0/4 folds")
    // Slow steps per minute; long waits in minutes and hours.
    #expect(ProgressDisplay.rate(0.05) == "3.0/min")
    #expect(ProgressDisplay.rate(0.1) == "0.1/s")
    #expect(ProgressDisplay.duration(119) == "119 s")
    #expect(ProgressDisplay.duration(150) == "2 min")
    #expect(ProgressDisplay.duration(9000) == "2.5 h")
  }

  @Test func terminalRedrawsAtMostEveryTenthOfASecond() {
    let box = Box()
    let display = Self.display(box, terminal: true)
    // 1,000 samples, one every millisecond: the first, one per 0.1 s and the last are drawn.
    for done in 1...1000 {
      box.now += 0.001
      display.update(ProgressEvent(task: "face features (geometry)", unit: "samples", done: done, total: 1000))
    }
    #expect((10...12).contains(box.writes), "\(box.writes) writes")
    #expect(box.out.contains("1000/1000 samples, ") && box.out.hasSuffix("/s, done\n"))
    #expect(box.out.components(separatedBy: "\n").count == 2)  // one finished line
  }

  @Test func rateCountsTheStepsSinceTheFirstEvent() {
    let box = Box()
    let display = Self.display(box, terminal: false)
    // The first event arrives with 25 permutations done: they took time the clock did not see.
    display.update(ProgressEvent(task: "face: chance test", unit: "permutations", done: 25, total: 100))
    box.now += 10
    display.update(ProgressEvent(task: "face: chance test", unit: "permutations", done: 50, total: 100))
    #expect(box.out == "face: chance test 50/100 permutations, 2.5/s, 20 s left\n")
  }

  @Test func terminalDrawsANewTaskAtOnce() {
    let box = Box()
    let display = Self.display(box, terminal: true)
    display.update(ProgressEvent(task: "voice: cross-validation", unit: "folds", done: 1, total: 2))
    display.update(ProgressEvent(task: "face: cross-validation", unit: "folds", done: 1, total: 2))
    #expect(box.writes == 2)
    #expect(box.out.hasSuffix("face: cross-validation [##########..........] 1/2 folds"))
  }

  @Test func terminalLineIsCutToTheWidth() {
    let box = Box()
    let display = Self.display(box, terminal: true, width: 40)
    display.update(ProgressEvent(task: "voice:opensmile: chance test", unit: "permutations", done: 3, total: 100))
    let line = box.out.replacingOccurrences(of: "\r\u{1B}[K", with: "")
    #expect(line.count == 39 && line.hasPrefix("voice:opensmile: chance test ["))
  }

  @Test func messagesTakeTheBarOffItsLineAndDrawItAgain() {
    let box = Box()
    let display = Self.display(box, terminal: true)
    display.update(ProgressEvent(task: "voice: cross-validation", unit: "folds", done: 3, total: 10))
    box.out = ""
    display.message("warning: 2 clips are truncated")
    #expect(box.out == "\r\u{1B}[Kwarning: 2 clips are truncated\nvoice: cross-validation [######..............] 3/10 folds")
    // Without a bar on the screen, or in a log, a message is a plain line.
    let log = Box()
    let plain = Self.display(log, terminal: false)
    plain.update(ProgressEvent(task: "t", unit: "folds", done: 3, total: 10))
    plain.message("measuring")
    #expect(log.out == "measuring\n")
  }

  @Test func interruptEndsAnUnfinishedBarsLine() {
    let box = Box()
    let display = Self.display(box, terminal: true)
    display.interrupt()
    #expect(box.out.isEmpty)
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 32, total: 100))
    display.interrupt()
    #expect(box.out.hasSuffix("32/100 permutations\n"))
    display.interrupt()
    #expect(box.out.filter { $0 == "\n" }.count == 1)
  }

  @Test func logsGetAPlainLineEveryIntervalAndAtTheEnd() {
    let box = Box()
    let display = Self.display(box, terminal: false)
    for done in 0...50 {
      display.update(ProgressEvent(task: "t", unit: "steps", done: done, total: 50))
      box.now += 1
    }
    let lines = box.out.split(separator: "\n")
    #expect(lines.count == 5)  // at 10, 20, 30 and 40 s, and at the end (50 s)
    #expect(lines.allSatisfy { !$0.contains("\r") && !$0.contains("#") })
    #expect(lines.last == "t 50/50 steps, 1.0/s, done")
  }

  @Test func logsGetNothingFromATaskShorterThanTheInterval() {
    let box = Box()
    let display = Self.display(box, terminal: false)
    for done in 0...20 {
      display.update(ProgressEvent(task: "voice features (mfcc)", unit: "samples", done: done, total: 20))
      box.now += 0.25
    }
    #expect(box.out.isEmpty)
    // The same task again, slower: timed afresh, so its lines come 10 s after its own start.
    for done in 0...20 {
      display.update(ProgressEvent(task: "voice features (mfcc)", unit: "samples", done: done, total: 20))
      box.now += 1
    }
    #expect(box.out == "voice features (mfcc) 10/20 samples, 1.0/s, 10 s left\nvoice features (mfcc) 20/20 samples, 1.0/s, done\n")
  }

  @Test func countsFromManyThreadsArriveInOrder() {
    final class Events: @unchecked Sendable { var done: [Int] = [] }
    let events = Events()
    let counter = ProgressCounter(task: "t", unit: "folds", total: 500) { events.done.append($0.done) }
    _ = parallelMap(500) { _ in counter.step() }
    #expect(events.done == Array(0...500))
    let single = Events()
    var unit = ""
    ProgressCounter(task: "t", unit: "folds", total: 1) {
      single.done.append($0.done)
      unit = $0.unit
    }.step()
    #expect(unit == "fold" && single.done == [0, 1])
  }
}

/// What a run reports: each channel's feature extraction per sample, each run's folds, its
/// chance test; in order, and without changing the result.
@Suite struct RunProgressTests {
  final class Events: @unchecked Sendable {
    let lock = NSLock()
    var all: [ProgressEvent] = []
    func add(_ event: ProgressEvent) {
      lock.lock()
      all.append(event)
      lock.unlock()
    }
  }

  @Test func featuresFoldsAndPermutationsAreReportedInOrder() throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("facevalue-progress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let config = try ExperimentConfig.parse(
      """
      name: progress
      seed: 5
      corpus:
        synthetic:
          folder: corpus
          subjects: 6
          clips_per_emotion: 2
          emotions: [neutral, anger, sadness]
          clip_seconds: 0.8
          frames: 12
      modalities: [voice, face]
      features: {voice: basic-prosody, face: geometry}
      protocol: {stratified_group_k_fold: {folds: 3}}
      statistics: {permutations: 40, group_permutations: 99}
      """, file: "progress.yaml", baseFolder: work)
    let events = Events()
    var runner = ExperimentRunner()
    runner.progress = events.add
    let result = try runner.run(config)
    let tasks = events.all.map(\.task).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
    #expect(
      tasks == [
        "voice features (basic-prosody)", "face features (geometry)", "voice: cross-validation", "voice: chance test",
        "face: cross-validation", "face: chance test",
      ])
    for task in tasks {
      let steps = events.all.filter { $0.task == task }
      #expect(steps.map(\.done) == steps.map(\.done).sorted() && steps.last?.done == steps.last?.total, "\(task)")
    }
    let samples = 6 * 2 * 3
    #expect(events.all.filter { $0.task == "voice features (basic-prosody)" }.map(\.done) == Array(0...samples))
    #expect(events.all.filter { $0.task == "voice: cross-validation" }.map(\.done) == [0, 1, 2, 3])
    #expect(events.all.filter { $0.task == "voice: chance test" }.map(\.done) == [0, 25, 40])
    #expect(events.all.filter { $0.task.hasSuffix("cross-validation") }.allSatisfy { $0.unit == "folds" && $0.total == 3 })
    // Reporting progress changes nothing in the result.
    #expect(try ReportWriter.metricsJSON(result) == ReportWriter.metricsJSON(try ExperimentRunner().run(config)))
  }
}
