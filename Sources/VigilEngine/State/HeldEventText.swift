import VigilEvents

/// What the reorder buffer keeps of a matched event for its turn: its text, and the values of the fields its matched
/// rules' executors read then (``Event/HeldFields``), so that the text need not be decoded again.
///
/// Made by a ``HeldEventTextMaker`` where the event was decoded: on a parallel scan's worker, while the event is in
/// that thread's cache, rather than on the engine's thread, which sets the scan's pace.
public struct HeldEventText: Sendable {
  var document: [UInt8]
  var fields: Event.HeldFields
}

/// Makes the ``HeldEventText`` of events for one rule set; one per thread.
public struct HeldEventTextMaker: Sendable {
  private var turnFields: TurnFieldSelection
  /// Buffers of held fields whose events had their turn, for the next events to reuse (``recycle(_:)``).
  private var spareStorage: [[UInt8]] = []
  /// Most spare buffers kept.
  static let spareCapacity = 16

  public init(ruleSet: CompiledRuleSet) {
    turnFields = TurnFieldSelection(ruleSet: ruleSet)
  }

  /// The text and turn fields of `event`, which matched the rules `matched`.
  public mutating func make(_ event: Event, matched: ArraySlice<RuleMatch>) -> HeldEventText {
    HeldEventText(
      document: event.bytes.withUnsafeBufferPointer { Array($0) },
      fields: event.held(turnFields.select(matched), reusing: spareStorage.popLast() ?? []))
  }

  /// Keeps the buffer of `text`'s fields, whose event had its turn, for a later ``make(_:matched:)``.
  public mutating func recycle(_ text: inout HeldEventText) {
    guard spareStorage.count < Self.spareCapacity else { return }
    let storage = text.fields.takeStorage()
    if storage.capacity > 0 { spareStorage.append(storage) }
  }
}
