import Synchronization
import VigilEngine
import VigilEvents

extension ParallelScan {
  /// One thread's decoder, matcher and preparer.
  final class Worker: @unchecked Sendable {
    let decoder: EventDecoder
    var matcher: RuleMatcher
    var preparer: MatchPreparer
    var matched: [RuleMatch] = []
    var prepared: [PreparedMatch] = []
    /// Makes the held text of matched events when the engine holds events for time order, `nil` otherwise: copying
    /// the text and picking the fields here, while the event is in this thread's cache, takes that work off the
    /// engine's thread.
    var heldTexts: HeldEventTextMaker?
    /// Whether the engine still holds events: once it stops, no held text is made.
    let holdsEvents: HoldsEventsFlag
    let defaultIndex: String?

    init(engine: ScanEngine, holdsEvents: HoldsEventsFlag) {
      self.holdsEvents = holdsEvents
      decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      // The engine's router, shared: building one per thread was most of a scan's start.
      matcher = RuleMatcher(ruleSet: engine.ruleSet, router: engine.router)
      preparer = MatchPreparer(ruleSet: engine.ruleSet)
      heldTexts = engine.reorders ? HeldEventTextMaker(ruleSet: engine.ruleSet) : nil
      defaultIndex = engine.defaultIndex
    }

    /// Matches the chunks of `batch` that no other thread has claimed, from the first or, for the engine's thread,
    /// from the last (see ``Batch/claim(fromTheEnd:)``).
    func matchChunks(of batch: Batch, fromTheEnd: Bool = false) {
      while let position = batch.claim(fromTheEnd: fromTheEnd) {
        let first = position * ParallelScan.chunkSize
        match(
          batch.documents[first..<min(first + ParallelScan.chunkSize, batch.documents.count)],
          into: batch.chunks[position])
        batch.complete()
      }
    }

    /// Matches the chunk's documents into its results, which the engine's thread emptied when it ran them last.
    private func match(_ documents: ArraySlice<Batch.Document>, into chunk: Chunk) {
      for (offset, document) in zip(0..., documents) {
        do {
          try decoder.decode(movingText: &chunk.texts[offset], into: &chunk.events[offset])
        } catch {
          chunk.outcomes.append(.bad(error.description))
          chunk.heldTexts.append(nil)
          continue
        }
        chunk.events[offset].index = document.index
        chunk.events[offset].documentID = document.id
        // The event is lent to the calls below: each read of `chunk.events[offset]` as an argument copied it out of
        // the chunk (a class), and even one copy counts a reference to each of its buffers, whose counts the
        // engine's thread wrote last when it ran the chunk's previous events.
        let (index, before) = chunk.events[offset].lend { event in
          let index = matcher.index(of: event, fallback: defaultIndex)
          let before = matcher.evaluations
          matcher.matches(event, index: index, into: &matched)
          preparer.prepare(event, index: index, matched: matched, into: &prepared)
          let holds = !matched.isEmpty && event.timestamp != nil && holdsEvents.value.load(ordering: .relaxed)
          chunk.heldTexts.append(holds ? heldTexts?.make(event, matched: matched[...]) : nil)
          return (index, before)
        }
        let matchesStart = chunk.matches.count
        chunk.matches.append(contentsOf: matched)
        let preparedStart = chunk.prepared.count
        chunk.prepared.append(contentsOf: prepared)
        chunk.outcomes.append(
          .matched(
            index: index, matches: matchesStart..<chunk.matches.count, prepared: preparedStart..<chunk.prepared.count,
            evaluations: matcher.evaluations - before, knownTime: preparer.knownTime))
      }
    }
  }
}
