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
  /// The field tests, indexed by ``Node/test(_:)``, each in a cell of its own so that evaluating one borrows it
  /// instead of copying its matchers.
  @usableFromInline var cells: [FieldTestCell] = []
  /// The field tests, indexed by ``Node/test(_:)``.
  public var tests: [FieldTest] { cells.map(\.test) }
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
  public var fields: Set<FieldID> { Set(cells.map(\.test.field) + expressions.flatMap(\.fields)) }

  private mutating func emit(_ predicate: Predicate) -> Int32 {
    let node: Node
    switch predicate {
    case .constant(let value):
      node = .constant(value)
    case .test(let test):
      cells.append(FieldTestCell(test))
      node = .test(Int32(cells.count - 1))
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
        cells.withUnsafeBufferPointer { cells in
          expressions.withUnsafeBufferPointer { expressions in
            Evaluation(
              nodes: nodes, operands: operands, cells: cells, expressions: expressions, anyFieldQueries: anyFieldQueries
            ).evaluate(root, event)
          }
        }
      }
    }
  }

  /// The program's arrays, borrowed for one evaluation. The event is passed down rather than stored, since storing
  /// it would copy (retain) its buffers.
  private struct Evaluation {
    let nodes: UnsafeBufferPointer<Node>
    let operands: UnsafeBufferPointer<Int32>
    let cells: UnsafeBufferPointer<FieldTestCell>
    let expressions: UnsafeBufferPointer<ScalarExpression>
    let anyFieldQueries: [AnyFieldQuery]

    func evaluate(_ index: Int32, _ event: Event) -> Bool {
      switch nodes[Int(index)] {
      case .constant(let value):
        return value
      case .test(let test):
        return cells[Int(test)].holds(in: event)
      case .expression(let expression):
        return expressions[Int(expression)].holds(in: event)
      case .anyField(let query):
        return anyFieldQueries[Int(query)].holds(in: event)
      case .not(let inner):
        return !evaluate(inner, event)
      case .and(let start, let end):
        for position in start..<end where !evaluate(operands[Int(position)], event) { return false }
        return true
      case .or(let start, let end):
        for position in start..<end where evaluate(operands[Int(position)], event) { return true }
        return false
      }
    }
  }
}
