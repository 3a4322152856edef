/// The functions of Elasticsearch EQL. Names are matched case-insensitively (`cidrmatch` is `cidrMatch`).
public enum EQLFunction: String, Hashable, Sendable, CaseIterable {
  case add, between, cidrMatch, concat, divide, endsWith, indexOf, length, modulo, multiply, number, startsWith,
    string, stringContains, substring, subtract

  /// What an argument must be when it is written as a literal (fields and expressions are checked at run time).
  public enum ArgumentKind: Sendable {
    case any, string, number, integer, boolean
    /// A string constant: `cidrMatch`'s CIDR blocks.
    case stringConstant
  }

  /// The canonical spelling, as in Elasticsearch's documentation.
  public var name: String { rawValue }

  /// Finds a function by name, ignoring case.
  public init?(name: String) {
    let lowered = name.lowercased()
    guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
    self = match
  }

  /// How many arguments the function takes (`nil` upper bound: any number).
  public var arity: (minimum: Int, maximum: Int?) {
    switch self {
    case .add, .divide, .modulo, .multiply, .subtract, .endsWith, .startsWith, .stringContains: (2, 2)
    case .between: (3, 4)
    case .cidrMatch: (2, nil)
    case .concat: (1, nil)
    case .indexOf, .substring: (2, 3)
    case .length, .string: (1, 1)
    case .number: (1, 2)
    }
  }

  /// Whether a `~` case-insensitive form exists (`startsWith~`).
  public var hasCaseInsensitiveForm: Bool {
    switch self {
    case .between, .endsWith, .indexOf, .startsWith, .stringContains: true
    default: false
    }
  }

  /// The kind the argument at `index` must have when it is a literal.
  public func argumentKind(at index: Int) -> ArgumentKind {
    switch (self, index) {
    case (.add, _), (.divide, _), (.modulo, _), (.multiply, _), (.subtract, _): .number
    case (.between, 3): .boolean
    case (.between, _), (.endsWith, _), (.startsWith, _), (.stringContains, _), (.length, _): .string
    case (.cidrMatch, 0): .string
    case (.cidrMatch, _): .stringConstant
    case (.indexOf, 2), (.substring, 1), (.substring, 2), (.number, 1): .integer
    case (.indexOf, _), (.substring, _), (.number, _): .string
    case (.concat, _), (.string, _): .any
    }
  }
}
