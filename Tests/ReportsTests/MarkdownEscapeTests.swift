import Testing

@testable import Reports

/// The escaping rule for data-derived text in Markdown reports (see `Markdown`).
@Suite struct MarkdownEscapeTests {
  @Test(arguments: [
    "anger", "pleasant_surprise", "18-39", "40+", "white", "uar_difference", "x1.wav: cannot decode audio",
    "GPA to the training mean shape + PCA (20 components)", "stratified group 5-fold (subject-independent), repeated 20×",
    "use leave_one_subject_out or a group k-fold for claims.", "Frau/Mann", "μ = 0.5; ünïcödé",
  ])
  func plainTextIsUnchanged(text: String) {
    #expect(Markdown.escape(text) == text)
  }

  @Test(arguments: [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a|b", "a\\|b"),
    ("line\nbreak\r\nand\ttab", "line break  and tab"),
    ("# heading", "\\# heading"),
    ("  ## indented", "  \\## indented"),
    ("\n# after a break", " \\# after a break"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("===", "\\==="),
    ("1. ordered", "1\\. ordered"),
    ("12) ordered", "12\\) ordered"),
    ("2024", "2024"),
    ("a - b # c", "a - b # c"),
    ("*bold* `code` [link](x) ~~s~~ $x$", "\\*bold\\* \\`code\\` \\[link\\](x) \\~\\~s\\~\\~ \\$x\\$"),
    ("back\\slash", "back\\\\slash"),
    ("_lead and trail_", "\\_lead and trail\\_"),
    ("snake_case", "snake_case"),
    ("a &lt; b & c", "a &amp;lt; b &amp; c"),
    ("x\u{2028}y\u{0}z", "x y z"),
  ])
  func markupIsEscaped(text: String, expected: String) {
    #expect(Markdown.escape(text) == expected)
  }

  @Test func aTableCellNeverAddsColumnsOrEndsTheRow() {
    let hostile = ["a|b", "a\\|b", "a\\\\|b", "|", "\\", "x\n| c | d |", "`|`"]
    for text in hostile {
      let escaped = Markdown.escape(text)
      #expect(!escaped.contains("\n"))
      // Every pipe is preceded by an odd number of backslashes, so GFM reads it as text.
      var backslashes = 0
      for character in escaped {
        if character == "|" { #expect(backslashes % 2 == 1, "\(text) → \(escaped)") }
        backslashes = character == "\\" ? backslashes + 1 : 0
      }
    }
  }

  @Test func joinedListsEscapeEachItemOnly() {
    #expect(Markdown.escape(["a|b", "c"], joinedBy: " | ") == "a\\|b | c")
  }
}
