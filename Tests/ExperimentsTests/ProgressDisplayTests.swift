import Foundation
import Testing

@testable import Experiments

@Suite struct ProgressDisplayTests {
  final class Box: @unchecked Sendable {
    var now = Date(timeIntervalSince1970: 0)
    var out = ""
  }

  @Test func terminalRedrawsABarWithRateAndTimeLeft() {
    let box = Box()
    let display = ProgressDisplay(terminal: true, clock: { box.now }, write: { box.out += $0 })
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 0, total: 100))
    box.now += 10
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 20, total: 100))
    #expect(box.out.hasSuffix("\r\u{1B}[Kvoice: chance test [####................] 20/100 permutations, 2.0/s, 40 s left"))
    box.now += 40
    display.update(ProgressEvent(task: "voice: chance test", unit: "permutations", done: 100, total: 100))
    #expect(box.out.hasSuffix("100/100 permutations, 2.0/s, done\n"))
  }

  @Test func logsGetAPlainLineEveryIntervalAndAtTheEnd() {
    let box = Box()
    let display = ProgressDisplay(terminal: false, interval: 10, clock: { box.now }, write: { box.out += $0 })
    for done in 0...50 {
      display.update(ProgressEvent(task: "t", unit: "steps", done: done, total: 50))
      box.now += 1
    }
    let lines = box.out.split(separator: "\n")
    #expect(lines.count == 5)  // at 10, 20, 30 and 40 s, and at the end (50 s)
    #expect(lines.allSatisfy { !$0.contains("\r") && !$0.contains("#") })
    #expect(lines.last == "t 50/50 steps, 1.0/s, done")
  }
}
