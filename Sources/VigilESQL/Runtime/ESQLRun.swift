import VigilEvents
import VigilQuery

/// One run of an ``ESQLProgram`` over a stream of events: ``feed(_:source:allFields:)`` each event, then ``finish()``.
///
/// Row commands up to the first `STATS`, `SORT` or `LIMIT` run as each event arrives; a `STATS` there aggregates
/// as rows arrive, so only its groups are held. The rest runs in ``finish()``.
public struct ESQLRun {
  let program: ESQLProgram
  var evaluator: ESQLEvaluator
  /// The number of stages run per event.
  let streamed: Int
  var buffered: [ESQLRow] = []
  var groups: ESQLGroups?
  var fed = 0
  /// Per stage, the column layout it last computed (``ESQLLayout``); at first, those the program computed. Stored
  /// unwrapped, with ``layoutKnown`` telling which are real: reading a field of an optional element copied (and
  /// retained) the whole layout for every row.
  var layouts: [ESQLLayout]
  var layoutKnown: [Bool]
  /// The field values of the event being fed, when the caller shares none.
  private var ownFields = ESQLFieldCache()
  /// The values the row filter works on (``ESQLProgram/rowFilter``) and those a streamed `STATS` reads
  /// (``ESQLProgram/statsSources``), reused from one event to the next, and the latter's positions.
  private var filterValues: [ESQLValue] = []
  private var statsValues: [ESQLValue] = []
  private let statsSlots: [Int]
  /// The contributions the last events made (``streamed(_:source:allFields:sharing:)``), kept so that later events
  /// reuse their storage once the caller has let go of them (a new array per event was a scan's most frequent
  /// allocation): a ring, since a parallel scan holds what a worker made until the engine's thread has run it.
  private var recentContributions: [ESQLGroups.Contributions] = []
  private var nextRecent = 0
  /// The contributions ``recentContributions`` keeps: more than the events a parallel scan on four threads has in
  /// flight (VigilIO's `ParallelScan`, seven batches of 128); a rule most events reach fills it, one few events reach
  /// keeps few.
  static let recentContributionCount = 1024
  /// The `STATS` that aggregates rows as they come, if any (that of ``groups``).
  private let streamedStats: ESQLStatsPlan?
  /// Whether expressions read the event itself (full-text conditions): the evaluator is then given it.
  private let readsEvent: Bool
  /// The most columns a row has before the first blocking command: room reserved in a new row.
  private let rowCapacity: Int
  /// The row filter (``ESQLProgram/rowFilter``), held apart so that testing an event copies nothing out of the
  /// program.
  private let rowFilter: ESQLRowFilter?

  init(program: ESQLProgram, now: Int64) {
    self.program = program
    evaluator = ESQLEvaluator(matchers: program.matchers, now: now)
    layouts = program.layouts.map { $0 ?? ESQLLayout(input: [], outputs: [[]]) }
    layoutKnown = program.layouts.map { $0 != nil }
    statsSlots = Array((program.statsSources ?? []).indices)
    streamed = program.stages.firstIndex(where: \.isBlocking) ?? program.stages.count
    if streamed < program.stages.count, case .stats(let plan) = program.stages[streamed], !plan.inline {
      groups = ESQLGroups(plan: plan)
      streamedStats = plan
    } else {
      streamedStats = nil
    }
    readsEvent = program.matchers.readsEvent
    let widths = program.layouts.prefix(streamed).compactMap { $0?.outputs.map(\.count).max() }
    rowCapacity = max(program.boundRow.sources.count, widths.max() ?? 0)
    rowFilter = program.rowFilter
  }

  /// Empties the run for another batch of events, with `NOW()` at `now`, as a new run of the program would start
  /// (what it learned of row layouts stays): running each event of a non-aggregating query on its own then costs
  /// no new run per event.
  public mutating func restart(now: Int64) {
    evaluator.now = now
    evaluator.warnings = 0
    buffered.removeAll(keepingCapacity: true)
    if let plan = groups?.plan { groups = ESQLGroups(plan: plan) }
    fed = 0
  }

  /// The number of events fed so far; the next event's ``ESQLRow/source`` is this.
  public var eventCount: Int { fed }

  /// Runs the streaming part of the pipeline on one event.
  /// - Parameters:
  ///   - event: the event decoded with the catalog of the resolver the program was compiled with.
  ///   - source: the number the rows of this event carry in ``ESQLRow/source`` (say, the event's position in the
  ///     engine's window buffer); by default the number of events fed or skipped before it.
  ///   - allFields: when ``ESQLProgram/wantsAllFields``, the same document decoded with every field (an
  ///     ``EventDecoder`` made with `init()`) and that decoder's catalog: its other fields become columns too.
  public mutating func feed(
    _ event: Event, source: Int? = nil, allFields: (event: Event, catalog: FieldCatalog)? = nil
  ) {
    var fields = ESQLFieldCache()
    swap(&fields, &ownFields)
    fields.startEvent()
    feed(event, source: source, allFields: allFields, sharing: &fields)
    swap(&fields, &ownFields)
  }

  /// ``feed(_:source:allFields:)`` with the field values of `event` that other runs made: the runs fed the same
  /// event share them.
  public mutating func feed(
    _ event: Event, source: Int? = nil, allFields: (event: Event, catalog: FieldCatalog)? = nil,
    sharing fields: inout ESQLFieldCache
  ) {
    accept(wantsRows ? streamed(event, source: source ?? fed, allFields: allFields, sharing: &fields) : .nothing)
  }

  /// What one event brings to runs of this program: the rows its streaming commands make and, for a run that
  /// aggregates them as they come (`STATS`), what each row brings to the groups.
  public struct Streamed: Sendable {
    var rows: [ESQLRow]
    var contributions: ESQLGroups.Contributions

    /// An event that brings nothing (its rows were dropped, or are not wanted).
    public static let nothing = Streamed(rows: [], contributions: ESQLGroups.Contributions())
  }

  /// What the streaming part of the pipeline makes of one event (whose rows carry `source`), without adding it to
  /// this run: ``accept(_:)`` adds it, to this run or to other runs of the same program, so that overlapping
  /// windows evaluate an event once. Runs may share it only when the program's ``ESQLProgram/streamingIgnoresNow``
  /// (it does not depend on the run's `NOW()`). `fields` are the field values of `event` (see ``ESQLFieldCache``).
  public mutating func streamed(
    _ event: Event, source: Int, allFields: (event: Event, catalog: FieldCatalog)? = nil,
    sharing fields: inout ESQLFieldCache
  ) -> Streamed {
    // Setting the event retains each of its buffers: only for the programs that read it.
    if readsEvent { evaluator.event = event }
    defer { if readsEvent { evaluator.event = nil } }
    if let sources = program.statsSources, expandsToOneRow(event, &fields) {
      guard passesRowFilter(event, &fields, makesRow: false) else { return .nothing }
      statsValues.removeAll(keepingCapacity: true)
      for source in sources { statsValues.append(source.map { value($0, event, &fields) } ?? .null) }
      let view = ESQLRowView(values: statsValues, slots: statsSlots)
      var contributions = reusedContributions()
      streamedStats!.contribute(view, evaluator: &evaluator, into: &contributions)
      keep(contributions)
      return Streamed(rows: [], contributions: contributions)
    }
    let rows = streamedRows(event, source: source, allFields: allFields, fields: &fields)
    guard let stats = streamedStats else { return Streamed(rows: rows, contributions: ESQLGroups.Contributions()) }
    var contributions = reusedContributions()
    for row in rows {
      let view = ESQLRowView(values: row.values, slots: slots(streamed, row.columns))
      stats.contribute(view, evaluator: &evaluator, into: &contributions)
    }
    keep(contributions)
    return Streamed(rows: [], contributions: contributions)
  }

  /// Empty contributions on the storage of the oldest kept: emptied in place when no one holds them any more, on new
  /// storage when someone does (an event held for time order, say).
  private mutating func reusedContributions() -> ESQLGroups.Contributions {
    guard recentContributions.count == Self.recentContributionCount else { return ESQLGroups.Contributions() }
    var contributions = ESQLGroups.Contributions()
    swap(&contributions, &recentContributions[nextRecent])
    contributions.removeAll()
    return contributions
  }

  /// Keeps the contributions an event made, in the place of those ``reusedContributions()`` took.
  private mutating func keep(_ contributions: ESQLGroups.Contributions) {
    if recentContributions.count < Self.recentContributionCount {
      recentContributions.append(contributions)
    } else {
      recentContributions[nextRecent] = contributions
      nextRecent = (nextRecent + 1) % Self.recentContributionCount
    }
  }

  /// Whether the columns the commands before a streamed `STATS` expand (``ESQLProgram/statsExpansions``) have one
  /// value at most in `event`, so that it makes one row.
  private func expandsToOneRow(_ event: Event, _ fields: inout ESQLFieldCache) -> Bool {
    for source in program.statsExpansions where value(source, event, &fields).isMulti { return false }
    return true
  }

  /// Whether rows fed now can still reach the result: with no `STATS`, `SORT` or `LIMIT`, rows past the result
  /// limit never can.
  public var wantsRows: Bool {
    groups != nil || streamed < program.stages.count || buffered.count < program.resultLimit
  }

  /// The rows the streaming commands make of one event, whose rows carry `source`.
  private mutating func streamedRows(
    _ event: Event, source: Int, allFields: (event: Event, catalog: FieldCatalog)?, fields: inout ESQLFieldCache
  ) -> [ESQLRow] {
    guard passesRowFilter(event, &fields) else { return [] }
    let first = rowFilter?.opensWithFilter == true ? 1 : 0
    var row = sourceRow(event, allFields: allFields, fields: &fields)
    row.source = source
    var rows = [row]
    for position in first..<streamed {
      apply(position, to: &rows)
      if rows.isEmpty { break }
    }
    return rows
  }

  /// Whether the event passes the row filter (always, without one): run on the few bound fields it reads, before
  /// any row is made. With `makesRow` (an event that passes then makes its row), the warnings of the commands its
  /// row runs again are not counted here.
  private mutating func passesRowFilter(_ event: Event, _ fields: inout ESQLFieldCache, makesRow: Bool = true) -> Bool {
    guard let rowFilter else { return true }
    // An event that passes runs the commands again on its row, all but an opening `WHERE`: only the warnings of
    // that one count now. Without a row, they all count.
    var warnings = evaluator.warnings
    // Taken out while the commands run on it, and put back for the next event to reuse.
    var values: [ESQLValue] = []
    swap(&values, &filterValues)
    defer { swap(&values, &filterValues) }
    values.removeAll(keepingCapacity: true)
    var first = 0
    if !rowFilter.conjuncts.isEmpty {
      guard passesOpeningWhere(event, &values, rowFilter, &fields) else { return false }
      warnings = evaluator.warnings
      first = 1
    }
    // The commands after an opening `WHERE` read every source; with none, the values would be made for nothing.
    if first < rowFilter.stageCount {
      makeValues(&values, upTo: rowFilter.sources.count, rowFilter, event, &fields)
      guard passesFilterStages(from: first, &values, rowFilter, keeping: &warnings) else { return false }
    }
    if makesRow { evaluator.warnings = warnings }
    return true
  }

  /// Whether the event passes the opening `WHERE`, tried condition by condition (``ESQLRowFilter/conjuncts``) as
  /// its `AND`s evaluate them: it fails at the first false one, and a `null` one fails it once the rest are tried.
  /// `values` gets the values the conditions tried read, from the first source on.
  private mutating func passesOpeningWhere(
    _ event: Event, _ values: inout [ESQLValue], _ rowFilter: ESQLRowFilter, _ fields: inout ESQLFieldCache
  ) -> Bool {
    let slots = rowFilter.layouts[0].slots[0]
    let alone = rowFilter.conjuncts.count == 1
    var allHold = true
    // By position: a `for … in` loop copied each condition, retaining what it holds.
    for index in rowFilter.conjuncts.indices {
      var holds = rowFilter.conjuncts[index].shortcut?.decide(event)
      if holds == nil {
        makeValues(&values, upTo: rowFilter.conjuncts[index].sourcesNeeded, rowFilter, event, &fields)
        let result = evaluator.evaluate(
          rowFilter.conjuncts[index].expression, ESQLRowView(values: values, slots: slots))
        // A whole condition holds only when `true`; an operand of `AND` is read as a boolean (a multi-value warns).
        holds = alone ? result == .boolean(true) : evaluator.logical(result)
      }
      if holds == false { return false }
      if holds == nil { allHold = false }
    }
    return allHold
  }

  /// Appends to `values` the values of the filter's sources after those it has, up to `count`.
  private mutating func makeValues(
    _ values: inout [ESQLValue], upTo count: Int, _ rowFilter: ESQLRowFilter, _ event: Event,
    _ fields: inout ESQLFieldCache
  ) {
    while values.count < count { values.append(value(rowFilter.sources[values.count], event, &fields)) }
  }

  /// Whether the row `values` passes the filter's commands from `first` on; an `MV_EXPAND` that makes rows runs the
  /// rest on each, as the pipeline does, until one passes. `warnings` is set to the count an opening `WHERE` leaves.
  private mutating func passesFilterStages(
    from first: Int, _ values: inout [ESQLValue], _ rowFilter: ESQLRowFilter, keeping warnings: inout Int
  ) -> Bool {
    for position in first..<rowFilter.stageCount {
      switch program.stages[position] {
      case .filter(let condition, _):
        let slots = rowFilter.layouts[position].slots[0]
        guard evaluator.holds(condition, ESQLRowView(values: values, slots: slots)) else { return false }
        if position == 0 { warnings = evaluator.warnings }
      case .eval(let steps):
        let layout = rowFilter.layouts[position]
        for step in steps.indices {
          let value = evaluator.evaluate(steps[step].expression, ESQLRowView(values: values, slots: layout.slots[step]))
          if let replaced = layout.positions[step] { values.remove(at: replaced) }
          values.append(value)
        }
      case .mvExpand:
        guard let column = rowFilter.layouts[position].positions[0] else { continue }
        // Only a multi-value makes more than one row (asking a single value for its elements would allocate).
        guard case .multi(let elements) = values[column], elements.count > 1 else { continue }
        for element in elements {
          var row = values
          row[column] = element
          if passesFilterStages(from: position + 1, &row, rowFilter, keeping: &warnings) { return true }
        }
        return false
      default:
        preconditionFailure("a row filter runs only WHERE, EVAL and MV_EXPAND")
      }
    }
    return true
  }

  /// Adds what ``streamed(_:source:allFields:sharing:)`` made of one event, counting the event as fed.
  public mutating func accept(_ streamed: Streamed) {
    fed += 1
    if groups != nil {
      groups!.add(streamed.contributions)
    } else {
      buffered += streamed.rows
    }
  }

  /// Counts an event that the caller filtered out with ``ESQLProgram/sourcePredicate``, so that the positions in
  /// ``ESQLRow/source`` stay those of the events offered.
  public mutating func skip() {
    fed += 1
  }

  /// Runs the rest of the pipeline and returns the rows, at most ``ESQLProgram/resultLimit``.
  public mutating func finish() -> ESQLResult {
    var rows = buffered
    var next = streamed
    if var groups {
      rows = groups.rows(evaluator: &evaluator)
      next += 1
    }
    for position in next..<program.stages.count { apply(position, to: &rows) }
    if rows.count > program.resultLimit { rows.removeLast(rows.count - program.resultLimit) }
    var columns = rows.first?.columns ?? []
    if rows.contains(where: { $0.columns != columns }) {
      var seen = Set<String>()
      columns = []
      for row in rows {
        for column in row.columns where seen.insert(column).inserted { columns.append(column) }
      }
    }
    return ESQLResult(columns: columns, rows: rows, warnings: evaluator.warnings)
  }

  /// The row `FROM` makes of an event: the fields the query reads (every field, when it outputs them all), sorted
  /// by name, then the metadata columns.
  func sourceRow(
    _ event: Event, allFields: (event: Event, catalog: FieldCatalog)?, fields: inout ESQLFieldCache
  ) -> ESQLRow {
    if !program.wantsAllFields { return boundRow(event, &fields) }
    var row = ESQLRow(source: fed)
    var pairs: [(String, ESQLValue)] = program.fields.map {
      ($0.name, fields.value($0.id, type: $0.type, caseless: $0.isCaseless, in: event))
    }
    var named = Set(program.fields.map(\.name))
    if program.wantsAllFields, let (document, catalog) = allFields {
      for id in document.fields where id.index < catalog.count {
        let path = catalog.path(id)
        guard program.outputsAllFields || program.fieldPatterns.contains(where: { $0.matches(path) }) else { continue }
        guard named.insert(path).inserted else { continue }
        let value = fields.value(id, type: FieldTypes.type(of: path), ofAllFields: document)
        if !value.isNull { pairs.append((path, value)) }
      }
    }
    pairs.sort { $0.0 < $1.0 }
    row.columns = pairs.map(\.0)
    row.values = pairs.map(\.1)
    appendMetadata(to: &row, event, &fields)
    return row
  }

  /// The row of the fields the query reads, sorted by name, then the metadata columns (``ESQLProgram/boundRow``).
  private func boundRow(_ event: Event, _ fields: inout ESQLFieldCache) -> ESQLRow {
    var row = ESQLRow(columns: program.boundRow.columns, source: fed)
    row.values.reserveCapacity(rowCapacity)
    for source in program.boundRow.sources { row.values.append(value(source, event, &fields)) }
    return row
  }

  private func value(_ source: ESQLBoundRow.Source, _ event: Event, _ fields: inout ESQLFieldCache) -> ESQLValue {
    switch source {
    case .field(let id, let type, let caseless): fields.value(id, type: type, caseless: caseless, in: event)
    case .metadata(let metadata): metadataValue(metadata, event, &fields)
    }
  }

  private func appendMetadata(to row: inout ESQLRow, _ event: Event, _ fields: inout ESQLFieldCache) {
    for name in program.metadataFields {
      row.append(name, metadataValue(ESQLBoundRow.Metadata(name), event, &fields))
    }
  }

  private func metadataValue(
    _ metadata: ESQLBoundRow.Metadata, _ event: Event, _ fields: inout ESQLFieldCache
  ) -> ESQLValue {
    switch metadata {
    case .id: event.documentID.map(ESQLValue.string) ?? .null
    case .source: .source(String(decoding: event.bytes, as: UTF8.self))
    case .index: fields.index(of: event, dataStream: program.dataStreamFields)
    case .other: .null
    }
  }
}
