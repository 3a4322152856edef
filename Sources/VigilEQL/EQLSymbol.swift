/// Punctuation and operator tokens.
enum EQLSymbol: String, Sendable {
  case colon = ":"
  case assign = "="
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case
    greaterOrEqual = ">="
  case plus = "+"
  case minus = "-"
  case star = "*"
  case slash = "/"
  case percent = "%"
  case dot = "."
  case comma = ","
  case
    leftBracket = "["
  case rightBracket = "]"
  case leftParen = "("
  case rightParen = ")"
  case pipe = "|"
  case question = "?"
  case
    missingOpen = "!["
}
