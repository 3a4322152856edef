/// Splits text into lower-cased tokens the way Elasticsearch's `standard` analyzer does for the text in security
/// events, so that `match` and `match_phrase` on `text` fields find the same words.
///
/// Word characters are letters, digits and `_`. As in Unicode word segmentation, `.` and `'` join letters or
/// digits on both sides (`www.example.com`, `10.1.2.3`, `don't` stay one token), `:` joins letters, and `,` and
/// `;` join digits. Everything else separates tokens. Tokens are lower-cased per Unicode scalar.
public enum TextAnalyzer {
  /// The tokens of `text`.
  public static func tokens(_ text: String) -> [String] {
    var result: [String] = []
    var copy = text
    _ = copy.withUTF8 { bytes in
      forEachToken(UnsafeRawBufferPointer(bytes)) { token in
        result.append(CaseFolding.fold(String(decoding: token, as: UTF8.self)))
        return true
      }
    }
    return result
  }

  /// Calls `body` with each token's bytes (not lower-cased) until it returns `false`.
  @discardableResult
  public static func forEachToken(
    _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Bool
  ) -> Bool {
    let scalars = ScalarCursor(bytes)
    var start: Int? = nil
    var index = 0
    var previous: Unicode.Scalar? = nil
    while index < bytes.count {
      let (scalar, length) = scalars.scalar(at: index)
      let kind = Kind(scalar)
      if kind == .letter || kind == .digit {
        if start == nil { start = index }
      } else if let tokenStart = start {
        let next = index + length < bytes.count ? scalars.scalar(at: index + length).0 : nil
        if !joins(scalar, previous: previous.map(Kind.init), next: next.map(Kind.init)) {
          if !body(UnsafeRawBufferPointer(rebasing: bytes[tokenStart..<index])) { return false }
          start = nil
        }
      }
      previous = scalar
      index += length
    }
    if let tokenStart = start {
      return body(UnsafeRawBufferPointer(rebasing: bytes[tokenStart..<bytes.count]))
    }
    return true
  }

  private static func joins(_ scalar: Unicode.Scalar, previous: Kind?, next: Kind?) -> Bool {
    guard let previous, let next, previous != .other, next != .other else { return false }
    switch scalar {
    case ".", "'", "\u{2019}": return previous == next
    case ":", "\u{B7}": return previous == .letter && next == .letter
    case ",", ";": return previous == .digit && next == .digit
    default: return false
    }
  }

  private enum Kind {
    case letter, digit, other

    init(_ scalar: Unicode.Scalar) {
      if scalar.isASCII {
        switch UInt8(scalar.value) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self = .digit
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
          self = .letter
        default: self = .other
        }
      } else if scalar.properties.numericType == .decimal {
        self = .digit
      } else if scalar.properties.isAlphabetic {
        self = .letter
      } else {
        self = .other
      }
    }
  }

  /// Decodes UTF-8 scalars at byte offsets (invalid bytes read as U+FFFD, one byte long).
  private struct ScalarCursor {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func scalar(at index: Int) -> (Unicode.Scalar, Int) {
      let lead = bytes[index]
      if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
      guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
      var value = UInt32(lead) & (0xFF >> (length + 1))
      for offset in 1..<length {
        let byte = bytes[index + offset]
        guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
        value = value << 6 | UInt32(byte & 0x3F)
      }
      return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
  }
}
