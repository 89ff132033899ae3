extension SVGChart {
  /// One line of a line chart: its name and one row (value on [0, 1], optional interval) per column.
  struct Series {
    var label: String
    var points: [Row]
  }

  static let plotLeft = 70.0, plotWidth = 400.0, plotHeight = 220.0, seriesColours = 6

  /// Values on [0, 1] (y, 0–100%) against `columns` (x, evenly spaced, left to right): one
  /// line per series through its defined points, each point a dot with its interval as a
  /// vertical whisker, series nudged sideways so their whiskers do not hide each other;
  /// horizontal reference lines (chance) and a legend on the right.
  static func lines(
    id: String, title: String, description: String, columns: [String], series: [Series], references: [Reference] = []
  ) -> Markup {
    let bottom = top + plotHeight, step = plotWidth / Double(max(1, columns.count))
    func y(_ v: Double) -> Double { bottom - max(0, min(1, v)) * plotHeight }
    var marks: [Markup] = [
      .el("rect", [("x", f(plotLeft)), ("y", f(top)), ("width", f(plotWidth)), ("height", f(plotHeight)), ("class", "frame")])
    ]
    for t in stride(from: 0.0, through: 1.0, by: 0.25) {
      marks.append(line(plotLeft, y(t), plotLeft + plotWidth, y(t), "grid"))
      marks.append(label(plotLeft - 6, y(t) + 4, "\(Int(t * 100))%", cls: "tick"))
    }
    for (i, column) in columns.enumerated() {
      marks.append(label(plotLeft + (Double(i) + 0.5) * step, bottom + 16, column, anchor: "middle", cls: "tick"))
    }
    for reference in references {
      marks.append(line(plotLeft, y(reference.value), plotLeft + plotWidth, y(reference.value), "mark reference \(reference.kind)"))
    }
    let legendX = plotLeft + plotWidth + 14
    for (s, one) in series.enumerated() {
      let colour = "series\(s % seriesColours)"
      let nudge = (Double(s) - Double(series.count - 1) / 2) * 5
      func x(_ i: Int) -> Double { plotLeft + (Double(i) + 0.5) * step + nudge }
      // The line is broken where a point is undefined.
      var segment: [String] = []
      func endSegment() {
        if segment.count > 1 {
          marks.append(.el("polyline", [("points", segment.joined(separator: " ")), ("class", "mark line \(colour)")]))
        }
        segment = []
      }
      for (i, point) in one.points.enumerated() {
        guard let value = point.value else {
          endSegment()
          continue
        }
        segment.append("\(f(x(i))),\(f(y(value)))")
        if let lower = point.lower, let upper = point.upper { marks.append(line(x(i), y(lower), x(i), y(upper), "mark whisker \(colour)")) }
        marks.append(.el("circle", [("cx", f(x(i))), ("cy", f(y(value))), ("r", "4"), ("class", "mark dot \(colour)")]))
      }
      endSegment()
      let legendY = top + 10 + Double(s) * 16
      marks.append(line(legendX, legendY - 4, legendX + 18, legendY - 4, "legend \(colour)"))
      marks.append(label(legendX + 24, legendY, one.label, anchor: "start"))
    }
    for (k, reference) in references.enumerated() {
      let legendY = top + 10 + Double(series.count + k) * 16
      marks.append(line(legendX, legendY - 4, legendX + 18, legendY - 4, "legend \(reference.kind)"))
      marks.append(label(legendX + 24, legendY, reference.label, anchor: "start", cls: reference.kind))
    }
    return svg(id: id, title: title, description: description, height: bottom + 28, marks)
  }
}
