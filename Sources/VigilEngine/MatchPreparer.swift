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
  /// By rule position: the run of a non-aggregating ES|QL rule, restarted for each event.
  private var rowRuns: [ESQLRun?]
  /// By rule position: for an aggregating ES|QL rule whose streaming commands do not read `NOW()`, a run that makes
  /// what each event adds to every window it falls in.
  private var streamers: [ESQLRun?]
  /// The field values of the current event, shared by all its ES|QL rules.
  private var fields = ESQLFieldCache()
  /// By rule position: whether the rule has work to prepare (telling from the runs reads a large optional).
  private let prepares: [Bool]

  public init(ruleSet: CompiledRuleSet) {
    self.ruleSet = ruleSet
    rowRuns = ruleSet.rules.map { compiled in
      guard case .esqlRows(let program) = compiled.execution else { return nil }
      return program.start(now: 0)
    }
    streamers = ruleSet.rules.map { compiled in
      guard case .esqlWindows(let program, _, _) = compiled.execution, program.streamingIgnoresNow else { return nil }
      return program.start(now: 0)
    }
    prepares = zip(rowRuns, streamers).map { $0 != nil || $1 != nil }
  }

  /// Prepares `event` (from `index`) for each rule of `matched` that has work to prepare, appending it to `prepared`
  /// in the order of `matched`.
  public mutating func prepare(
    _ event: Event, index: String?, matched: [RuleMatch], into prepared: inout [PreparedMatch]
  ) {
    prepared.removeAll(keepingCapacity: true)
    startEvent()
    for match in matched where prepares[Int(match.rule)] {
      if let result = prepare(match, event, index: index) { prepared.append(PreparedMatch(rule: match.rule, result)) }
    }
  }

  /// Forgets the last event's field values: call it before preparing the first rule of an event with
  /// ``prepare(_:_:index:)``.
  public mutating func startEvent() {
    fields.startEvent()
  }

  /// What rule `match` needs prepared of `event`, if anything.
  public mutating func prepare(_ match: RuleMatch, _ event: Event, index: String?) -> PreparedMatch.Result? {
    let position = Int(match.rule)
    if rowRuns[position] != nil {
      return .alerts(rowAlerts(position, event, index: index))
    }
    if streamers[position] != nil {
      return .esqlStreamed(streamers[position]!.streamed(event, source: 0, sharing: &fields))
    }
    return nil
  }

  /// The alerts of a non-aggregating ES|QL rule: one per row the event gives. They spend no `max_signals` budget.
  private mutating func rowAlerts(_ position: Int, _ event: Event, index: String?) -> [Alert] {
    let time = event.timestamp ?? ScanEngine.now()
    rowRuns[position]!.restart(now: time)
    rowRuns[position]!.feed(event, source: 0, sharing: &fields)
    let rows = rowRuns[position]!.finish().rows
    // The program is taken out of the rule only for an alert: a copy retains each of its arrays.
    let compiled = ruleSet.rules[position]
    guard !rows.isEmpty, case .esqlRows(let program) = compiled.execution else { return [] }
    let source = SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID)
    return rows.map { ESQLRowAlert.build(compiled, program: program, row: $0, source: source, alertTime: time) }
  }
}
