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
    var key = EQLSequenceMatcher.JoinKey()
    var event = 0
    var isPresent = false
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

  /// The current event's key for `stage` (of group `stage.keyGroup`), or `nil` when a required field has no value.
  func key(_ stage: EQLSequenceMatcher.Stage, _ event: Event) -> EQLSequenceMatcher.JoinKey? {
    let group = stage.keyGroup
    if groups[group].event != self.event {
      groups[group].event = self.event
      groups[group].isPresent = groups[group].key.read(stage, event)
    }
    return groups[group].isPresent ? groups[group].key : nil
  }
}
