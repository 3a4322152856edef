import VigilEvents
import VigilQuery

/// A condition a rule's predicate implies: "`field` has a value in `values`", "a value of `field` holds one of
/// `literals`", or "`field` occurs". The router files the rule under each of those values (or literals, or under
/// the field), so an event reaches the rule only when one of its values of `field` is among them (holds one of
/// them, or when it has the field).
struct RouteAnchor {
  enum Condition {
    /// Every field test (`exists`, a range, a wildcard, …) holds only on an event that has the field.
    case present
    case values(ByteStringSet)
    /// Literals lowered (``LiteralPrefilter/literals(of:)``): a wildcard or regex test holds only on a value that
    /// holds one of them, which the router tells from the value's grams.
    case literals([[UInt8]])
  }

  var field: FieldID
  var condition: Condition

  /// The anchors of a predicate: a list such that the predicate can only hold when at least one of them holds;
  /// `nil` when no such list is known (the rule then sees every event), `[]` when the predicate never holds.
  /// `hasGrams` tells the fields whose values' grams the router can read (literal anchors need them).
  ///
  /// An AND takes the most selective anchor list of its operands; an OR needs one for every operand.
  static func anchors(
    of predicate: Predicate, selectivity: (FieldID) -> Double, presence: (FieldID) -> Double,
    hasGrams: (FieldID) -> Bool
  ) -> [RouteAnchor]? {
    switch predicate {
    case .constant(let value):
      return value ? nil : []
    case .test(let test):
      if let values = values(of: test.condition) { return [RouteAnchor(field: test.field, condition: .values(values))] }
      if hasGrams(test.field), let literals = LiteralPrefilter.literals(of: test.condition) {
        return [RouteAnchor(field: test.field, condition: .literals(literals))]
      }
      return [RouteAnchor(field: test.field, condition: .present)]
    case .and(let operands):
      let choices = operands.compactMap {
        anchors(of: $0, selectivity: selectivity, presence: presence, hasGrams: hasGrams)
      }
      return choices.min { cost($0, selectivity, presence) < cost($1, selectivity, presence) }
    case .or(let operands):
      var all: [RouteAnchor] = []
      for operand in operands {
        guard let anchors = anchors(of: operand, selectivity: selectivity, presence: presence, hasGrams: hasGrams)
        else { return nil }
        all.append(contentsOf: anchors)
      }
      return all
    case .not, .expression, .anyField:
      return nil
    }
  }

  /// The keywords a condition holds for, when they are finitely many: an `in` list, or glob patterns without
  /// wildcards (`process.name like~ "tailscaled"`), which match what they spell, folded when case-insensitive, as
  /// the router's tables compare.
  static func values(of condition: FieldCondition) -> ByteStringSet? {
    switch condition {
    case .keywordIn(let values): values
    case .wildcard(let pattern): exactValues([pattern])
    case .wildcards(let list): exactValues(list.patterns)
    default: nil
    }
  }

  private static func exactValues(_ patterns: [WildcardPattern]) -> ByteStringSet? {
    guard let first = patterns.first,
      patterns.allSatisfy({ $0.shape == .exact && $0.caseInsensitive == first.caseInsensitive })
    else { return nil }
    return ByteStringSet(patterns.compactMap(\.literal), foldingCase: first.caseInsensitive)
  }

  /// The expected share of events that reach a rule through `anchors`.
  static func cost(
    _ anchors: [RouteAnchor], _ selectivity: (FieldID) -> Double, _ presence: (FieldID) -> Double
  ) -> Double {
    min(
      1,
      anchors.reduce(0) { total, anchor in
        switch anchor.condition {
        case .present:
          return total + presence(anchor.field)
        case .values(let values):
          let share = selectivity(anchor.field)
          // A long list of names or paths is still a lookup of the event's one value: counted as a list of 25, it
          // wins over the few-valued fields (`event.category`) that every event of a kind reaches.
          return total + Double(share <= rareValueShare ? min(values.count, 25) : values.count) * share
        case .literals(let literals):
          return total + Double(literals.count) * literalShare
        }
      })
  }

  /// The share of events whose value of a field holds a given literal of a wildcard or regex test: below a name's
  /// (``rareValueShare``), as routing reads all the literal's grams at once from a set the rules' tests read anyway.
  /// On a generated endpoint mix, 0.005 routed best in turns with 0.02 and 0.001 (44 rules per event, 52 with 0.02).
  static let literalShare = 0.005

  /// The share of events of one value of a name, path or code field (``selectivity(ofFieldNamed:)``).
  static let rareValueShare = 0.01

  /// The expected share of events having one given value of a field: high for the few-valued fields that
  /// describe what kind of event it is, low for names, paths and codes. Measured roughly on endpoint data; it only
  /// steers the choice among a rule's conditions, never what the rule matches.
  static func selectivity(ofFieldNamed path: String) -> Double {
    switch path {
    case "event.kind", "agent.type", "ecs.version", "data_stream.type", "data_stream.namespace": 0.9
    case "event.category", "event.type", "host.os.type", "host.os.family", "host.os.platform", "event.outcome",
      "network.direction", "network.transport", "network.type", "event.module", "user.domain":
      0.35
    case "event.dataset", "data_stream.dataset", "event.provider", "winlog.channel", "winlog.provider_name": 0.1
    case "event.action", "event.code", "winlog.event_id", "file.extension": 0.04
    default: rareValueShare
    }
  }

  /// The expected share of events that have a field at all: high for the fields of the base, event, host and
  /// process sets that most events carry, low for the rest (vendor and cloud fields). Like ``selectivity(ofFieldNamed:)``,
  /// it steers the choice of anchor, never what a rule matches.
  static func presence(ofFieldNamed path: String) -> Double {
    let common = [
      "@timestamp", "message", "event.", "host.", "agent.", "ecs.", "data_stream.", "process.", "user.", "source.",
      "destination.", "network.", "file.", "cloud.", "related.",
    ]
    return common.contains { path == $0 || ($0.hasSuffix(".") && path.hasPrefix($0)) } ? 0.9 : 0.2
  }
}
