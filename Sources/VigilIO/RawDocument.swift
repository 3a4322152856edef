/// One document as ``EventReader/readDocuments(_:_:)`` read it, before decoding.
public struct RawDocument {
  /// The document's JSON text; valid only during the call it is passed to.
  public let bytes: UnsafeRawBufferPointer
  /// The source it came from, for error messages.
  public let path: String
  /// Its line in the source.
  public let line: Int
  /// Its `_index` and `_id`, for documents of an Elasticsearch `_search` response.
  public let index: String?
  public let id: String?
}
