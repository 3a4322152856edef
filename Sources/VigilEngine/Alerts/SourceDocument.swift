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
    digest.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
  }
}
