/// A value computed by a ``ScalarExpression``: what EQL functions and arithmetic take and give.
public enum ScalarValue: Hashable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)

  /// Whether the value is `null`.
  public var isNull: Bool { if case .null = self { true } else { false } }

  /// The value as a number, when it is one.
  public var number: Number? {
    switch self {
    case .int(let int): .int(int)
    case .double(let double): .double(double)
    default: nil
    }
  }

  /// The value as a string, when it is one.
  public var string: String? { if case .string(let text) = self { text } else { nil } }

  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let bool): String(bool)
    case .int(let int): String(int)
    case .double(let double): String(double)
    case .string(let text): text
    }
  }
}
