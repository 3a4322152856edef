import VigilEvents

/// The time of a document as a scan's decoder finds it (its first `@timestamp` value), read cheaply: for checking a
/// file's time order (``TimeOrderCheck``) and merging files by time (``TimeMergedDocuments``).
enum DocumentTime {
  /// `document`'s time, or `nil` when it has none or does not decode.
  ///
  /// A document that opens with its `@timestamp` as a string without escapes (as Elastic's documents and most logs
  /// do) has that time, the first value, read without decoding the rest: an invalid document is one the scan skips,
  /// and skipping an event leaves the others in order. Others are decoded with `decoder` (of no fields) into `event`.
  static func time(of document: UnsafeRawBufferPointer, decoder: EventDecoder, _ event: inout Event) -> Int64? {
    if let text = openingTime(of: document) { return Timestamp.parse(text) }
    do {
      try decoder.decode(document, into: &event)
    } catch {
      return nil
    }
    return event.timestamp
  }

  /// The text of the `@timestamp` string `document` opens with, when it has no escapes.
  private static func openingTime(of document: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    let quote = UInt8(ascii: "\"")
    let backslash = UInt8(ascii: "\\")
    guard document.count > openingKey.count, document.starts(with: openingKey),
      let close = document[openingKey.count...].firstIndex(where: { $0 == quote || $0 == backslash }),
      document[close] == quote
    else { return nil }
    return UnsafeRawBufferPointer(rebasing: document[openingKey.count..<close])
  }

  private static let openingKey = Array(#"{"@timestamp":""#.utf8)
}
