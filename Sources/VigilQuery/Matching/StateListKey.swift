/// A list of automaton states (or of state blocks) as a dictionary key, hashed over its bytes in one call:
/// element-by-element hashing of `[Int32]` keys was most of the cost of determinizing and minimizing.
struct StateListKey: Hashable {
  var states: [Int32]

  init(_ states: [Int32]) { self.states = states }

  func hash(into hasher: inout Hasher) {
    states.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}
