import VigilEvents

extension Event {
  /// The field's values as a keyword field indexes them (strings, and numbers and booleans as their JSON text), in
  /// document order; `null`s and objects are left out. For grouping (new terms, threshold buckets), not the hot path.
  public func keywordTexts(_ field: FieldID) -> [String] {
    var texts: [String] = []
    for value in values(field) {
      if let text = FieldCondition.withKeywordText(value, in: self, { String(decoding: $0, as: UTF8.self) }) {
        texts.append(text)
      }
    }
    return texts
  }

  /// How many values ``keywordTexts(_:)`` gives, without making strings of them.
  public func keywordTextCount(_ field: FieldID) -> Int {
    var count = 0
    for value in values(field) where FieldCondition.withKeywordText(value, in: self, { _ in () }) != nil { count += 1 }
    return count
  }
}
