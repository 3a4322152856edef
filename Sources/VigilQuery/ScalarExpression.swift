import VigilEvents

/// A computed value over one event's fields: EQL's functions, arithmetic and comparisons where an operand is not a
/// plain field and a constant (`length(process.name) > 10`, `a.x == b.x`), stored as flat nodes linked by index.
///
/// Evaluation follows Elasticsearch EQL's scripts: a missing field is `null`, a function of `null` is `null`, a
/// comparison with `null` is `null`, and `not`/`and`/`or` use three-valued logic. A ``Predicate/expression(_:)``
/// holds when the value is `true` for some choice of one value for each field reference, as Elasticsearch's
/// multi-value-aware script query tries every value of each field, independently for each place the field is
/// named (see ``holds(in:)``).
public struct ScalarExpression: Hashable, Sendable {
  /// One operation; operands are indexes of earlier nodes.
  public enum Node: Hashable, Sendable {
    case constant(ScalarValue)
    /// A field's value; `numeric` reads numeric strings as numbers (a numeric field's doc values are numbers).
    case field(FieldID, numeric: Bool)
    case binary(ScalarOperator, Int32, Int32)
    case negate(Int32)
    case not(Int32)
    /// `true` when the operand is `null` (EQL `x == null`).
    case isNull(Int32)
    /// `x in (a, b, …)`, case-insensitively for `in~`: `null` when `x` is `null`.
    case membership(Int32, [Int32], caseInsensitive: Bool)
    /// The operand (a string) matches one of the wildcard patterns.
    case wildcard(Int32, [WildcardPattern])
    /// The operand (a string) matches one of the regular expressions.
    case regex(Int32, [LuceneRegex])
    /// `cidrMatch(x, blocks…)`.
    case cidrMatch(Int32, [CIDRBlock])
    case call(ScalarFunction, caseInsensitive: Bool, arguments: [Int32])
  }

  public private(set) var nodes: [Node] = []
  /// The node whose value is the expression's value.
  public var root: Int32 = 0

  public init() {}

  /// Appends a node and returns its index (which becomes the root).
  @discardableResult
  public mutating func append(_ node: Node) -> Int32 {
    nodes.append(node)
    root = Int32(nodes.count - 1)
    if case .field(let field, let numeric) = node {
      if !fields.contains(field) { fields.append(field) }
      references.append(field)
      referenceIsNumeric.append(numeric)
      referenceOfNode.append(Int32(references.count - 1))
    } else {
      referenceOfNode.append(-1)
    }
    return root
  }

  /// The field of each field reference, in node order: each reference takes its own value.
  public private(set) var references: [FieldID] = []
  /// Whether each field reference reads numeric strings as numbers.
  var referenceIsNumeric: [Bool] = []
  /// For each node, the index of its field reference, or -1.
  var referenceOfNode: [Int32] = []

  /// The distinct fields the expression reads, in order of first use.
  public private(set) var fields: [FieldID] = []

  /// The most combinations of field values ``holds(in:)`` tries before giving up (and failing).
  public static let maximumCombinations = 4_096
}
