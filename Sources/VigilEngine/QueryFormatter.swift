import Foundation
import VigilEQL
import VigilESQL
import VigilKQL
import VigilRules

/// Pretty-prints a rule's query in its language, for people reading rules (`vigil rules show`).
public enum QueryFormatter {
  /// The query laid out by its language's printer, or its text as written when it does not parse.
  public static func pretty(_ text: String, language: QueryLanguage, width: Int = 100) -> String {
    switch language {
    case .kuery:
      if let query = KQLParser.parse(text).query { return KQLPrinter.pretty(query.root, width: width) }
    case .eql:
      if let query = EQLParser.parse(text).query { return EQLPrinter(style: .pretty(width: width)).print(query) }
    case .esql:
      if let query = ESQLParser.parse(text).query { return ESQLPrinter(layout: .multiline).print(query) }
    case .lucene:
      break
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
