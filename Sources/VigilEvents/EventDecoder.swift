/// Decodes JSON documents into ``Event``s, reading only the wanted fields.
///
/// Made from the set of field paths the loaded rules use, a decoder walks each document once: keys are matched
/// segment by segment against a trie of the wanted paths (nested objects and dotted keys alike), wanted values are
/// recorded as slots over the document's bytes, and every other subtree is skipped without allocating. Made with
/// ``init()``, it decodes every field and extends ``catalog`` as it meets new paths.
///
/// A decoder is a per-thread worker (not `Sendable`). Decoders made from the same wanted set agree on every
/// ``FieldID``, so parallel workers can each have one.
public final class EventDecoder {
  /// The deepest nesting of objects and arrays accepted.
  public static let maximumDepth = 128

  /// The path of the event timestamp.
  public static let timestampPath = "@timestamp"

  let trie: KeyTrie
  /// Whether every field is decoded.
  public let decodesAllFields: Bool
  /// The field of `@timestamp`.
  public let timestampField: FieldID
  /// The scanner's last slot of each field (``DocumentScanner/tails``), kept from document to document.
  private var tails: [Int32] = []

  /// A decoder of every field of every document; ``catalog`` grows as new paths are met.
  public convenience init() {
    self.init(catalog: FieldCatalog(), decodesAllFields: true)
  }

  /// A decoder of the fields in `catalog` (and `@timestamp`, added to the catalog when missing); everything else
  /// is skipped, unless `decodesAllFields`: then every field is decoded too, the catalog's paths keeping their
  /// identifiers and new paths extending ``catalog``, and each event records its ``Event/fieldPaths``.
  public init(catalog: FieldCatalog, decodesAllFields: Bool = false) {
    var catalog = catalog
    timestampField = catalog.intern(Self.timestampPath)
    trie = KeyTrie(catalog: catalog)
    trie.addCatalogPaths()
    self.decodesAllFields = decodesAllFields
  }

  /// A decoder of the dotted paths in `fields` (and `@timestamp`); everything else is skipped.
  public convenience init(fields: Set<String>) {
    self.init(catalog: FieldCatalog(fields.union([Self.timestampPath])))
  }

  /// The paths this decoder knows and their identifiers.
  public var catalog: FieldCatalog { trie.catalog }

  /// Decodes `document` (one JSON object) into `event`, reusing the event's buffers.
  ///
  /// On error the event is left empty and the error tells what is wrong and at which byte.
  public func decode(_ document: UnsafeRawBufferPointer, into event: inout Event) throws(DecodeError) {
    try scan(document, into: &event)
    event.bytes.append(contentsOf: document)
    setTimestamp(of: &event)
  }

  /// Decodes the document in `text` into `event`, which takes the text itself rather than a copy; `text` gets the
  /// event's former buffer, emptied, to hold another document.
  ///
  /// On error the event is left empty, as ``decode(_:into:)`` leaves it, and `text` as it was.
  public func decode(movingText text: inout [UInt8], into event: inout Event) throws(DecodeError) {
    try Self.withBytes(of: text) { document throws(DecodeError) in try scan(document, into: &event) }
    swap(&text, &event.bytes)
    setTimestamp(of: &event)
  }

  /// Decodes the fields of `document` into `event`, but not its text.
  private func scan(_ document: UnsafeRawBufferPointer, into event: inout Event) throws(DecodeError) {
    event.reset(fieldCount: trie.catalog.count)
    guard document.count < Int(Int32.max) else { throw DecodeError(.tooLarge, at: 0) }
    guard let base = document.baseAddress?.assumingMemoryBound(to: UInt8.self), document.count > 0 else {
      throw DecodeError(.empty, at: 0)
    }
    if let bad = UTF8Check.firstInvalid(base, document.count) { throw DecodeError(.invalidUTF8, at: bad) }
    var scanner = DocumentScanner(base: base, count: document.count, trie: trie, allFields: decodesAllFields)
    if tails.count < trie.catalog.count {
      tails.append(contentsOf: repeatElement(-1, count: trie.catalog.count - tails.count))
    }
    swap(&scanner.event, &event)
    swap(&scanner.tails, &tails)
    defer { swap(&scanner.tails, &tails) }
    do {
      try scanner.document()
    } catch {
      swap(&scanner.event, &event)
      event.reset(fieldCount: trie.catalog.count)
      throw error
    }
    swap(&scanner.event, &event)
    if decodesAllFields { event.fieldPaths = trie.catalog.allPaths }
  }

  /// Sets the time of an event decoded with its text.
  private func setTimestamp(of event: inout Event) {
    if let value = event.first(timestampField) { event.timestamp = event.timestampNanoseconds(value) }
  }

  /// Decodes `document` (one JSON object) into a new event.
  public func decode(_ document: [UInt8]) throws(DecodeError) -> Event {
    var event = Event()
    try Self.withBytes(of: document) { bytes throws(DecodeError) in try decode(bytes, into: &event) }
    return event
  }

  /// Calls `body` with the bytes of `array`, keeping the type of its error (`withUnsafeBytes` rethrows any error).
  private static func withBytes(
    of array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(DecodeError) -> Void
  ) throws(DecodeError) {
    let result: Result<Void, DecodeError> = array.withUnsafeBytes { bytes in
      do throws(DecodeError) {
        try body(bytes)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Decodes `document` (one JSON object, as text) into a new event.
  public func decode(_ document: String) throws(DecodeError) -> Event {
    try decode(Array(document.utf8))
  }
}
