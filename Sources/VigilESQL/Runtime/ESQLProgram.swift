import VigilEvents
import VigilQuery

/// Lowers the text of a `KQL("…")` call to the IR, binding fields through the resolver; `nil` when the text is not
/// valid KQL. VigilESQL does not depend on VigilKQL, so the engine (or the CLI) passes this in.
public typealias ESQLKQLLowering = @Sendable (_ query: String, _ fields: inout FieldResolver) -> Predicate?

/// An ES|QL query compiled to run over events: compile once, then ``run(_:now:)`` a batch of events (a
/// window), or ``start(now:)`` a run and feed events one at a time.
public struct ESQLProgram: Sendable {
  /// The query.
  public let query: ESQLQuery
  /// The `FROM` index patterns, for the engine to select events.
  public let sourcePatterns: [String]
  /// The `METADATA` fields, which become columns (`_id`, `_index`, `_version`).
  public let metadataFields: [String]
  /// The columns `MV_EXPAND` expands, in order: Kibana puts their values into a non-aggregating alert's id so that
  /// the rows of one document stay distinct.
  public var expandedColumns: [String] {
    query.commands.compactMap { if case .mvExpand(let pattern) = $0.kind { pattern.text } else { nil } }
  }
  /// Whether the query aggregates (has `STATS` or `INLINE STATS`); as Kibana decides it.
  public let isAggregating: Bool
  /// A condition every event that can contribute a row satisfies, lowered from the `WHERE` right after `FROM`:
  /// the engine can route and pre-filter events with it. The runtime still evaluates the whole `WHERE` on rows, so
  /// parts that could not be lowered (or multi-value nuances) are handled there. `always` when nothing lowers.
  public let sourcePredicate: Predicate
  /// The document fields the query reads, bound through the resolver given to
  /// ``compile(_:fields:kql:defaultLimit:maximumLimit:)``.
  public let fields: [FieldBinding]
  /// Every document field the program reads, as ids of the resolver's catalog: ``fields``, those of `KQL()` and
  /// `MATCH` conditions, of the pre-filter and the data stream fields of `_index`. The engine's decoder must
  /// decode at least these.
  public var fieldIDs: Set<FieldID> {
    var ids = Set(fields.map(\.id)).union(dataStreamFields.map(\.id))
    for program in matchers.fullText.values { ids.formUnion(program.fields) }
    for fuzzy in matchers.fuzzy.values { ids.insert(fuzzy.field) }
    return ids.union(PredicateProgram(sourcePredicate).fields)
  }
  /// Whether rows carry every field of the document (no `KEEP` and no `STATS`): pass each document decoded with
  /// all its fields to ``ESQLRun/feed(_:source:allFields:)`` so that fields the query does not name become columns too.
  public let outputsAllFields: Bool
  /// The `KEEP` wildcards that select document fields (`process.*`). They are not bound (a `KEEP *` would make
  /// the decoder read every field): the document fields they match become columns when the fully decoded
  /// document is passed to ``ESQLRun/feed(_:source:allFields:)``. The engine need not: a non-aggregating alert
  /// starts from the source document, which holds those values already.
  public let fieldPatterns: [ESQLNamePattern]
  /// Whether ``ESQLRun/feed(_:source:allFields:)`` wants the fully decoded document: ``outputsAllFields`` or
  /// ``fieldPatterns``.
  public var wantsAllFields: Bool { outputsAllFields || !fieldPatterns.isEmpty }
  /// The row `FROM` makes of ``fields`` (sorted by name, without repeats) and the metadata fields.
  let boundRow: ESQLBoundRow
  /// The `WHERE` and `EVAL` commands a run tests an event with before it makes a row, when the pipeline opens
  /// with such commands.
  let rowFilter: ESQLRowFilter?
  /// When a `STATS` aggregates the rows as they come and the commands before it only drop rows (``rowFilter``'s
  /// `WHERE`s and `MV_EXPAND`s) or columns it does not read (`KEEP`, `DROP`), the sources in ``boundRow`` of the
  /// columns it reads: a run evaluates what an event brings to it from these, without making a row.
  let statsSources: [ESQLBoundRow.Source?]?
  /// The sources of the columns those commands `MV_EXPAND`: an event with several values in one makes several rows,
  /// and takes the way of rows.
  let statsExpansions: [ESQLBoundRow.Source]
  /// Whether the query never calls `NOW()`, so that the rows the streaming commands make of an event are the same
  /// in every run: overlapping windows may then share them (``ESQLRun/streamed(_:source:allFields:sharing:)``).
  public let streamingIgnoresNow: Bool
  /// The cap on result rows: Elasticsearch's implicit `LIMIT 1000` when no `LIMIT` follows the last `STATS`, else
  /// its hard cap of 10,000 rows.
  public let resultLimit: Int

  let stages: [ESQLStage]
  /// Per stage, the layout of the rows that come to it when all source rows have the columns of ``boundRow`` (up
  /// to the first `STATS`): a run starts from these instead of computing them for its first row.
  let layouts: [ESQLLayout?]
  let matchers: ESQLMatchers
  /// `data_stream.type`, `.dataset`, `.namespace`: `_index` of an event read without one is its data stream.
  let dataStreamFields: [FieldBinding]

  /// Compiles `query`, binding the fields it reads through `fields`. Returns the constructs Vigil cannot run
  /// instead when there are any (the program is then `nil`).
  /// - Parameters:
  ///   - defaultLimit: the implicit `LIMIT` (Elasticsearch's `esql.query.result_truncation_default_size`).
  ///   - maximumLimit: the cap on any `LIMIT` (`esql.query.result_truncation_max_size`).
  public static func compile(
    _ query: ESQLQuery, fields: inout FieldResolver, kql: ESQLKQLLowering? = nil, defaultLimit: Int = 1000,
    maximumLimit: Int = 10_000
  ) -> ESQLCompileResult {
    var compiler = ESQLCompiler(query: query, kql: kql)
    let stages = compiler.compileStages(fields: &fields)
    guard compiler.unsupported.isEmpty else {
      return ESQLCompileResult(program: nil, unsupported: compiler.unsupported)
    }
    var bindings: [FieldBinding] = []
    for name in query.referencedFields { bindings.append(fields.bind(name)) }
    let predicate = compiler.sourcePredicate(fields: &fields)
    let patterns = query.referencedFieldPatterns.map { ESQLNamePattern($0, range: 0..<0) }
    let dataStream =
      query.metadataFields.contains("_index")
      ? ["data_stream.type", "data_stream.dataset", "data_stream.namespace"].map { fields.bind($0) } : []
    let lastStats = query.commands.lastIndex { if case .stats = $0.kind { true } else { false } } ?? 0
    let limited = query.commands[lastStats...].contains { if case .limit = $0.kind { true } else { false } }
    let resultLimit = limited ? maximumLimit : defaultLimit
    var seen = Set<String>()
    let sortedFields = bindings.sorted { $0.name < $1.name }.filter { seen.insert($0.name).inserted }
    let callsNow = query.functionCalls.contains {
      if case .call(let name, _, _) = $0.kind { name.uppercased() == "NOW" } else { false }
    }
    let boundRow = ESQLBoundRow(fields: sortedFields, metadata: query.metadataFields)
    let rowFilter = ESQLRowFilter(stages, boundRow: boundRow)
    let layouts = Self.layouts(of: stages, from: boundRow.columns)
    let statsInputs = Self.statsInputs(stages, layouts: layouts, rowFilter: rowFilter, boundRow: boundRow)
    let program = ESQLProgram(
      query: query, sourcePatterns: query.sourcePatterns, metadataFields: query.metadataFields,
      isAggregating: query.isAggregating, sourcePredicate: predicate, fields: bindings,
      outputsAllFields: query.outputsAllFields, fieldPatterns: patterns, boundRow: boundRow,
      rowFilter: rowFilter, statsSources: statsInputs?.sources, statsExpansions: statsInputs?.expansions ?? [],
      streamingIgnoresNow: !callsNow, resultLimit: resultLimit, stages: stages, layouts: layouts,
      matchers: compiler.matchers, dataStreamFields: dataStream)
    return ESQLCompileResult(program: program, unsupported: [])
  }

  /// ``statsSources`` and ``statsExpansions``, when the first blocking stage is a `STATS` that aggregates as rows
  /// come, every stage before it is the row filter's `WHERE` or `MV_EXPAND` (no `EVAL`) or a `KEEP` or `DROP` after
  /// them, and those keep every column the `STATS` reads that the bound row has.
  private static func statsInputs(
    _ stages: [ESQLStage], layouts: [ESQLLayout?], rowFilter: ESQLRowFilter?, boundRow: ESQLBoundRow
  ) -> (sources: [ESQLBoundRow.Source?], expansions: [ESQLBoundRow.Source])? {
    let streamed = stages.firstIndex(where: \.isBlocking) ?? stages.count
    guard streamed < stages.count, case .stats(let plan) = stages[streamed], !plan.inline,
      let input = streamed == 0 ? boundRow.columns : layouts[streamed - 1]?.output
    else { return nil }
    let filtered = rowFilter?.stageCount ?? 0
    var expanded: [String] = []
    for position in 0..<streamed {
      switch stages[position] {
      case .filter where position < filtered: continue
      case .mvExpand(let column) where position < filtered: expanded.append(column)
      case .keep, .drop: continue
      default: return nil
      }
    }
    let kept = plan.references.slots(in: input).map { $0 >= 0 }
    let bound = plan.references.slots(in: boundRow.columns).map { $0 >= 0 }
    guard kept == bound else { return nil }
    let expansions = expanded.compactMap { name in boundRow.columns.firstIndex(of: name).map { boundRow.sources[$0] } }
    guard expansions.count == expanded.count else { return nil }
    return (boundRow.sources(of: plan.references), expansions)
  }

  /// The layouts of the stages up to the first `STATS` for rows that start with `columns`.
  static func layouts(of stages: [ESQLStage], from columns: [String]) -> [ESQLLayout?] {
    var layouts: [ESQLLayout?] = Array(repeating: nil, count: stages.count)
    var columns = columns
    for (position, stage) in stages.enumerated() {
      if case .stats = stage { break }
      let layout = ESQLLayout.of(stage, columns)
      layouts[position] = layout
      columns = layout.output
    }
    return layouts
  }

  /// A new run: feed it events with ``ESQLRun/feed(_:source:allFields:)``, then ``ESQLRun/finish()``.
  /// - Parameter now: the time `NOW()` gives, in nanoseconds since the epoch.
  public func start(now: Int64) -> ESQLRun {
    ESQLRun(program: self, now: now)
  }

  /// Runs the pipeline over a batch of events and returns the result rows; each row's ``ESQLRow/source`` is the
  /// position of its event in `events` (for non-aggregating queries).
  public func run<S: Sequence<Event>>(_ events: S, now: Int64) -> ESQLResult {
    var run = start(now: now)
    for event in events { run.feed(event) }
    return run.finish()
  }
}
