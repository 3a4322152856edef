import VigilESQL
import VigilEvents

/// Does the part of the executors' work on a matched event that depends on that event alone, so that it can run on
/// the thread that matched the event: the thread that runs the executors in input order then has only the stateful
/// part left (see ``ScanEngine/process(_:index:matched:prepared:evaluations:emit:)``).
///
/// That part is the ES|QL rules': a non-aggregating query runs whole on each event, and an aggregating one's
/// streaming commands make what the event adds to its `STATS` groups. Each thread keeps its own preparer.
public struct MatchPreparer {
  private let ruleSet: CompiledRuleSet
  /// What is prepared for a rule.
  private enum Kind: UInt8 {
    case nothing
    /// A non-aggregating ES|QL rule: its run, restarted for each event, gives the alerts.
    case rows
    /// An aggregating ES|QL rule whose streaming commands do not read `NOW()`: its run makes what each event adds to
    /// every window it falls in.
    case windows
  }
  /// By rule position; told apart by `kinds`, since reading the tag of a large optional cost more than a byte.
  private let kinds: [Kind]
  private var runs: [ESQLRun?]
  /// By rule position, the field that overrides `@timestamp`.
  private let timestampOverrides: [FieldID?]
  /// The field values of the current event, shared by all its ES|QL rules.
  private var fields = ESQLFieldCache()
  /// The time of the last event prepared by the timestamp override of its first matched rule that has one (most
  /// override with `event.ingested`), for ``ScanEngine/process(_:index:matched:prepared:evaluations:heldText:knownTime:emit:)``:
  /// parsed on the thread that matched the event rather than on the one that runs the executors in order.
  public private(set) var knownTime: EventTimes.Known?

  public init(ruleSet: CompiledRuleSet) {
    self.ruleSet = ruleSet
    timestampOverrides = ruleSet.rules.map(\.timestampOverride)
    kinds = ruleSet.rules.map { compiled in
      switch compiled.execution {
      case .esqlRows: .rows
      case .esqlWindows(let program, _, _) where program.streamingIgnoresNow: .windows
      default: .nothing
      }
    }
    runs = ruleSet.rules.map { compiled in
      switch compiled.execution {
      case .esqlRows(let program): program.start(now: 0)
      case .esqlWindows(let program, _, _) where program.streamingIgnoresNow: program.start(now: 0)
      default: nil
      }
    }
  }

  /// Prepares `event` (from `index`) for each rule of `matched` that has work to prepare, appending it to `prepared`
  /// in the order of `matched`.
  public mutating func prepare(
    _ event: Event, index: String?, matched: [RuleMatch], into prepared: inout [PreparedMatch]
  ) {
    prepared.removeAll(keepingCapacity: true)
    startEvent()
    for match in matched {
      guard let field = timestampOverrides[Int(match.rule)] else { continue }
      knownTime = EventTimes.Known(of: event, override: field)
      break
    }
    for match in matched where kinds[Int(match.rule)] != .nothing {
      if let result = prepare(match, event, index: index) { prepared.append(PreparedMatch(rule: match.rule, result)) }
    }
  }

  /// Forgets the last event's field values: call it before preparing the first rule of an event with
  /// ``prepare(_:_:index:)``.
  public mutating func startEvent() {
    fields.startEvent()
    knownTime = nil
  }

  /// What rule `match` needs prepared of `event`, if anything.
  public mutating func prepare(_ match: RuleMatch, _ event: Event, index: String?) -> PreparedMatch.Result? {
    let position = Int(match.rule)
    switch kinds[position] {
    case .nothing: return nil
    case .rows: return .alerts(rowAlerts(position, event, index: index))
    case .windows: return .esqlStreamed(runs[position]!.streamed(event, source: 0, sharing: &fields))
    }
  }

  /// The alerts of a non-aggregating ES|QL rule: one per row the event gives. They spend no `max_signals` budget.
  private mutating func rowAlerts(_ position: Int, _ event: Event, index: String?) -> [Alert] {
    let time = event.timestamp ?? ScanEngine.now()
    runs[position]!.restart(now: time)
    runs[position]!.feed(event, source: 0, sharing: &fields)
    let rows = runs[position]!.finish().rows
    // The program is taken out of the rule only for an alert: a copy retains each of its arrays.
    let compiled = ruleSet.rules[position]
    guard !rows.isEmpty, case .esqlRows(let program) = compiled.execution else { return [] }
    let source = SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID)
    return rows.map { ESQLRowAlert.build(compiled, program: program, row: $0, source: source, alertTime: time) }
  }
}
