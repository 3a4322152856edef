import VigilEvents

/// A compiled ``Predicate``: nodes in one flat array linked by integer index, evaluated without allocating.
public struct PredicateProgram: Sendable {
  @usableFromInline
  enum Node: Sendable {
    case constant(Bool)
    case test(Int32)
    case not(Int32)
    /// Operands are `operands[start..<end]`.
    case and(start: Int32, end: Int32)
    case or(start: Int32, end: Int32)
    case expression(Int32)
    case anyField(Int32)
  }

  @usableFromInline var nodes: [Node] = []
  @usableFromInline var operands: [Int32] = []
  /// The field tests, indexed by ``Node/test(_:)``.
  public private(set) var tests: [FieldTest] = []
  /// The computed conditions, indexed by ``Node/expression(_:)``.
  public private(set) var expressions: [ScalarExpression] = []
  /// The every-field queries, indexed by ``Node/anyField(_:)``.
  public private(set) var anyFieldQueries: [AnyFieldQuery] = []
  @usableFromInline var root: Int32 = 0
  /// The predicate the program was compiled from, simplified.
  public let predicate: Predicate

  /// Simplifies and compiles a predicate.
  public init(_ predicate: Predicate) {
    self.predicate = predicate.simplified()
    root = emit(self.predicate)
  }

  /// Whether the program needs every field of an event decoded, with names (KQL free text): see
  /// ``Predicate/readsEveryField``.
  public var readsEveryField: Bool { !anyFieldQueries.isEmpty }

  /// The fields the program reads.
  public var fields: Set<FieldID> { Set(tests.map(\.field) + expressions.flatMap(\.fields)) }

  private mutating func emit(_ predicate: Predicate) -> Int32 {
    let node: Node
    switch predicate {
    case .constant(let value):
      node = .constant(value)
    case .test(let test):
      tests.append(test)
      node = .test(Int32(tests.count - 1))
    case .expression(let expression):
      expressions.append(expression)
      node = .expression(Int32(expressions.count - 1))
    case .anyField(let query):
      anyFieldQueries.append(query)
      node = .anyField(Int32(anyFieldQueries.count - 1))
    case .not(let inner):
      node = .not(emit(inner))
    case .and(let items), .or(let items):
      let children = items.map { emit($0) }
      let start = Int32(operands.count)
      operands.append(contentsOf: children)
      let end = Int32(operands.count)
      if case .and = predicate { node = .and(start: start, end: end) } else { node = .or(start: start, end: end) }
    }
    nodes.append(node)
    return Int32(nodes.count - 1)
  }

  /// Whether `event` satisfies the program.
  public func evaluate(_ event: Event) -> Bool {
    // Borrow the arrays once: reading elements through buffer pointers copies (and retains) nothing.
    nodes.withUnsafeBufferPointer { nodes in
      operands.withUnsafeBufferPointer { operands in
        tests.withUnsafeBufferPointer { tests in
          Evaluation(
            nodes: nodes, operands: operands, tests: tests, expressions: expressions, anyFieldQueries: anyFieldQueries,
            event: event
          ).evaluate(root)
        }
      }
    }
  }

  private struct Evaluation {
    let nodes: UnsafeBufferPointer<Node>
    let operands: UnsafeBufferPointer<Int32>
    let tests: UnsafeBufferPointer<FieldTest>
    let expressions: [ScalarExpression]
    let anyFieldQueries: [AnyFieldQuery]
    let event: Event

    func evaluate(_ index: Int32) -> Bool {
      switch nodes[Int(index)] {
      case .constant(let value):
        return value
      case .test(let test):
        return tests[Int(test)].holds(in: event)
      case .expression(let expression):
        return expressions[Int(expression)].holds(in: event)
      case .anyField(let query):
        return anyFieldQueries[Int(query)].holds(in: event)
      case .not(let inner):
        return !evaluate(inner)
      case .and(let start, let end):
        for position in start..<end where !evaluate(operands[Int(position)]) { return false }
        return true
      case .or(let start, let end):
        for position in start..<end where evaluate(operands[Int(position)]) { return true }
        return false
      }
    }
  }
}
