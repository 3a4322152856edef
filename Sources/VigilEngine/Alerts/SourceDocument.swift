import Crypto

/// The event an alert is built from: its original JSON and where it came from.
public struct SourceDocument: Sendable {
  public var bytes: [UInt8]
  /// The event's index (`_index`, or the data stream name), if known.
  public var index: String?
  /// The event's `_id`; events read from files have none, so a content hash stands in (see ``id``).
  public var documentID: String?

  public init(bytes: [UInt8], index: String?, documentID: String?) {
    self.bytes = bytes
    self.index = index
    self.documentID = documentID
  }

  /// The `_id`, or the SHA-256 of the document's text when it has none, so the same event always has the same id.
  public var id: String { documentID ?? Self.hex(SHA256.hash(data: bytes)) }

  static func hex<Digest: Sequence<UInt8>>(_ digest: Digest) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
