/// A TOML value copied out of the parser into plain Swift values, so that rules are `Sendable` and keys the
/// model does not know (or that are free-form, like Kibana `filters`) are kept exactly as written.
public indirect enum RuleValue: Hashable, Sendable {
  case string(String)
  case integer(Int64)
  case float(Double)
  case bool(Bool)
  /// A TOML date, time or date-time, in its TOML text form.
  case datetime(String)
  case array([RuleValue])
  case table([String: RuleValue])

  /// The name of the value's TOML type, for messages ("expected a string, found an integer").
  public var typeDescription: String {
    switch self {
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a float"
    case .bool: "a boolean"
    case .datetime: "a date"
    case .array: "an array"
    case .table: "a table"
    }
  }

  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var integer: Int64? {
    if case .integer(let value) = self { return value }
    return nil
  }

  public var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var array: [RuleValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var table: [String: RuleValue]? {
    if case .table(let value) = self { return value }
    return nil
  }

  /// The value at a key, when this is a table.
  public subscript(key: String) -> RuleValue? { table?[key] }
}
