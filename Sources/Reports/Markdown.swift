/// Escaping of data-derived text (labels, group and attribute names, ids, file names, the
/// experiment's name and prose, reasons) for the Markdown reports.
///
/// The rule, chosen so the text renders literally in CommonMark and GitHub-flavoured
/// Markdown, a table row keeps its column count, and no raw HTML passes through:
/// - every control character (line breaks and tabs included, and U+0085, U+2028, U+2029)
///   becomes one space, so a value never ends its line, its table row or its list item;
/// - `&`, `<` and `>` become the entities `&amp;`, `&lt;` and `&gt;`, so no tag, comment or
///   autolink can form and an entity in the data shows as typed;
/// - `\`, `` ` ``, `*`, `[`, `]`, `|`, `~` and `$` get a backslash (code spans, emphasis,
///   links and images, table cells, strikethrough, GitHub's math);
/// - `_` gets a backslash only where it could open or close emphasis: GFM ignores an
///   underscore between two letters or digits, so `pleasant_surprise` stays as it is;
/// - at the start of the text, a `#`, `-`, `+` or `=` (heading, list item, setext
///   underline) gets a backslash, as does the `.` or `)` after leading digits (ordered list).
///
/// Text FaceValue writes itself (headings, table syntax, its own emphasis) is not escaped;
/// every value that came from a file, a config or the command line is.
public enum Markdown {
  /// `text` escaped for any inline position: a paragraph, a list item, a heading or a
  /// table cell.
  public static func escape(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    let firstVisible = scalars.firstIndex { !isSpace($0) } ?? scalars.count
    var leadingDigits = firstVisible < scalars.count && isDigit(scalars[firstVisible])
    for (i, scalar) in scalars.enumerated() {
      if leadingDigits, i > firstVisible, !isDigit(scalar) {
        leadingDigits = false
        if scalar == "." || scalar == ")" { out.append("\\") }
      }
      switch scalar {
      case _ where isControl(scalar): out.append(" ")
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      case "\\", "`", "*", "[", "]", "|", "~", "$":
        out.append("\\")
        out.append(scalar)
      case "_":
        let before = i > 0 ? scalars[i - 1] : nil, after = i + 1 < scalars.count ? scalars[i + 1] : nil
        if !(isWordCharacter(before) && isWordCharacter(after)) { out.append("\\") }
        out.append(scalar)
      case _ where i == firstVisible && "#-+=".unicodeScalars.contains(scalar):
        out.append("\\")
        out.append(scalar)
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  /// Each of `items` escaped, joined by `separator` (which is FaceValue's own text).
  public static func escape(_ items: [String], joinedBy separator: String) -> String {
    items.map(escape).joined(separator: separator)
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.properties.generalCategory == .control || s == "\u{2028}" || s == "\u{2029}"
  }

  /// Blank for the start-of-line rules: a space, or a control character (which becomes one).
  static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || isControl(s) }

  static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

  static func isWordCharacter(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return s.properties.isAlphabetic || s.properties.numericType != nil
  }
}
