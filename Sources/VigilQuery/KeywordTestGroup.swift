import VigilEvents

/// The keyword-set tests (`f in (…)`, `f == "…"`) of one field and one case rule, answered together.
///
/// A rule pack asks the same field about many different sets: hundreds of `process.name` lists. Rather than probe
/// each set in turn, the group probes the union of their members once per event value, and learns from the member
/// found which of its tests hold; every other test of the group is then known not to hold for this event.
final class KeywordTestGroup: Sendable {
  let field: FieldID
  /// Every member of the group's sets, with their case rule.
  let members: ByteStringSet
  /// The tests (cell positions) whose set holds member `i` are `tests[starts[i]..<starts[i + 1]]`.
  private let starts: [Int32]
  private let tests: [Int32]

  /// A group of the keyword sets `sets` of `field`, each given with its cell position; all fold case, or none does.
  init(field: FieldID, sets: [(cell: Int32, set: ByteStringSet)]) {
    self.field = field
    var members = ByteStringSet([String](), foldingCase: sets[0].set.foldsCase)
    for (_, set) in sets { members.formUnion(set) }
    var testsOfMember = Array(repeating: [Int32](), count: members.count)
    for (cell, set) in sets {
      set.forEachMember { member in testsOfMember[members.index(ofMember: member)!].append(cell) }
    }
    starts = testsOfMember.reduce(into: [0]) { $0.append($0.last! + Int32($1.count)) }
    tests = testsOfMember.flatMap { $0 }
    self.members = members
  }

  /// Stamps, for the current generation, every test of the group that one of `event`'s values satisfies, and the
  /// group's own stamp (at `slot`), which records that the others do not hold; calls `found` with each member found.
  func evaluate(
    _ event: Event, stamps: UnsafeMutableBufferPointer<UInt32>, slot: Int, generation: UInt32,
    found: (Int) -> Void = { _ in }
  ) {
    stamps[slot] = generation << 1
    // The closures reach the group through an unretained reference: capturing `self` retained and released it around
    // every value, and the threads of a scan share the groups, so those atomic counts contended for the object's
    // cache line (a two-thread profile spent twice the time here that this spends).
    let group = Unmanaged.passUnretained(self)
    _ = event.containsValue(field) { value in
      _ = FieldCondition.withKeywordText(value, in: event) { bytes in
        group._withUnsafeGuaranteedRef { group in
          guard let member = group.members.index(of: bytes) else { return }
          found(member)
          group.tests.withUnsafeBufferPointer { tests in
            for position in group.starts[member]..<group.starts[member + 1] {
              stamps[Int(tests[Int(position)])] = generation << 1 | 1
            }
          }
        }
      }
      return false
    }
  }
}
