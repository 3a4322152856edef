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
  /// Per field, in the order added, the range of its entries.
  private var fieldEntries: [Range<Int>] = []

  /// Files the rules of `fields`, each a field's literals (lowered) and their rules; field `i` here is the `i`th.
  init(_ fields: [[[UInt8]: Set<Int32>]], ruleCount: Int) {
    rules = RuleLists(ruleCount: ruleCount)
    // How many literals set each bit: an entry tests its rarest bits first, since an event's value most often lacks
    // those (grams common to many literals, `.exe`, `\win`, are common in values too).
    var frequency: [Int: Int] = [:]
    for literals in fields {
      for literal in literals.keys { for bit in LiteralPrefilter.bits(of: literal) { frequency[bit, default: 0] += 1 } }
    }
    for literals in fields {
      let first = entries.count
      let ordered = literals.map { literal, rules in
        (bits: LiteralPrefilter.bits(of: literal).sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }, rules: rules)
      }
      for literal in ordered.sorted(by: { $0.bits.lexicographicallyPrecedes($1.bits) }) {
        let start = Int32(bits.count)
        bits += literal.bits.dropFirst().map(Int32.init)
        rules.append(literal.rules)
        firstBits.append(Int32(literal.bits[0]))
        entries.append(Entry(otherBits: start..<Int32(bits.count), rules: Int32(rules.count - 1)))
      }
      fieldEntries.append(first..<entries.count)
    }
  }

  /// Adds to `scratch` the rules of field `field`'s literals whose bits are all in `set`, the gram set of an event's
  /// values of the field.
  func add(field: Int, gramSet set: UnsafePointer<UInt64>, to scratch: inout RouteScratch) {
    firstBits.withUnsafeBufferPointer { firstBits in
      for position in fieldEntries[field] where Self.holds(firstBits[position], set) {
        let entry = entries[position]
        if bits[Int(entry.otherBits.lowerBound)..<Int(entry.otherBits.upperBound)].allSatisfy({ Self.holds($0, set) }) {
          rules.add(Int(entry.rules), to: &scratch)
        }
      }
    }
  }

  @inline(__always)
  private static func holds(_ bit: Int32, _ set: UnsafePointer<UInt64>) -> Bool {
    set[Int(bit) >> 6] & 1 << UInt64(bit & 63) != 0
  }
}
