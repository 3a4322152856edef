import VigilEvents
import VigilQuery

/// The router index: sends each event only to the rules that could match it.
///
/// Almost every rule starts with exact conditions (`event.category`, `event.action`, `process.name`, …). Each rule is
/// filed under the values of its most selective such condition, or else under a field it needs (see ``RouteAnchor``);
/// an event looks its values of the few anchor fields up in hash tables and gets the rules filed there, the rules
/// filed under the fields it has, and the rules without an anchor. A rule
/// the router leaves out is one whose predicate cannot hold, so routing never changes results.
///
/// Built with the rules' ``RuleProgramSet``, the router looks a field's values up in the program's keyword group of
/// that field (``RuleProgramSet/evaluateKeywordGroup(_:_:memo:found:)``) rather than in a table of its own: one lookup
/// then both routes the event and answers the group's tests for the rules it reaches. It also files rules under the
/// literals their wildcard and regex tests need (``LiteralRoutes``), read from the gram sets of the program's literal
/// prefilter, which the rules' tests then reuse.
public struct RuleRouter: Sendable {
  /// The rules filed under one field: under its values, case-sensitive and case-insensitive ones apart, and under
  /// its presence.
  ///
  /// The value tables are referenced without ownership (``RuleRouter/valueTables`` owns them): routing reads them
  /// for every value of an event, and reading a struct of arrays there copied it, retaining each array.
  struct FieldTable: @unchecked Sendable {
    var field: FieldID
    var exact: Unmanaged<ValueTable>
    var folded: Unmanaged<ValueTable>
    /// The list of ``RuleRouter/presentRules`` an event reaches when it has the field at all.
    var present: Int
    /// Whether each value table is filed under a keyword group and has values of its own (outside the group), kept
    /// here so that routing reaches a table only when it has work: reaching one was a cache miss.
    var exactHasGroup: Bool
    var foldedHasGroup: Bool
    var exactHasOwnValues: Bool
    var foldedHasOwnValues: Bool
    /// The field's position in ``RuleRouter/literalRoutes``, or -1 when no rule is filed under its literals.
    var literalField: Int32
  }

  /// The values of one field and case rule and, for each, the rules filed under it: those among the members of the
  /// program's keyword group of the field, by member, and the others in a set of their own.
  final class ValueTable: Sendable {
    let values: ByteStringSet
    /// The rules of member `i` of `values` are list `i`.
    let rules: RuleLists
    /// The program's keyword group that holds some of the values, or -1.
    let group: Int32
    /// The rules of member `i` of the group are list `i`.
    let groupRules: RuleLists

    init(
      _ filed: [String: Set<Int32>], foldingCase: Bool, ruleCount: Int, group: (index: Int, members: ByteStringSet)?
    ) {
      var own: [String: Set<Int32>] = [:]
      var byGroupMember = Array(repeating: [Int32](), count: group?.members.count ?? 0)
      for (value, rules) in filed {
        var text = value
        let member = text.withUTF8 { group?.members.index(of: UnsafeRawBufferPointer($0)) }
        if let member { byGroupMember[member].append(contentsOf: rules) } else { own[value] = rules }
      }
      let values = ByteStringSet(own.keys.sorted(), foldingCase: foldingCase)
      var byMember = Array(repeating: [Int32](), count: values.count)
      for (value, rules) in own {
        var text = foldingCase ? CaseFolding.fold(value) : value
        let member = text.withUTF8 { values.index(of: UnsafeRawBufferPointer($0)) }!
        byMember[member].append(contentsOf: rules)
      }
      var rules = RuleLists(ruleCount: ruleCount)
      for members in byMember { rules.append(members) }
      var groupRules = RuleLists(ruleCount: ruleCount)
      for members in byGroupMember { groupRules.append(members) }
      self.values = values
      self.rules = rules
      self.group = own.count < filed.count ? Int32(group!.index) : -1
      self.groupRules = groupRules
    }

    /// Adds the rules filed under `bytes`, if it is one of the table's own values.
    func add(_ bytes: UnsafeRawBufferPointer, to scratch: inout RouteScratch) {
      guard let member = values.index(of: bytes) else { return }
      rules.add(member, to: &scratch)
    }

    /// Adds the rules filed under the members of the group that `event` has, evaluating the group into `memo`.
    func addGroupMembers(
      of event: Event, _ programs: RuleProgramSet, _ memo: inout TestMemo, to scratch: inout RouteScratch
    ) {
      guard group >= 0 else { return }
      programs.evaluateKeywordGroup(Int(group), event, memo: &memo) { groupRules.add($0, to: &scratch) }
    }
  }

  let tables: [FieldTable]
  /// By field index, the position of the field's table in `tables`, or -1: routing walks the event's fields (a few
  /// dozen) rather than every table (over a hundred).
  private let tableOfField: [Int32]
  /// Owns the value tables of `tables`.
  private let valueTables: [ValueTable]
  /// Rules without an anchor: every event goes to them.
  let everyEvent: [Int32]
  /// Per field of `tables`, the rules filed under its presence.
  private let presentRules: RuleLists
  /// The rules filed under literals, by ``FieldTable/literalField``.
  private let literalRoutes: LiteralRoutes
  /// The number of rules routed.
  public let ruleCount: Int
  /// The program of the predicates, whose keyword groups hold most values the rules are filed under.
  private let programs: RuleProgramSet?

  /// Files each predicate (by position) under its anchors; `catalog` names fields to judge their selectivity.
  /// `programs`, the predicates compiled, lets the router look values up in its keyword groups.
  public init(predicates: [Predicate], catalog: FieldCatalog, programs: RuleProgramSet? = nil) {
    self.programs = programs
    let ruleCount = predicates.count
    self.ruleCount = ruleCount
    var exact: [FieldID: [String: Set<Int32>]] = [:]
    var folded: [FieldID: [String: Set<Int32>]] = [:]
    var present: [FieldID: Set<Int32>] = [:]
    var literals: [FieldID: [[UInt8]: Set<Int32>]] = [:]
    var everyEvent: [Int32] = []
    let selectivity = { (field: FieldID) in RouteAnchor.selectivity(ofFieldNamed: catalog.path(field)) }
    let presence = { (field: FieldID) in RouteAnchor.presence(ofFieldNamed: catalog.path(field)) }
    var gramSlots: [FieldID: Int?] = [:]
    func gramSlot(_ field: FieldID) -> Int? {
      if let known = gramSlots[field] { return known }
      let slot = programs?.gramSlot(of: field)
      gramSlots[field] = slot
      return slot
    }
    for (position, predicate) in predicates.enumerated() {
      guard
        let anchors = RouteAnchor.anchors(
          of: predicate, selectivity: selectivity, presence: presence, hasGrams: { gramSlot($0) != nil })
      else {
        everyEvent.append(Int32(position))
        continue
      }
      for anchor in anchors {
        switch anchor.condition {
        case .present:
          present[anchor.field, default: []].insert(Int32(position))
        case .values(let values):
          for value in values.members {
            if values.foldsCase {
              folded[anchor.field, default: [:]][value, default: []].insert(Int32(position))
            } else {
              exact[anchor.field, default: [:]][value, default: []].insert(Int32(position))
            }
          }
        case .literals(let texts):
          for text in texts { literals[anchor.field, default: [:]][text, default: []].insert(Int32(position)) }
        }
      }
    }
    self.everyEvent = everyEvent
    var valueTables: [ValueTable] = []
    var presentRules = RuleLists(ruleCount: ruleCount)
    var literalFields: [(gramSlot: Int, literals: [[UInt8]: Set<Int32>])] = []
    func group(_ field: FieldID, foldingCase: Bool) -> (index: Int, members: ByteStringSet)? {
      guard let programs, let index = programs.keywordGroup(field: field, foldsCase: foldingCase) else { return nil }
      return (index, programs.members(ofKeywordGroup: index))
    }
    tables = Set(exact.keys).union(folded.keys).union(present.keys).union(literals.keys).sorted().map { field in
      let exact = ValueTable(
        exact[field] ?? [:], foldingCase: false, ruleCount: ruleCount, group: group(field, foldingCase: false))
      let folded = ValueTable(
        folded[field] ?? [:], foldingCase: true, ruleCount: ruleCount, group: group(field, foldingCase: true))
      valueTables += [exact, folded]
      presentRules.append(present[field] ?? [])
      var literalField: Int32 = -1
      if let texts = literals[field] {
        literalFields.append((gramSlot(field)!, texts))
        literalField = Int32(literalFields.count - 1)
      }
      return FieldTable(
        field: field, exact: .passUnretained(exact), folded: .passUnretained(folded), present: presentRules.count - 1,
        exactHasGroup: exact.group >= 0, foldedHasGroup: folded.group >= 0, exactHasOwnValues: !exact.values.isEmpty,
        foldedHasOwnValues: !folded.values.isEmpty, literalField: literalField)
    }
    var tableOfField = [Int32](repeating: -1, count: (tables.map(\.field.index).max() ?? -1) + 1)
    for (position, table) in tables.enumerated() { tableOfField[table.field.index] = Int32(position) }
    self.tableOfField = tableOfField
    self.valueTables = valueTables
    self.presentRules = presentRules
    literalRoutes = LiteralRoutes(literalFields, ruleCount: ruleCount)
  }

  /// The number of rules that every event reaches.
  public var unroutedRuleCount: Int { everyEvent.count }

  /// Fills `scratch.candidates` with the positions of the rules `event` may match, in ascending order; with
  /// `covering`, only the rules whose bit (`r % 64` of word `r / 64`) is set there.
  public func route(_ event: Event, into scratch: inout RouteScratch, covering: [UInt64]? = nil) {
    var memo = TestMemo()
    memo.begin()
    route(event, into: &scratch, covering: covering, memo: &memo)
  }

  /// ``route(_:into:covering:)``, keeping in `memo` (begun for this event) the results of the keyword groups it
  /// evaluates, for the rules' predicates.
  public func route(_ event: Event, into scratch: inout RouteScratch, covering: [UInt64]?, memo: inout TestMemo) {
    scratch.begin(ruleCount: ruleCount)
    for rule in everyEvent { scratch.add(rule) }
    let fields = event.fields
    tables.withUnsafeBufferPointer { tables in
      tableOfField.withUnsafeBufferPointer { tableOfField in
        for field in fields where field.index < tableOfField.count && tableOfField[field.index] >= 0 {
          let table = tables[Int(tableOfField[field.index])]
          presentRules.add(table.present, to: &scratch)
          if let programs {
            if table.exactHasGroup {
              table.exact._withUnsafeGuaranteedRef { $0.addGroupMembers(of: event, programs, &memo, to: &scratch) }
            }
            if table.foldedHasGroup {
              table.folded._withUnsafeGuaranteedRef { $0.addGroupMembers(of: event, programs, &memo, to: &scratch) }
            }
            if table.literalField >= 0 {
              literalRoutes.add(field: Int(table.literalField), of: event, programs, &memo, to: &scratch)
            }
          }
          guard table.exactHasOwnValues || table.foldedHasOwnValues else { continue }
          _ = event.containsValue(field) { value in
            _ = FieldCondition.withKeywordText(value, in: event) { bytes in
              if table.exactHasOwnValues { table.exact._withUnsafeGuaranteedRef { $0.add(bytes, to: &scratch) } }
              if table.foldedHasOwnValues { table.folded._withUnsafeGuaranteedRef { $0.add(bytes, to: &scratch) } }
            }
            return false
          }
        }
      }
    }
    scratch.finish(covering: covering)
  }
}

/// Per-event working memory of a ``RuleRouter``, reused from event to event so routing does not allocate.
public struct RouteScratch: Sendable {
  /// The rules chosen for the last event routed, ascending.
  public private(set) var candidates: [Int32] = []
  /// Bit `r % 64` of word `r / 64` is set when rule `r` was added since ``begin(ruleCount:)``; ``finish()`` reads
  /// the rules out in ascending order (no sort) and clears the words.
  private var added: [UInt64] = []

  public init() {}

  mutating func begin(ruleCount: Int) {
    let words = (ruleCount + 63) / 64
    if added.count != words { added = Array(repeating: 0, count: words) }
    candidates.removeAll(keepingCapacity: true)
  }

  mutating func finish(covering: [UInt64]?) {
    added.withUnsafeMutableBufferPointer { added in
      for word in added.indices where added[word] != 0 {
        var bits = added[word] & (covering?[word] ?? ~0)
        added[word] = 0
        while bits != 0 {
          candidates.append(Int32(word << 6 | bits.trailingZeroBitCount))
          bits &= bits - 1
        }
      }
    }
  }

  @inline(__always)
  mutating func add(_ rule: Int32) {
    added[Int(rule) >> 6] |= 1 << UInt64(rule & 63)
  }

  /// Adds the rules of a bitset over all rules.
  @inline(__always)
  mutating func add(_ bitset: UnsafeBufferPointer<UInt64>) {
    added.withUnsafeMutableBufferPointer { added in
      for word in bitset.indices { added[word] |= bitset[word] }
    }
  }
}
