/// One event a rule matched, as replay keeps it until the schedule is simulated.
struct ReplayEvent {
  /// The event's position in the replay's documents, which is also its input order.
  var document: Int
  /// The primary timestamp (the rule's `timestamp_override`, else `@timestamp`), which places the event in windows;
  /// nanoseconds since the epoch.
  var time: Int64
  /// Whether the override field was missing, so `time` is `@timestamp` (Kibana sorts such events last).
  var fellBack: Bool
  /// The time EQL orders events by (`timestamp_field`, default `@timestamp`); `time` for other rules.
  var order: Int64
  /// What the rule's executor needs besides the document.
  var facts: ReplayFacts
}

/// Per-type values of a matching event, read once when it arrives.
enum ReplayFacts {
  case none
  /// `new_terms`: every combination of the fields' values; threshold: every bucket key.
  case terms([[String]])
  /// `threshold`: bucket keys and the cardinality field's values.
  case threshold(keys: [[String]], cardinality: [String])
  /// `threat_match`: the indicator matches.
  case threat([IndicatorIndex.Match])

  var terms: [[String]] {
    switch self {
    case .terms(let terms), .threshold(let terms, _): terms
    case .none, .threat: []
    }
  }
}
