import Testing
@testable import VigilEngine

struct SequenceDocumentStoreTests {
  static func document(_ id: Int) -> SourceDocument {
    SourceDocument(bytes: Array("{\"n\":\(id)}".utf8), index: nil, documentID: String(id))
  }

  static let second: Int64 = 1_000_000_000

  @Test func documentsStayUntilTheLongestMaxspanThatNeedsThemPasses() {
    var store = SequenceDocumentStore(capacity: 100)
    store.keep(Self.document(1), id: 1, time: 0, maxspan: 10 * Self.second)
    store.keep(Self.document(2), id: 2, time: 0, maxspan: 60 * Self.second)
    store.keep(Self.document(3), id: 3, time: 0, maxspan: 10 * Self.second)
    store.keep(Self.document(3), id: 3, time: 0, maxspan: 60 * Self.second)
    store.expire(now: 30 * Self.second)
    #expect(store.document(1) == nil)
    #expect(store.document(2)?.documentID == "2")
    #expect(store.document(3)?.documentID == "3")
    store.expire(now: 61 * Self.second)
    #expect(store.count == 0)
  }

  @Test func documentsWithoutMaxspanStayUntilTheCapacityIsReached() {
    var store = SequenceDocumentStore(capacity: 3)
    for id in 0..<5 { store.keep(Self.document(id), id: id, time: Int64(id) * Self.second, maxspan: nil) }
    store.expire(now: 1_000 * Self.second)
    #expect(store.count == 3)
    #expect(store.document(0) == nil && store.document(1) == nil)
    #expect(store.document(4) != nil)
  }

  /// A document in a larger buffer (the decoder's, reused for every event) is kept in one of its own size, so that
  /// kept documents hold no more memory than their text; one already in a buffer of its size is kept as it is.
  @Test func documentsAreKeptInBuffersOfTheirSize() {
    var large = [UInt8]()
    large.reserveCapacity(1 << 20)
    large.append(contentsOf: "{\"n\":1}".utf8)
    let tight = Array("{\"n\":2}".utf8)
    var store = SequenceDocumentStore(capacity: 10)
    store.keep(SourceDocument(bytes: large, index: nil, documentID: "1"), id: 1, time: 0, maxspan: nil)
    store.keep(SourceDocument(bytes: tight, index: nil, documentID: "2"), id: 2, time: 0, maxspan: nil)
    let keptLarge = store.document(1)!.bytes
    let keptTight = store.document(2)!.bytes
    #expect(keptLarge == large && keptLarge.capacity < 1024)
    #expect(keptTight == tight)
    #expect(keptTight.withUnsafeBufferPointer { $0.baseAddress } == tight.withUnsafeBufferPointer { $0.baseAddress })
  }
}
