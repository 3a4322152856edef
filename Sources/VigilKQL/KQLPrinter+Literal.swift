extension KQLPrinter {
  /// A literal as KQL: quoted literals re-escape `\` `"` and control characters; unquoted ones escape the special
  /// characters, a literal `*`, whitespace escapes, and the words `and`/`or`/`not` where they would read as keywords.
  public static func literal(_ literal: KQLLiteral) -> String {
    literal.isQuoted ? quoted(literal.text) : unquoted(literal.parts)
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case "\n": result += "\\n"
      default: result += isControl(scalar) ? unicodeEscape(scalar) : String(scalar)
      }
    }
    return result + "\""
  }

  static func unquoted(_ parts: [KQLLiteral.Part]) -> String {
    // An empty unquoted literal (only escaped whitespace, trimmed away) can only be written as escaped whitespace.
    if parts.isEmpty { return "\\t" }
    var result = ""
    for part in parts {
      switch part {
      case .wildcard:
        result += "*"
      case .text(let text):
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
          if let word = keyword(in: scalars, at: index, after: result.unicodeScalars.last) {
            // `\or` and `\and` are keyword escapes; `\not` would read as `\n` + `ot`, so escape its `n` instead.
            result += word.lowercased() == "not" ? unicodeEscape(scalars[index]) + word.dropFirst() : "\\" + word
            index += word.unicodeScalars.count
            continue
          }
          let scalar = scalars[index]
          switch scalar {
          case "\\", "(", ")", ":", "<", ">", "\"", "*", "{", "}": result += "\\" + String(scalar)
          case "\t": result += "\\t"
          case "\r": result += "\\r"
          case "\n": result += "\\n"
          default: result += isControl(scalar) ? unicodeEscape(scalar) : String(scalar)
          }
          index += 1
        }
      }
    }
    return result
  }

  /// The word at `index` when printing it plainly could read as a keyword: `or`/`and` after a space and before a
  /// space or the end of the text, `not` before a space or the end (what follows the literal may be a space).
  static func keyword(in scalars: [Unicode.Scalar], at index: Int, after previous: Unicode.Scalar?) -> String? {
    func word(_ letters: String) -> String? {
      let count = letters.unicodeScalars.count
      guard index + count <= scalars.count else { return nil }
      let candidate = String(String.UnicodeScalarView(scalars[index..<index + count]))
      guard candidate.lowercased() == letters else { return nil }
      let next = index + count < scalars.count ? scalars[index + count] : nil
      return next.map(isSpace) ?? true ? candidate : nil
    }
    if let not = word("not") { return not }
    guard let previous, isSpace(previous) else { return nil }
    return word("or") ?? word("and")
  }

  /// The grammar's whitespace as printed raw (tab, CR and LF are always printed escaped).
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\u{A0}" || scalar == "\t" || scalar == "\r" || scalar == "\n"
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
    default: false
    }
  }

  static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
    String(scalar).utf16.map { unit in
      let hex = String(unit, radix: 16, uppercase: true)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }.joined()
  }
}
