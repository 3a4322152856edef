import VigilEvents

/// A number as events and queries carry it: an exact integer or a double. Comparisons between the two are exact
/// (an `Int64` is not rounded through `Double`).
public enum Number: Hashable, Sendable, Comparable, CustomStringConvertible {
  case int(Int64)
  case double(Double)

  /// Parses a JSON-style number (`42`, `-1.5`, `2e3`); `nil` when the text is not one.
  public init?(_ text: String) {
    if let int = Int64(text) {
      self = .int(int)
    } else if let double = Double(text), double.isFinite {
      self = .double(double)
    } else {
      return nil
    }
  }

  /// The number a value holds: integers and doubles, and strings holding a number (Elasticsearch coerces
  /// numeric strings into numeric fields).
  @inlinable
  public static func from(_ value: Value, in event: Event) -> Number? {
    switch value {
    case .int(let int): return .int(int)
    case .double(let double): return .double(double)
    case .string(let span), .number(let span):
      return Number(String(decoding: event.bytes(span), as: UTF8.self))
    case .null, .bool, .object: return nil
    }
  }

  public static func < (lhs: Number, rhs: Number) -> Bool {
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return a < b
    case (.double(let a), .double(let b)): return a < b
    case (.int(let a), .double(let b)): return Self.compare(a, b) < 0
    case (.double(let a), .int(let b)): return Self.compare(b, a) > 0
    }
  }

  public static func == (lhs: Number, rhs: Number) -> Bool {
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Self.compare(a, b) == 0
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .int(let int): hasher.combine(Double(int))
    case .double(let double): hasher.combine(double)
    }
  }

  /// Compares an integer with a double exactly: -1, 0 or 1.
  static func compare(_ int: Int64, _ double: Double) -> Int {
    if double.isNaN { return -1 }
    if double >= 9_223_372_036_854_775_808.0 { return -1 }
    if double < -9_223_372_036_854_775_808.0 { return 1 }
    let truncated = Int64(double.rounded(.towardZero))
    if int != truncated { return int < truncated ? -1 : 1 }
    let fraction = double - double.rounded(.towardZero)
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0
  }

  public var description: String {
    switch self {
    case .int(let int): String(int)
    case .double(let double): String(double)
    }
  }
}
