/// Why a document could not be decoded, and at which byte of it.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kinds of problem the decoder reports.
  public enum Kind: Hashable, Sendable {
    case empty
    case notAnObject
    case unexpectedEnd
    case unexpectedByte(UInt8)
    case expectedKey
    case expectedColon
    case expectedCommaOrEnd
    case invalidLiteral
    case invalidNumber
    case invalidEscape
    case controlCharacterInString
    case invalidUTF8
    case tooDeep
    case trailingData
    case tooLarge
  }

  /// What is wrong.
  public var kind: Kind
  /// Byte offset in the document (0-based; messages show it 1-based).
  public var offset: Int

  /// An error of `kind` at byte `offset` of the document.
  public init(_ kind: Kind, at offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  /// A one-line explanation, without location.
  public var message: String {
    switch kind {
    case .empty: "empty document"
    case .notAnObject: "expected a JSON object"
    case .unexpectedEnd: "unexpected end of document"
    case .unexpectedByte(let byte): "unexpected \(Self.describe(byte))"
    case .expectedKey: "expected a string key"
    case .expectedColon: "expected ':' after key"
    case .expectedCommaOrEnd: "expected ',' or the end of the object or array"
    case .invalidLiteral: "invalid literal (expected true, false or null)"
    case .invalidNumber: "invalid number"
    case .invalidEscape: "invalid escape sequence in string"
    case .controlCharacterInString: "unescaped control character in string"
    case .invalidUTF8: "invalid UTF-8"
    case .tooDeep: "nesting deeper than \(EventDecoder.maximumDepth) levels"
    case .trailingData: "unexpected data after the document"
    case .tooLarge: "document larger than 2 GiB"
    }
  }

  /// The message with its location, such as `expected ':' after key at byte 12`.
  public var description: String { "\(message) at byte \(offset + 1)" }

  static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }
}
