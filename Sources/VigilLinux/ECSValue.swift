/// A value in an ``ECSDocument``: the JSON shapes the Linux sensors produce.
public enum ECSValue: Sendable, Equatable {
  case string(String)
  case int(Int64)
  case bool(Bool)
  case strings([String])
}

extension ECSValue: ExpressibleByStringLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
}

extension ECSValue: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int64) { self = .int(value) }
}

extension ECSValue: ExpressibleByBooleanLiteral {
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension ECSValue: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: String...) { self = .strings(elements) }
}

extension ECSValue {
  /// The string, when this is one.
  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer, when this is one.
  public var intValue: Int64? {
    if case .int(let value) = self { return value }
    return nil
  }

  /// The strings, when this is a list.
  public var stringsValue: [String]? {
    if case .strings(let value) = self { return value }
    return nil
  }
}
