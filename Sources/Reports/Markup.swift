/// A tiny typed HTML/SVG tree that escapes by construction: text and attribute values are
/// always escaped when rendered, and there is no way to insert raw markup. The HTML report
/// is built only from these nodes, so no label, group name, id or file name from the data
/// can open a tag, close an attribute or start a script.
///
/// (JohnSundell/Plot offers the same guarantee for HTML; its SVG would go through the
/// same untyped `element(named:)` escape hatch this type is, so a dependency bought little.)
indirect enum Markup: Sendable, Equatable {
  case element(String, [(String, String)], [Markup])
  case text(String)

  static func == (a: Markup, b: Markup) -> Bool { a.rendered == b.rendered }

  /// `<name attributes…>children…</name>`; void elements (`meta`) have no end tag.
  static func el(_ name: String, _ attributes: [(String, String)] = [], _ children: [Markup] = []) -> Markup {
    .element(name, attributes, children)
  }

  /// `<name>text</name>`.
  static func el(_ name: String, _ attributes: [(String, String)] = [], text: String) -> Markup {
    .element(name, attributes, [.text(text)])
  }

  static let voidElements: Set<String> = ["meta", "br", "hr"]

  /// The markup as text.
  var rendered: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .text(let text): out += Self.escape(text)
    case .element(let name, let attributes, let children):
      out += "<" + name
      for (key, value) in attributes { out += " \(key)=\"\(Self.escape(value))\"" }
      out += ">"
      guard !Self.voidElements.contains(name) else { return }
      for child in children { child.write(to: &out) }
      out += "</\(name)>"
      if ["p", "tr", "table", "section", "figure", "svg", "h1", "h2", "h3", "li", "ul", "thead", "tbody"].contains(name) { out += "\n" }
    }
  }

  /// `&`, `<`, `>`, `"` and `'` as entities: safe in text, in quoted attribute values, and
  /// inside `<title>`; control characters other than tab and line feed become spaces.
  static func escape(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
      case "'": out.append(contentsOf: "&#39;".unicodeScalars)
      case "\t", "\n": out.append(scalar)
      case _ where scalar.properties.generalCategory == .control: out.append(" ")
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}
