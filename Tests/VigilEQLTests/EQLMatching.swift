import VigilEQL
import VigilEvents
import VigilQuery
import VigilSyntax

/// Runs an event query over JSON events, for matching tests.
enum EQLMatching {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Parses and lowers `query`; throws on any error diagnostic.
  static func compile(_ query: String, eventCategoryField: String = "event.category") throws -> (
    PredicateProgram, FieldCatalog
  ) {
    let parsed = EQLParser.parse(query)
    guard let tree = parsed.validQuery else {
      throw Failure(description: "\(query): \(parsed.diagnostics.map(\.message))")
    }
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(tree, fields: &fields, eventCategoryField: eventCategoryField)
    if lowered.diagnostics.hasErrors {
      throw Failure(description: "\(query): \(lowered.diagnostics.map(\.message))")
    }
    guard case .event(let predicate) = lowered.body else { throw Failure(description: "not an event query") }
    return (PredicateProgram(predicate), fields.catalog)
  }

  /// Whether the event query `query` matches the JSON document `json`.
  static func matches(_ query: String, _ json: String) throws -> Bool {
    let (program, catalog) = try compile(query)
    let decoder = EventDecoder(catalog: catalog)
    var event = Event()
    var bytes = Array(json.utf8)
    try bytes.withUnsafeMutableBytes { try decoder.decode(UnsafeRawBufferPointer($0), into: &event) }
    return program.evaluate(event)
  }
}

extension EQLMatching {
  /// Runs a sequence query over JSON events (given in any order; sorted by timestamp, then input order) and returns
  /// each match's event positions in `events`. With `givingSteps`, a sequence's steps are evaluated here and their
  /// results given to the matcher, as a scan does.
  static func sequences(
    _ query: String, _ events: [String], limits: EQLSequenceMatcher.Limits = .init(), givingSteps: Bool = false
  ) throws -> (matches: [[Int?]], statistics: EQLSequenceMatcher.Statistics) {
    let parsed = EQLParser.parse(query)
    guard let tree = parsed.validQuery else {
      throw Failure(description: "\(query): \(parsed.diagnostics.map(\.message))")
    }
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(tree, fields: &fields)
    if lowered.diagnostics.hasErrors { throw Failure(description: "\(lowered.diagnostics.map(\.message))") }
    if case .sequence(let sequence) = lowered.body, let reason = EQLSequenceMatcher.unsupportedReason(sequence) {
      throw Failure(description: reason)
    }
    let decoder = EventDecoder(catalog: fields.catalog)
    var decoded: [(event: Event, index: Int)] = []
    for (index, json) in events.enumerated() {
      var event = Event()
      var bytes = Array(json.utf8)
      try bytes.withUnsafeMutableBytes { try decoder.decode(UnsafeRawBufferPointer($0), into: &event) }
      decoded.append((event, index))
    }
    decoded.sort { ($0.event.timestamp ?? .min, $0.index) < ($1.event.timestamp ?? .min, $1.index) }
    var matches: [EQLSequenceMatch] = []
    switch lowered.body {
    case .sequence(let sequence):
      var matcher = EQLSequenceMatcher(sequence, limits: limits)
      let steps = EQLSequenceMatcher.stepPredicates(of: sequence).map(PredicateProgram.init)
      for (event, index) in decoded {
        guard givingSteps else {
          matches += matcher.process(event, id: index)
          continue
        }
        let held = steps.enumerated().reduce(UInt64(0)) {
          $0 | ($1.element.evaluate(event) ? 1 << UInt64($1.offset) : 0)
        }
        matches += matcher.process(event, id: index, stepsHeld: held)
      }
      matches += matcher.finish()
      return (matches.map(\.events), matcher.statistics)
    case .sample(let steps):
      var matcher = EQLSampleMatcher(steps, limits: limits)
      for (event, index) in decoded { matcher.process(event, id: index) }
      matches = matcher.finish()
      return (matches.map(\.events), matcher.statistics)
    case .event:
      throw Failure(description: "not a sequence or sample")
    }
  }
}
