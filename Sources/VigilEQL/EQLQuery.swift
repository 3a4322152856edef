/// A parsed EQL statement: an event query, a sequence or a sample, followed by pipes.
public struct EQLQuery: Hashable, Sendable {
  /// The three query shapes Elasticsearch runs.
  public enum Body: Hashable, Sendable {
    case event(EQLEventFilter)
    case sequence(EQLSequence)
    case sample(EQLSample)
  }

  public var body: Body
  public var pipes: [EQLPipe]
  public var range: Range<Int>

  public init(body: Body, pipes: [EQLPipe] = [], range: Range<Int>) {
    self.body = body
    self.pipes = pipes
    self.range = range
  }
}

/// `category where condition`, alone or inside `[…]`.
public struct EQLEventFilter: Hashable, Sendable {
  /// The event category to match, or `nil` for `any`.
  public var category: String?
  public var categoryRange: Range<Int>
  public var condition: EQLExpression
  public var range: Range<Int>

  public init(category: String?, categoryRange: Range<Int>, condition: EQLExpression, range: Range<Int>) {
    self.category = category
    self.categoryRange = categoryRange
    self.condition = condition
    self.range = range
  }
}

/// `sequence [by keys] [with maxspan=…] [q] by f … [until [q]]`.
public struct EQLSequence: Hashable, Sendable {
  /// Join keys shared by every subquery (`sequence by host.id`).
  public var keys: [EQLField]
  public var maxspan: EQLTimeSpan?
  public var terms: [EQLSequenceTerm]
  /// The `until [q]` subquery that ends pending sequences.
  public var until: EQLSequenceTerm?
  public var range: Range<Int>

  public init(
    keys: [EQLField] = [], maxspan: EQLTimeSpan? = nil, terms: [EQLSequenceTerm], until: EQLSequenceTerm? = nil,
    range: Range<Int>
  ) {
    self.keys = keys
    self.maxspan = maxspan
    self.terms = terms
    self.until = until
    self.range = range
  }
}

/// One `[…]` (or missing-event `![…]`) step of a sequence, with its own keys and `with runs=N`.
public struct EQLSequenceTerm: Hashable, Sendable {
  public var filter: EQLEventFilter
  /// Keys after the subquery (`[…] by process.entity_id`); they follow the sequence's own keys.
  public var keys: [EQLField]
  /// `with runs=N`: the step repeats N times.
  public var runs: Int?
  public var runsRange: Range<Int>?
  /// `![…]`: the step matches when no such event occurs.
  public var isMissing: Bool
  public var range: Range<Int>

  public init(
    filter: EQLEventFilter, keys: [EQLField] = [], runs: Int? = nil, runsRange: Range<Int>? = nil,
    isMissing: Bool = false, range: Range<Int>
  ) {
    self.filter = filter
    self.keys = keys
    self.runs = runs
    self.runsRange = runsRange
    self.isMissing = isMissing
    self.range = range
  }
}

/// `sample [by keys] [q1] [q2] …`: unordered events sharing join keys.
public struct EQLSample: Hashable, Sendable {
  public var keys: [EQLField]
  public var terms: [EQLSampleTerm]
  public var range: Range<Int>

  public init(keys: [EQLField] = [], terms: [EQLSampleTerm], range: Range<Int>) {
    self.keys = keys
    self.terms = terms
    self.range = range
  }
}

/// One `[…] [by keys]` of a sample.
public struct EQLSampleTerm: Hashable, Sendable {
  public var filter: EQLEventFilter
  public var keys: [EQLField]
  public var range: Range<Int>

  public init(filter: EQLEventFilter, keys: [EQLField] = [], range: Range<Int>) {
    self.filter = filter
    self.keys = keys
    self.range = range
  }
}

/// `with maxspan=5m`.
public struct EQLTimeSpan: Hashable, Sendable {
  /// The units Elasticsearch accepts (case-sensitive).
  public enum Unit: String, Hashable, Sendable, CaseIterable {
    case milliseconds = "ms"
    case seconds = "s"
    case minutes = "m"
    case hours = "h"
    case days = "d"

    /// Milliseconds in one unit.
    public var milliseconds: Int64 {
      switch self {
      case .milliseconds: 1
      case .seconds: 1_000
      case .minutes: 60_000
      case .hours: 3_600_000
      case .days: 86_400_000
      }
    }
  }

  public var value: Int64
  public var unit: Unit
  public var range: Range<Int>

  public init(value: Int64, unit: Unit, range: Range<Int>) {
    self.value = value
    self.unit = unit
    self.range = range
  }

  /// The span in milliseconds (saturating).
  public var milliseconds: Int64 {
    let (product, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
    return overflow ? Int64.max : product
  }
}

/// A pipe after the query. Elasticsearch runs only `head` and `tail`.
public struct EQLPipe: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case head, tail
  }

  public var kind: Kind
  public var count: Int64
  public var range: Range<Int>

  public init(kind: Kind, count: Int64, range: Range<Int>) {
    self.kind = kind
    self.count = count
    self.range = range
  }
}
