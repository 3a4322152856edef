/// Lists of rule positions, as the router adds them to an event's candidates: a short list rule by rule, a long
/// one as a bitset over all rules, a word at a time. Every process event reaches the hundreds of rules filed under
/// `event.category: process`, and setting their bits one by one was over a tenth of routing.
struct RuleLists: Sendable {
  /// The rules of list `i` are `rules[starts[i]..<starts[i + 1]]`.
  private var starts: [Int32] = [0]
  private var rules: [Int32] = []
  /// Per list, the first of its ``wordCount`` words in `bitsets`, or -1 for a short list.
  private var bitsetStarts: [Int32] = []
  private var bitsets: [UInt64] = []
  /// The words of a bitset over all rules.
  private let wordCount: Int

  init(ruleCount: Int) {
    wordCount = (ruleCount + 63) / 64
  }

  /// The number of lists.
  var count: Int { bitsetStarts.count }

  /// Adds a list of rule positions (each below the rule count, in any order).
  mutating func append<S: Sequence<Int32>>(_ list: S) {
    let sorted = Set(list).sorted()
    guard sorted.count > wordCount else {
      rules.append(contentsOf: sorted)
      starts.append(Int32(rules.count))
      bitsetStarts.append(-1)
      return
    }
    starts.append(Int32(rules.count))
    bitsetStarts.append(Int32(bitsets.count))
    bitsets.append(contentsOf: repeatElement(0, count: wordCount))
    let first = bitsets.count - wordCount
    for rule in sorted { bitsets[first + Int(rule) >> 6] |= 1 << UInt64(rule & 63) }
  }

  /// Adds the rules of list `list` to `scratch`.
  @inline(__always)
  func add(_ list: Int, to scratch: inout RouteScratch) {
    let bitsetStart = bitsetStarts[list]
    guard bitsetStart < 0 else {
      let first = Int(bitsetStart)
      bitsets.withUnsafeBufferPointer { scratch.add(UnsafeBufferPointer(rebasing: $0[first..<first + wordCount])) }
      return
    }
    for position in starts[list]..<starts[list + 1] { scratch.add(rules[Int(position)]) }
  }
}
