/// The source documents that EQL sequence rules may still need, kept once for all rules: a document stays while the
/// longest `maxspan` of the rules that took it has not passed (one first-in-first-out queue per `maxspan`), and at
/// most `capacity` are kept. A sequence completed after one of its documents left gives no alert and is counted.
struct SequenceDocumentStore {
  private var documents: [Int: SourceDocument] = [:]
  /// For each `maxspan` (nanoseconds; `nil` for none), the ids and times of the documents it keeps, oldest first.
  private var queues: [Int64?: (items: [(id: Int, time: Int64)], head: Int)] = [:]
  /// The `maxspan` that keeps each document.
  private var keeper: [Int: Int64?] = [:]
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
  }

  var count: Int { documents.count }

  /// Keeps `source` (event `id` at `time`) for a rule whose sequences span at most `maxspan`.
  mutating func keep(_ source: SourceDocument, id: Int, time: Int64, maxspan: Int64?) {
    if let current = keeper[id] {
      // Already kept: it stays as long as the longest maxspan that needs it.
      guard let span = maxspan, let kept = current, span > kept else { return }
    } else {
      documents[id] = source.compacted()
    }
    keeper[id] = maxspan
    queues[maxspan, default: ([], 0)].items.append((id, time))
  }

  func document(_ id: Int) -> SourceDocument? { documents[id] }

  /// Drops documents whose keeping span has passed at `now`, then the oldest beyond `capacity`.
  mutating func expire(now: Int64) {
    for span in Array(queues.keys) {
      guard let span else { continue }
      drain(span) { $0.time < now - span }
    }
    while documents.count > capacity, let span = queues.keys.min(by: { oldest($0) < oldest($1) }) {
      drain(span, limit: documents.count - capacity) { _ in true }
    }
  }

  private func oldest(_ span: Int64?) -> Int64 {
    guard let queue = queues[span], queue.head < queue.items.count else { return .max }
    return queue.items[queue.head].time
  }

  private mutating func drain(_ span: Int64?, limit: Int = .max, while condition: ((id: Int, time: Int64)) -> Bool) {
    guard var queue = queues.removeValue(forKey: span) else { return }
    var removed = 0
    while queue.head < queue.items.count, removed < limit, condition(queue.items[queue.head]) {
      let id = queue.items[queue.head].id
      // A document moved to a longer span's queue is dropped only from there.
      if let kept = keeper[id], kept == span {
        documents[id] = nil
        keeper[id] = nil
        removed += 1
      }
      queue.head += 1
    }
    if queue.head > 4096, queue.head * 2 > queue.items.count {
      queue.items.removeFirst(queue.head)
      queue.head = 0
    }
    queues[span] = queue
  }
}
