import Foundation

/// Inline SVG charts for the HTML report: no script, no external file, a `<title>` and
/// `<desc>` as the text alternative, and every mark classed (`mark dot`, `mark bar`,
/// `mark cell`, …) so the browser test can count what was drawn.
enum SVGChart {
  /// One row of a dot-and-whisker chart: a value on [0, 1] with an optional interval.
  struct Row {
    var label: String
    var value: Double?
    var lower: Double? = nil
    var upper: Double? = nil
  }

  /// A vertical reference line (chance, human raters) across a dot-and-whisker chart.
  struct Reference {
    var label: String
    var value: Double
    var kind: String
  }

  static let width = 640.0, left = 190.0, right = 30.0, top = 26.0, rowHeight = 22.0

  static func x(_ v: Double) -> Double { left + max(0, min(1, v)) * (width - left - right) }
  static func f(_ v: Double) -> String { String(format: "%.1f", locale: nil, v) }
  static func percent(_ v: Double) -> String { String(format: "%.1f", locale: nil, v * 100) + "%" }

  /// The `<svg>` with its text alternative.
  static func svg(id: String, title: String, description: String, height: Double, _ marks: [Markup]) -> Markup {
    .el(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
        ("viewBox", "0 0 \(f(width)) \(f(height))"), ("width", f(width)), ("height", f(height)), ("class", "chart"),
      ],
      [.el("title", [("id", "\(id)-title")], text: title), .el("desc", [("id", "\(id)-desc")], text: description)] + marks)
  }

  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String) -> Markup {
    .el("line", [("x1", f(x1)), ("y1", f(y1)), ("x2", f(x2)), ("y2", f(y2)), ("class", cls)])
  }

  static func label(_ x: Double, _ y: Double, _ text: String, anchor: String = "end", cls: String = "label") -> Markup {
    .el("text", [("x", f(x)), ("y", f(y)), ("text-anchor", anchor), ("class", cls)], text: text)
  }

  /// The 0–100% axis along the top, with grid lines.
  static func axis(bottom: Double) -> [Markup] {
    stride(from: 0.0, through: 1.0, by: 0.25).flatMap { t in
      [line(x(t), top - 4, x(t), bottom, "grid"), label(x(t), top - 8, "\(Int(t * 100))%", anchor: "middle", cls: "tick")]
    }
  }

  /// Dots with interval whiskers, one row each, and vertical reference lines.
  static func dotWhisker(id: String, title: String, description: String, rows: [Row], references: [Reference] = []) -> Markup {
    let bottom = top + Double(rows.count) * rowHeight + 6
    var marks = axis(bottom: bottom)
    for (i, row) in rows.enumerated() {
      let y = top + (Double(i) + 0.5) * rowHeight + 4
      marks.append(label(left - 8, y + 4, row.label))
      if let lower = row.lower, let upper = row.upper { marks.append(line(x(lower), y, x(upper), y, "mark whisker")) }
      if let value = row.value {
        marks.append(.el("circle", [("cx", f(x(value))), ("cy", f(y)), ("r", "4.5"), ("class", "mark dot")]))
      } else {
        marks.append(label(left + 4, y + 4, "undefined", anchor: "start", cls: "note"))
      }
    }
    for (k, reference) in references.enumerated() {
      marks.append(line(x(reference.value), top, x(reference.value), bottom, "mark reference \(reference.kind)"))
      marks.append(label(x(reference.value) + 3, bottom + 12 + Double(k) * 12, reference.label, anchor: "start", cls: reference.kind))
    }
    return svg(id: id, title: title, description: description, height: bottom + 16 + Double(references.count) * 12, marks)
  }

  /// A heat map of row-normalised shares, each cell labelled with its share.
  static func heatMap(id: String, title: String, description: String, labels: [String], shares: [[Double]]) -> Markup {
    let k = Double(max(1, labels.count)), side = min(44, (width - left - right) / k)
    var marks: [Markup] = []
    for (j, name) in labels.enumerated() {
      let cx = left + (Double(j) + 0.5) * side
      marks.append(
        .el(
          "text",
          [
            ("x", f(cx)), ("y", f(top - 6)), ("text-anchor", "start"), ("class", "label"),
            ("transform", "rotate(-35 \(f(cx)) \(f(top - 6)))"),
          ],
          text: name))
    }
    for (i, row) in shares.enumerated() {
      let y = top + 40 + Double(i) * side
      marks.append(label(left - 8, y + side / 2 + 4, labels[i]))
      for (j, share) in row.enumerated() {
        let cx = left + Double(j) * side
        marks.append(
          .el(
            "rect",
            [
              ("x", f(cx)), ("y", f(y)), ("width", f(side - 1)), ("height", f(side - 1)), ("class", "mark cell"),
              ("fill-opacity", String(format: "%.3f", locale: nil, max(0.04, min(1, share)))),
            ]))
        marks.append(
          label(
            cx + side / 2, y + side / 2 + 4, String(format: "%.2f", locale: nil, share), anchor: "middle",
            cls: share > 0.5 ? "cell-text dark" : "cell-text"))
      }
    }
    return svg(id: id, title: title, description: description, height: top + 50 + k * side, marks)
  }

  /// A histogram of `values` on [0, 1] in 20 bins, with the observed value as a line.
  static func histogram(id: String, title: String, description: String, values: [Double], observed: Double) -> Markup {
    let bins = 20, height = 180.0, base = top + 120
    var counts = [Int](repeating: 0, count: bins)
    for v in values where v.isFinite { counts[min(bins - 1, max(0, Int(v * Double(bins))))] += 1 }
    let highest = Double(max(1, counts.max() ?? 1)), barWidth = (width - left - right) / Double(bins)
    var marks = axis(bottom: base)
    for (b, count) in counts.enumerated() where count > 0 {
      let h = Double(count) / highest * 110
      marks.append(
        .el(
          "rect",
          [("x", f(x(Double(b) / Double(bins)))), ("y", f(base - h)), ("width", f(barWidth - 1)), ("height", f(h)), ("class", "mark bar")]))
    }
    marks.append(line(x(observed), top, x(observed), base, "mark observed"))
    marks.append(label(x(observed) + 3, base + 14, "observed \(percent(observed))", anchor: "start", cls: "observed"))
    marks.append(label(left - 8, base, "permutations", cls: "note"))
    return svg(id: id, title: title, description: description, height: height, marks)
  }

  /// Mean confidence against accuracy per bin, with the diagonal of perfect calibration.
  static func reliability(id: String, title: String, description: String, points: [(confidence: Double, accuracy: Double, samples: Int)])
    -> Markup
  {
    let size = 220.0, x0 = left, y0 = top + size
    func px(_ v: Double) -> Double { x0 + v * size }
    func py(_ v: Double) -> Double { y0 - v * size }
    var marks: [Markup] = [
      .el("rect", [("x", f(x0)), ("y", f(top)), ("width", f(size)), ("height", f(size)), ("class", "frame")]),
      line(px(0), py(0), px(1), py(1), "mark diagonal"),
      label(px(0.5), y0 + 26, "mean confidence", anchor: "middle", cls: "note"),
      label(x0 - 8, top + size / 2, "accuracy", cls: "note"),
    ]
    for t in [0.0, 0.5, 1.0] {
      marks.append(label(px(t), y0 + 13, "\(Int(t * 100))%", anchor: "middle", cls: "tick"))
      marks.append(label(x0 - 4, py(t) + 4, "\(Int(t * 100))%", cls: "tick"))
    }
    let total = Double(max(1, points.reduce(0) { $0 + $1.samples }))
    for p in points {
      let r = 3 + 9 * (Double(p.samples) / total).squareRoot()
      marks.append(.el("circle", [("cx", f(px(p.confidence))), ("cy", f(py(p.accuracy))), ("r", f(r)), ("class", "mark dot")]))
    }
    return svg(id: id, title: title, description: description, height: y0 + 36, marks)
  }
}
