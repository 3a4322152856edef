import Foundation
import VigilEvents
import VigilQuery

extension ESQLEvaluator {
  /// A type conversion of one value (`TO_*`, `::`); `nil` with a warning when the value does not convert.
  mutating func convert(_ name: String, _ value: ESQLValue) -> ESQLValue? {
    let result: ESQLValue?
    switch name {
    case "TO_STRING", "STRING", "KEYWORD", "TEXT": result = value.text.map(ESQLValue.string)
    case "TO_LOWER", "TO_UPPER":
      guard case .string(let text) = value else { return nil }
      return .string(name == "TO_LOWER" ? text.lowercased() : text.uppercased())
    case "TO_INTEGER", "TO_INT", "INTEGER", "INT", "TO_LONG", "LONG":
      let narrow = !name.contains("LONG")
      var number: Int64?
      switch value {
      case .integer(let integer): number = integer
      case .double(let double): number = Self.javaRound(double)
      case .boolean(let flag): number = flag ? 1 : 0
      case .date(let time): number = time.floorDivided(by: ESQLDates.nanosPerMilli)
      case .string(let text):
        number = Int64(text) ?? Double(text).flatMap { Self.javaRound($0) }
      default: number = nil
      }
      if narrow, let checked = number, checked < Int64(Int32.min) || checked > Int64(Int32.max) { number = nil }
      result = number.map(ESQLValue.integer)
    case "TO_DOUBLE", "TO_DBL", "DOUBLE":
      switch value {
      case .integer(let integer): result = .double(Double(integer))
      case .double: result = value
      case .boolean(let flag): result = .double(flag ? 1 : 0)
      case .date(let time): result = .double(Double(time.floorDivided(by: ESQLDates.nanosPerMilli)))
      case .string(let text): result = Double(text.trimmingCharacters(in: .whitespaces)).map(ESQLValue.double)
      default: result = nil
      }
    case "TO_IP", "IP":
      switch value {
      case .ip: result = value
      case .string(let text): result = IPAddress(text).map(ESQLValue.ip)
      default: result = nil
      }
    case "TO_DATETIME", "TO_DT", "DATETIME", "DATE", "DATE_NANOS", "TO_DATE_NANOS":
      switch value {
      case .date: result = value
      case .integer(let millis): result = Timestamp.fromEpochMilliseconds(millis).map(ESQLValue.date)
      case .double(let millis): result = millis.exactInt64.flatMap(Timestamp.fromEpochMilliseconds).map(ESQLValue.date)
      case .string(let text): result = Timestamp.parse(Array(text.utf8)).map(ESQLValue.date)
      default: result = nil
      }
    case "TO_BOOLEAN", "TO_BOOL", "BOOLEAN", "BOOL":
      switch value {
      case .boolean: result = value
      case .string(let text): result = .boolean(text.lowercased() == "true")
      case .integer(let number): result = .boolean(number != 0)
      case .double(let number): result = .boolean(number != 0)
      default: result = nil
      }
    default: result = nil
    }
    if result == nil { warnings += 1 }
    return result
  }

  /// The longest string `REPEAT` and `SPACE` build (Elasticsearch refuses results over 1MB the same way).
  static let maximumStringBytes = 1 << 20

  /// Java's `Math.round`: half up, toward positive infinity.
  static func javaRound(_ value: Double) -> Int64? {
    (value + 0.5).rounded(.down).exactInt64
  }

  /// `value::type`.
  mutating func cast(_ value: ESQLValue, to type: String) -> ESQLValue {
    .list(value.elements.compactMap { convert(type.uppercased(), $0) })
  }

  /// The string functions; single-valued arguments only (multi-values give `null` and a warning).
  mutating func string(_ name: String, _ values: [ESQLValue]) -> ESQLValue {
    var args: [ESQLValue] = []
    for value in values {
      guard let one = single(value) else { return .null }
      args.append(one)
    }
    func text(_ index: Int) -> String? { index < args.count ? args[index].stringValue : nil }
    func integer(_ index: Int) -> Int64? {
      if index < args.count, case .integer(let n) = args[index] { n } else { nil }
    }
    switch name {
    case "LENGTH":
      return text(0).map { .integer(Int64($0.unicodeScalars.count)) } ?? .null
    case "CONCAT":
      var out = ""
      for index in args.indices {
        guard let part = text(index) else { return .null }
        out += part
      }
      return .string(out)
    case "STARTS_WITH", "ENDS_WITH", "CONTAINS":
      guard let subject = text(0), let part = text(1) else { return .null }
      let a = Array(subject.utf8)
      let b = Array(part.utf8)
      switch name {
      case "STARTS_WITH": return .boolean(a.starts(with: b))
      case "ENDS_WITH": return .boolean(a.reversed().starts(with: b.reversed()))
      default: return .boolean(b.isEmpty || subject.contains(part))
      }
    case "SUBSTRING":
      guard let subject = text(0), let start = integer(1) else { return .null }
      let scalars = Array(subject.unicodeScalars)
      let count = Int64(scalars.count)
      var from = start < 0 ? max(0, count + start) : max(0, start - 1)
      from = min(from, count)
      var length = count - from
      if args.count > 2 {
        guard let wanted = integer(2) else { return .null }
        length = max(0, min(wanted, length))
      }
      return .string(String(String.UnicodeScalarView(scalars[Int(from)..<Int(from + length)])))
    case "LEFT", "RIGHT":
      guard let subject = text(0), let wanted = integer(1) else { return .null }
      let scalars = Array(subject.unicodeScalars)
      let length = Int(max(0, min(wanted, Int64(scalars.count))))
      let slice = name == "LEFT" ? scalars.prefix(length) : scalars.suffix(length)
      return .string(String(String.UnicodeScalarView(slice)))
    case "LOCATE":
      guard let subject = text(0), let part = text(1) else { return .null }
      var start = 0
      if args.count > 2 {
        guard let from = integer(2) else { return .null }
        start = from <= 0 ? 0 : Int(clamping: from - 1)
      }
      return .integer(ESQLLocate.position(of: part, in: subject, from: start))
    case "TRIM", "LTRIM", "RTRIM":
      guard let subject = text(0) else { return .null }
      var scalars = Substring(subject).unicodeScalars[...]
      if name != "RTRIM" { while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() } }
      if name != "LTRIM" { while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() } }
      return .string(String(String.UnicodeScalarView(scalars)))
    case "REVERSE":
      return text(0).map { .string(String($0.reversed())) } ?? .null
    case "REPEAT":
      guard let subject = text(0), let count = integer(1), count >= 0,
        count <= Int64(Self.maximumStringBytes / max(1, subject.utf8.count))
      else { return .null }
      return .string(String(repeating: subject, count: Int(count)))
    case "SPACE":
      guard let count = integer(0), count >= 0, count <= Int64(Self.maximumStringBytes) else { return .null }
      return .string(String(repeating: " ", count: Int(count)))
    case "REPLACE":
      guard let subject = text(0), let pattern = text(1), let replacement = text(2) else { return .null }
      guard let regex = matchers.javaRegexes[pattern] ?? (try? ESQLJavaRegex(pattern)) else {
        warnings += 1
        return .null
      }
      return .string(regex.replacingAll(in: subject, with: replacement))
    case "SPLIT":
      guard let subject = text(0), let delimiter = text(1) else { return .null }
      guard !delimiter.isEmpty else { return .list(subject.map { .string(String($0)) }) }
      return .list(subject.split(separator: delimiter, omittingEmptySubsequences: false).map { .string(String($0)) })
    case "URL_DECODE":
      guard let subject = text(0) else { return .null }
      return subject.replacingOccurrences(of: "+", with: " ").removingPercentEncoding.map(ESQLValue.string) ?? .null
    case "FROM_BASE64":
      guard let subject = text(0) else { return .null }
      var padded = subject
      while padded.utf8.count % 4 != 0 { padded += "=" }
      guard let data = Data(base64Encoded: padded) else { return .null }
      return .string(String(decoding: data, as: UTF8.self))
    case "URL_ENCODE", "URL_ENCODE_COMPONENT":
      // Java's URLEncoder (form encoding) for URL_ENCODE; RFC 3986 unreserved characters for the component form.
      guard let subject = text(0) else { return .null }
      var out = ""
      for byte in subject.utf8 {
        let scalar = Unicode.Scalar(byte)
        if byte < 0x80,
          scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
            || (name == "URL_ENCODE" ? "-_.*" : "-_.~").unicodeScalars.contains(scalar)
        {
          out.unicodeScalars.append(scalar)
        } else if byte == 0x20, name == "URL_ENCODE" {
          out += "+"
        } else {
          out += "%" + String(byte, radix: 16, uppercase: true).leftPaddedHex
        }
      }
      return .string(out)
    case "BYTE_LENGTH", "BIT_LENGTH":
      guard let subject = text(0) else { return .null }
      return .integer(Int64(subject.utf8.count) * (name == "BIT_LENGTH" ? 8 : 1))
    case "TO_BASE64":
      return text(0).map { .string(Data($0.utf8).base64EncodedString()) } ?? .null
    default:
      return .null
    }
  }
}

extension String {
  fileprivate var leftPaddedHex: String { count < 2 ? "0" + self : self }
}
