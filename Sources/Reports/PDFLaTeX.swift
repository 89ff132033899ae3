/// What pdflatex sets with its defaults (UTF-8 input, OT1 fonts, no `fontenc`), so a table
/// can say when it holds a character that needs more.
enum PDFLaTeX {
  /// Latin-1 and Latin Extended-A characters that stop pdflatex (TeX Live 2022) with
  /// "Unicode character … not set up for use with LaTeX" unless T1 fonts are loaded; found
  /// by compiling each character of U+00A0–U+017F alone.
  static let needsT1: Set<Character> = [
    "«", "»", "Ð", "Þ", "ð", "þ", "Ą", "ą", "Đ", "đ", "Ę", "ę", "Ħ", "ħ", "Į", "į", "ĸ", "Ŀ", "ŀ", "ŉ", "Ŋ", "ŋ", "Ŧ", "ŧ",
    "Ų", "ų", "ſ",
  ]

  /// Punctuation beyond Latin-1 that pdflatex sets with its defaults.
  static let punctuation: Set<Character> = ["‘", "’", "“", "”", "–", "—", "…", "•", "†", "‡", "‰", "€", "™"]

  /// The characters of `text` pdflatex cannot set with its defaults, each once, in order of
  /// first appearance.
  static func unsetCharacters(_ text: String) -> [Character] {
    var seen: Set<Character> = [], unset: [Character] = []
    for character in text where !seen.contains(character) {
      seen.insert(character)
      let scalars = character.unicodeScalars
      let latin = scalars.count == 1 && scalars.first!.value < 0x180 && !needsT1.contains(character)
      if !latin && !punctuation.contains(character) { unset.append(character) }
    }
    return unset
  }
}
