import VigilEvents
import VigilQuery

/// The rules a router files under the literals of their wildcard and regex tests (``RouteAnchor/Condition/literals``),
/// field by field: an event reaches a rule filed under a literal only when its values of the field hold every gram of
/// it, as the field's gram set (``LiteralPrefilter``) tells.
///
/// Rules that test `process.command_line` or `file.path` with patterns of their own, after conditions every event of
/// a kind meets (`event.category`, `host.os.type`), were reached by every such event only to fail on the patterns.
struct LiteralRoutes: Sendable {
  /// One literal: its gram set bits after its rarest are `bits[otherBits]`, and its rules are list `rules` of
  /// ``rules``.
  private struct Entry {
    var otherBits: Range<Int32>
    var rules: Int32
  }

  /// Field after field, each field's entries ordered by their rarest bit.
  private var entries: [Entry] = []
  /// By entry, its rarest bit: an event's values mostly lack it, and this small array is all that routing then reads.
  private var firstBits: [Int32] = []
  private var bits: [Int32] = []
  private var rules: RuleLists
  /// Per field, in the order added, the position of its gram set in the rules' program
  /// (``RuleProgramSet/gramSlot(of:)``) and the range of its entries.
  private var fields: [(gramSlot: Int, entries: Range<Int>)] = []

  /// Files the rules of `fields`, each a field's gram slot and its literals (lowered) with their rules; field `i`
  /// here is the `i`th.
  init(_ fields: [(gramSlot: Int, literals: [[UInt8]: Set<Int32>])], ruleCount: Int) {
    rules = RuleLists(ruleCount: ruleCount)
    let fieldBits = fields.map { field in
      field.literals.map { literal, rules in (bits: LiteralPrefilter.bits(of: literal), rules: rules) }
    }
    // How many literals set each bit: an entry tests its rarest bits first, since an event's value most often lacks
    // those (grams common to many literals, `.exe`, `\win`, are common in values too).
    var frequency: [Int: Int] = [:]
    for literals in fieldBits {
      for literal in literals { for bit in literal.bits { frequency[bit, default: 0] += 1 } }
    }
    for (field, literals) in zip(fields, fieldBits) {
      let first = entries.count
      let ordered = literals.map { literal in
        (bits: literal.bits.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }, rules: literal.rules)
      }
      for literal in ordered.sorted(by: { $0.bits.lexicographicallyPrecedes($1.bits) }) {
        let start = Int32(bits.count)
        bits += literal.bits.dropFirst().map(Int32.init)
        rules.append(literal.rules)
        firstBits.append(Int32(literal.bits[0]))
        entries.append(Entry(otherBits: start..<Int32(bits.count), rules: Int32(rules.count - 1)))
      }
      self.fields.append((field.gramSlot, first..<entries.count))
    }
  }

  /// Adds to `scratch` the rules of field `field`'s literals whose bits are all in the gram set of `event`'s values of
  /// the field, which `programs` makes (or finds made) in `memo`.
  func add(
    field: Int, of event: Event, _ programs: RuleProgramSet, _ memo: inout TestMemo, to scratch: inout RouteScratch
  ) {
    let (gramSlot, range) = fields[field]
    programs.withGramSet(slot: gramSlot, of: event, memo: &memo) { set in
      add(range, gramSet: set, to: &scratch)
    }
  }

  private func add(_ range: Range<Int>, gramSet set: UnsafePointer<UInt64>, to scratch: inout RouteScratch) {
    firstBits.withUnsafeBufferPointer { firstBits in
      for position in range where LiteralPrefilter.holds(Int(firstBits[position]), in: set) {
        let entry = entries[position]
        let otherBits = bits[Int(entry.otherBits.lowerBound)..<Int(entry.otherBits.upperBound)]
        if otherBits.allSatisfy({ LiteralPrefilter.holds(Int($0), in: set) }) {
          rules.add(Int(entry.rules), to: &scratch)
        }
      }
    }
  }
}
