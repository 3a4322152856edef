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

  /// The document in a buffer of its own when it shares a larger one (the decoder's, as large as the largest
  /// document), for keeping; a held event's text, already in a buffer of its size, is kept as it is.
  func compacted() -> SourceDocument {
    guard bytes.capacity > bytes.count + bytes.count / 8 + 64 else { return self }
    var kept = self
    kept.bytes = bytes.withUnsafeBufferPointer { Array($0) }
    return kept
  }

  /// The `_id`, or the SHA-256 of the document's text when it has none, so the same event always has the same id.
  public var id: String { documentID ?? Self.hex(SHA256.hash(data: bytes)) }

  /// A digest in lower-case hexadecimal, written straight into the string's storage from the digest's bytes
  /// (iterating a digest as a sequence cost more than hashing a short text).
  static func hex(_ digest: SHA256Digest) -> String {
    digest.withUnsafeBytes { bytes in
      String(unsafeUninitializedCapacity: bytes.count * 2) { text in
        for (position, byte) in bytes.enumerated() {
          text[2 * position] = hexDigits[Int(byte >> 4)]
          text[2 * position + 1] = hexDigits[Int(byte & 0xF)]
        }
        return bytes.count * 2
      }
    }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
