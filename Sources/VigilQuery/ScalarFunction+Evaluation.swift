extension ScalarFunction {
  /// Calls the function, following Elasticsearch EQL's function reference: a `null` source gives `null`; string
  /// positions count Unicode scalars (Java counts UTF-16 units, which differs only outside the BMP).
  func evaluate(_ arguments: [ScalarValue], caseInsensitive: Bool) -> ScalarValue {
    switch self {
    case .add: return ScalarOperator.add.apply(arguments[0], arguments[1])
    case .subtract: return ScalarOperator.subtract.apply(arguments[0], arguments[1])
    case .multiply: return ScalarOperator.multiply.apply(arguments[0], arguments[1])
    case .divide: return ScalarOperator.divide.apply(arguments[0], arguments[1])
    case .modulo: return ScalarOperator.modulo.apply(arguments[0], arguments[1])
    case .concat:
      var result = ""
      for argument in arguments {
        if argument.isNull { return .null }
        result += argument.description
      }
      return .string(result)
    case .string:
      return arguments[0].isNull ? .null : .string(arguments[0].description)
    case .length:
      guard case .string(let text) = arguments[0] else { return .null }
      return .int(Int64(text.unicodeScalars.count))
    case .number:
      return Self.number(arguments[0], base: arguments.count > 1 ? arguments[1] : .null)
    case .startsWith, .endsWith, .stringContains:
      guard case .string(let source) = arguments[0], case .string(let part) = arguments[1] else { return .null }
      let haystack = Self.scalars(source, folding: caseInsensitive)
      let needle = Self.scalars(part, folding: caseInsensitive)
      switch self {
      case .startsWith: return .bool(haystack.starts(with: needle))
      case .endsWith: return .bool(haystack.reversed().starts(with: needle.reversed()))
      default: return .bool(Self.index(of: needle, in: haystack, from: 0) != nil)
      }
    case .indexOf:
      guard case .string(let source) = arguments[0], case .string(let part) = arguments[1] else { return .null }
      var start = 0
      if arguments.count > 2, let number = arguments[2].number {
        guard case .int(let int) = number else { return .null }
        start = Int(clamping: max(int, 0))
      }
      let haystack = Self.scalars(source, folding: caseInsensitive)
      guard let found = Self.index(of: Self.scalars(part, folding: caseInsensitive), in: haystack, from: start)
      else { return .null }
      return .int(Int64(found))
    case .substring:
      guard case .string(let source) = arguments[0], case .int(let start) = arguments[1]
      else { return .null }
      let scalars = Array(source.unicodeScalars)
      var end = Int64(scalars.count)
      if arguments.count > 2, case .int(let int) = arguments[2] { end = int }
      let lower = Self.pythonIndex(start, count: scalars.count)
      let upper = Self.pythonIndex(end, count: scalars.count)
      if lower >= upper { return .string("") }
      var result = String.UnicodeScalarView()
      result.append(contentsOf: scalars[lower..<upper])
      return .string(String(result))
    case .between:
      guard case .string(let source) = arguments[0], case .string(let left) = arguments[1],
        case .string(let right) = arguments[2]
      else { return .null }
      var greedy = false
      if arguments.count > 3 {
        guard case .bool(let flag) = arguments[3] else { return .null }
        greedy = flag
      }
      let original = Array(source.unicodeScalars)
      let haystack = Self.scalars(source, folding: caseInsensitive)
      let leftScalars = Self.scalars(left, folding: caseInsensitive)
      let rightScalars = Self.scalars(right, folding: caseInsensitive)
      guard let found = Self.index(of: leftScalars, in: haystack, from: 0) else { return .string("") }
      let start = found + leftScalars.count
      let end: Int?
      if greedy {
        end = Self.lastIndex(of: rightScalars, in: haystack)
      } else {
        end = Self.index(of: rightScalars, in: haystack, from: start)
      }
      guard let end, end >= start else { return .string("") }
      var result = String.UnicodeScalarView()
      result.append(contentsOf: original[start..<end])
      return .string(String(result))
    case .cidrMatch:
      // Lowered to ``ScalarExpression/Node/cidrMatch(_:_:)`` with constant blocks.
      return .null
    }
  }

  /// A string's scalars, lower-cased when `folding` (simple mapping: one scalar for one).
  static func scalars(_ text: String, folding: Bool) -> [UInt32] {
    text.unicodeScalars.map { folding ? CaseFolding.lowercase($0.value) : $0.value }
  }

  static func index(of needle: [UInt32], in haystack: [UInt32], from start: Int) -> Int? {
    if start > haystack.count { return nil }
    if needle.isEmpty { return start }
    guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    for position in start...(haystack.count - needle.count)
    where haystack[position..<(position + needle.count)].elementsEqual(needle) {
      return position
    }
    return nil
  }

  static func lastIndex(of needle: [UInt32], in haystack: [UInt32]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for position in stride(from: haystack.count - needle.count, through: 0, by: -1)
    where haystack[position..<(position + needle.count)].elementsEqual(needle) {
      return position
    }
    return nil
  }

  /// A Python-style index: negative counts from the end; clamped to `0...count`.
  static func pythonIndex(_ index: Int64, count: Int) -> Int {
    let resolved = index < 0 ? Int64(count) + index : index
    return Int(min(max(resolved, 0), Int64(count)))
  }

  /// `number(text [, base])`: an integer, or a decimal in base 10; `0x` marks hexadecimal. `null` when the text is
  /// not a number.
  static func number(_ value: ScalarValue, base: ScalarValue) -> ScalarValue {
    guard case .string(let text) = value else { return value.number == nil ? .null : value }
    var radix = 10
    if case .int(let int) = base {
      guard (2...36).contains(int) else { return .null }
      radix = Int(int)
    }
    var negative = false
    var digits = Substring(text)
    if digits.hasPrefix("-") {
      negative = true
      digits = digits.dropFirst()
    }
    if radix == 16 || base.isNull, digits.lowercased().hasPrefix("0x") {
      radix = 16
      digits = digits.dropFirst(2)
    }
    if let int = Int64(digits, radix: radix) { return .int(negative ? -int : int) }
    if radix == 10, let double = Double(text), double.isFinite { return .double(double) }
    return .null
  }
}
