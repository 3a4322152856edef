import Foundation
import VigilEvents
import VigilQuery

extension ESQLEvaluator {
  /// A type conversion of one value (`TO_*`, `::`); `nil` with a warning when the value does not convert.
  mutating func convert(_ conversion: ESQLConversion, _ value: ESQLValue) -> ESQLValue? {
    let result: ESQLValue?
    switch conversion {
    case .string: result = value.text.map(ESQLValue.string)
    case .lower, .upper:
      guard case .string(let text) = value else { return nil }
      return .string(conversion == .lower ? text.lowercased() : text.uppercased())
    case .integer, .long:
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
      if conversion == .integer, let checked = number, checked < Int64(Int32.min) || checked > Int64(Int32.max) {
        number = nil
      }
      result = number.map(ESQLValue.integer)
    case .double:
      switch value {
      case .integer(let integer): result = .double(Double(integer))
      case .double: result = value
      case .boolean(let flag): result = .double(flag ? 1 : 0)
      case .date(let time): result = .double(Double(time.floorDivided(by: ESQLDates.nanosPerMilli)))
      case .string(let text): result = Double(text.trimmingCharacters(in: .whitespaces)).map(ESQLValue.double)
      default: result = nil
      }
    case .ip:
      switch value {
      case .ip: result = value
      case .string(let text): result = IPAddress(text).map(ESQLValue.ip)
      default: result = nil
      }
    case .datetime:
      switch value {
      case .date: result = value
      case .integer(let millis): result = Timestamp.fromEpochMilliseconds(millis).map(ESQLValue.date)
      case .double(let millis): result = millis.exactInt64.flatMap(Timestamp.fromEpochMilliseconds).map(ESQLValue.date)
      case .string(let text): result = Timestamp.parse(Array(text.utf8)).map(ESQLValue.date)
      default: result = nil
      }
    case .boolean:
      switch value {
      case .boolean: result = value
      case .string(let text): result = .boolean(text.lowercased() == "true")
      case .integer(let number): result = .boolean(number != 0)
      case .double(let number): result = .boolean(number != 0)
      default: result = nil
      }
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

  /// The string functions; single-valued arguments only (multi-values give `null` and a warning).
  mutating func string(_ function: ESQLScalarFunction, _ args: [ESQLValue]) -> ESQLValue {
    // Every argument single, or `null` (with a warning for the first multi-value, as `single` gives).
    for value in args where single(value) == nil { return .null }
    func text(_ index: Int) -> String? { index < args.count ? args[index].stringValue : nil }
    func integer(_ index: Int) -> Int64? {
      if index < args.count, case .integer(let n) = args[index] { n } else { nil }
    }
    switch function {
    case .length:
      return text(0).map { .integer(Int64($0.unicodeScalars.count)) } ?? .null
    case .concat:
      var out = ""
      for index in args.indices {
        guard let part = text(index) else { return .null }
        out += part
      }
      return .string(out)
    case .startsWith, .endsWith, .contains:
      guard let subject = text(0), let part = text(1) else { return .null }
      let a = Array(subject.utf8)
      let b = Array(part.utf8)
      switch function {
      case .startsWith: return .boolean(a.starts(with: b))
      case .endsWith: return .boolean(a.reversed().starts(with: b.reversed()))
      default: return .boolean(b.isEmpty || subject.contains(part))
      }
    case .substring:
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
    case .left, .right:
      guard let subject = text(0), let wanted = integer(1) else { return .null }
      let scalars = Array(subject.unicodeScalars)
      let length = Int(max(0, min(wanted, Int64(scalars.count))))
      let slice = function == .left ? scalars.prefix(length) : scalars.suffix(length)
      return .string(String(String.UnicodeScalarView(slice)))
    case .locate:
      guard let subject = text(0), let part = text(1) else { return .null }
      var start = 0
      if args.count > 2 {
        guard let from = integer(2) else { return .null }
        start = from <= 0 ? 0 : Int(clamping: from - 1)
      }
      return .integer(ESQLLocate.position(of: part, in: subject, from: start))
    case .trim, .ltrim, .rtrim:
      guard let subject = text(0) else { return .null }
      var scalars = Substring(subject).unicodeScalars[...]
      if function != .rtrim { while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() } }
      if function != .ltrim { while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() } }
      return .string(String(String.UnicodeScalarView(scalars)))
    case .reverse:
      return text(0).map { .string(String($0.reversed())) } ?? .null
    case .repeat_:
      guard let subject = text(0), let count = integer(1), count >= 0,
        count <= Int64(Self.maximumStringBytes / max(1, subject.utf8.count))
      else { return .null }
      return .string(String(repeating: subject, count: Int(count)))
    case .space:
      guard let count = integer(0), count >= 0, count <= Int64(Self.maximumStringBytes) else { return .null }
      return .string(String(repeating: " ", count: Int(count)))
    case .replace:
      guard let subject = text(0), let pattern = text(1), let replacement = text(2) else { return .null }
      guard let regex = matchers.javaRegexes[pattern] ?? (try? ESQLJavaRegex(pattern)) else {
        warnings += 1
        return .null
      }
      return .string(regex.replacingAll(in: subject, with: replacement))
    case .split:
      guard let subject = text(0), let delimiter = text(1) else { return .null }
      guard !delimiter.isEmpty else { return .list(subject.map { .string(String($0)) }) }
      return .list(subject.split(separator: delimiter, omittingEmptySubsequences: false).map { .string(String($0)) })
    case .urlDecode:
      guard let subject = text(0) else { return .null }
      return subject.replacingOccurrences(of: "+", with: " ").removingPercentEncoding.map(ESQLValue.string) ?? .null
    case .fromBase64:
      guard let subject = text(0) else { return .null }
      var padded = subject
      while padded.utf8.count % 4 != 0 { padded += "=" }
      guard let data = Data(base64Encoded: padded) else { return .null }
      return .string(String(decoding: data, as: UTF8.self))
    case .urlEncode, .urlEncodeComponent:
      // Java's URLEncoder (form encoding) for URL_ENCODE; RFC 3986 unreserved characters for the component form.
      guard let subject = text(0) else { return .null }
      var out = ""
      for byte in subject.utf8 {
        let scalar = Unicode.Scalar(byte)
        if byte < 0x80,
          scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
            || (function == .urlEncode ? "-_.*" : "-_.~").unicodeScalars.contains(scalar)
        {
          out.unicodeScalars.append(scalar)
        } else if byte == 0x20, function == .urlEncode {
          out += "+"
        } else {
          out += "%" + String(byte, radix: 16, uppercase: true).leftPaddedHex
        }
      }
      return .string(out)
    case .byteLength, .bitLength:
      guard let subject = text(0) else { return .null }
      return .integer(Int64(subject.utf8.count) * (function == .bitLength ? 8 : 1))
    case .toBase64:
      return text(0).map { .string(Data($0.utf8).base64EncodedString()) } ?? .null
    default:
      return .null
    }
  }
}

extension String {
  fileprivate var leftPaddedHex: String { count < 2 ? "0" + self : self }
}
