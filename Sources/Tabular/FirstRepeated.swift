extension Sequence where Element: Hashable {
  /// The first element that occurs again earlier in the sequence (its second occurrence),
  /// or nil when every element is distinct: how column lists, group lists and headers find
  /// a name given twice, in one pass.
  public var firstRepeated: Element? {
    var seen = Set<Element>()
    for element in self where !seen.insert(element).inserted { return element }
    return nil
  }
}
