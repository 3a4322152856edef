import VigilEvents

/// The join keys of the event being processed, by key group (the key fields and which of them are optional), read
/// when first needed.
///
/// A matcher keeps its own by default. The matchers of a scan can share one instead: rules that join on the same
/// fields (`host.id, process.entity_id`, say) then read and encode the event's key once, and their tables hold the
/// same storage. The owner of a shared instance calls ``startEvent()`` before each event; it is used by one thread at
/// a time.
public final class EQLJoinKeys: @unchecked Sendable {
  private var groups: [Group] = []
  /// Counts events: a group's key was read for the current event when its `event` equals it.
  private var event = 1

  private struct Group {
    var fields: [FieldID]
    var optional: [Bool]
    /// The event's keys, the first `count`: its one key read in place, or the combinations of multi-valued key
    /// fields' values.
    var keys = [EQLSequenceMatcher.JoinKey()]
    var count = 0
    var event = 0
  }

  public init() {}

  /// Forgets the keys read so far: the next ones are of another event.
  public func startEvent() {
    event += 1
  }

  /// The group of the key of `fields` (`optional` telling which may be absent), made when new.
  func group(fields: [FieldID], optional: [Bool]) -> Int {
    if let known = groups.firstIndex(where: { $0.fields == fields && $0.optional == optional }) { return known }
    groups.append(Group(fields: fields, optional: optional))
    return groups.count - 1
  }

  /// The current event's keys for `stage` (of group `stage.keyGroup`): none when a required field has no value,
  /// one per combination of values when key fields are multi-valued (``EQLSequenceMatcher/JoinKey``), else one.
  func keys(_ stage: EQLSequenceMatcher.Stage, _ event: Event) -> ArraySlice<EQLSequenceMatcher.JoinKey> {
    let group = stage.keyGroup
    if groups[group].event != self.event {
      groups[group].event = self.event
      groups[group].count = Self.read(stage, event, into: &groups[group].keys)
    }
    return groups[group].keys[..<groups[group].count]
  }

  /// Reads `event`'s keys for `stage` into the first elements of `keys` and returns their number: a single key
  /// into the storage of the first.
  static func read(
    _ stage: EQLSequenceMatcher.Stage, _ event: Event, into keys: inout [EQLSequenceMatcher.JoinKey]
  ) -> Int {
    switch keys[0].read(stage, event) {
    case .key: return 1
    case .missing: return 0
    case .multiValued:
      let combinations = EQLSequenceMatcher.JoinKey.combinations(stage, event)
      keys = combinations.isEmpty ? [EQLSequenceMatcher.JoinKey()] : combinations
      return combinations.count
    }
  }
}
