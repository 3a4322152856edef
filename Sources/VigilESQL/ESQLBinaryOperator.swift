/// An infix operator of an ES|QL expression.
public enum ESQLBinaryOperator: String, Hashable, Sendable, CaseIterable {
  case or = "OR"
  case and = "AND"
  case equal = "=="
  /// `=~`: case-insensitive string equality.
  case equalIgnoringCase = "=~"
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case modulo = "%"

  /// Binding strength: higher binds tighter (OR 1, AND 2, comparisons 5, `+ -` 6, `* / %` 7).
  public var precedence: Int {
    switch self {
    case .or: 1
    case .and: 2
    case .equal, .equalIgnoringCase, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 5
    case .add, .subtract: 6
    case .multiply, .divide, .modulo: 7
    }
  }

  /// Whether the operator is a comparison (non-associative in ES|QL).
  public var isComparison: Bool { precedence == 5 }
}
