import VigilEvents

/// A test every wildcard or regex cell of a ``RuleProgramSet`` passes before its patterns run: the patterns need a
/// literal (`*\Program Files*\*.exe` needs `\program files`, `.*(gh\s+auth|kubectl\s+config).*` needs `auth` or
/// `config`), and an event's value cannot match when it lacks every one.
///
/// Rules test the same few fields (`process.command_line`, `process.executable`) with patterns of their own, so an
/// event reached the patterns of dozens of rules on each. Now the event's values of such a field are read once, into
/// a set of their 4-byte grams (ASCII lowered, hashed into 4,096 bits), and a cell whose grams are all missing
/// fails without running its patterns.
public struct LiteralPrefilter: Sendable {
  /// A cell's grams: `grams[start..<start + count]`, of which one at least must be in the values of field
  /// `fields[slot]`.
  struct Entry: Sendable {
    var slot: Int32
    var start: Int32
    var count: Int32
  }

  /// The fields whose values are read into gram sets, by slot.
  private(set) var fields: [FieldID] = []
  /// One gram of each pattern of the cells, lowered.
  private(set) var grams: [UInt32] = []
  /// The entries of the filtered cells.
  private(set) var entries: [Entry] = []
  /// Per cell, the position of its entry in `entries`, or -1 for a cell not filtered (not wildcards, or a pattern
  /// without a literal of 4 bytes).
  private(set) var entryOfCell: [Int32] = []

  /// Words of a gram set.
  static let words = 64
  /// Most patterns a filtered cell has; longer lists filter themselves (``GramFilter``).
  static let maximumPatterns = 64
  /// Longest value read into a gram set (lowered in a buffer on the stack); a longer one lets every cell through.
  static let maximumValueLength = ByteHash.foldingCapacity

  init() {}

  init(cells: [FieldTestCell]) {
    // Each cell's patterns' grams, each pattern's without repeats.
    let gramLists = cells.map { cell in
      Self.literals(of: cell.test.condition)?.map { Array(Set(Self.grams(of: $0))) }
    }
    // Each pattern gets its literal's rarest gram over all cells, which the fewest values hold.
    var frequency: [UInt32: Int] = [:]
    for case let cellGrams? in gramLists {
      for grams in cellGrams {
        for gram in grams { frequency[gram, default: 0] += 1 }
      }
    }
    var slotOfField: [FieldID: Int32] = [:]
    entryOfCell = cells.indices.map { position in
      guard let cellGrams = gramLists[position] else { return -1 }
      let field = cells[position].field
      let slot = slotOfField[field] ?? Int32(fields.count)
      if slotOfField[field] == nil {
        slotOfField[field] = slot
        fields.append(field)
      }
      let start = Int32(grams.count)
      for patternGrams in cellGrams {
        let counted = patternGrams.map { (count: frequency[$0]!, gram: $0) }
        grams.append(counted.min { ($0.count, $0.gram) < ($1.count, $1.gram) }!.gram)
      }
      entries.append(Entry(slot: slot, start: start, count: Int32(cellGrams.count)))
      return Int32(entries.count - 1)
    }
  }

  /// The literals, lowered, of which a value satisfying `condition` holds one: one per pattern of a wildcard test, or
  /// the texts a regex test's matches need; `nil` when the condition is neither, or one of them has no literal of 4
  /// bytes or more. A value holding none of them, lowered, cannot satisfy the condition.
  public static func literals(of condition: FieldCondition) -> [[UInt8]]? {
    let patterns: [WildcardPattern]
    switch condition {
    case .wildcard(let pattern): patterns = [pattern]
    case .wildcards(let list) where list.patterns.count <= maximumPatterns: patterns = list.patterns
    case .regex(let regex):
      // Already lowered.
      guard let texts = regex.requiredLiterals, texts.count <= maximumPatterns, texts.allSatisfy({ $0.count >= 4 })
      else { return nil }
      return texts
    default: return nil
    }
    var literals: [[UInt8]] = []
    for pattern in patterns {
      // Lowered for case-sensitive patterns too: a value they match, lowered, holds their literal lowered.
      guard let literal = pattern.requiredLiteral, literal.count >= 4 else { return nil }
      literals.append(literal.map(CaseFolding.asciiLower))
    }
    return literals
  }

  /// The bits of a gram set (``fill(_:field:of:)``) that every value holding `literal` (lowered) sets.
  public static func bits(of literal: [UInt8]) -> [Int] {
    Array(Set(grams(of: literal).map(bit))).sorted()
  }

  private static func grams(of literal: [UInt8]) -> [UInt32] {
    literal.withUnsafeBytes { bytes in
      (0...(bytes.count - 4)).map { bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self) }
    }
  }

  @inline(__always)
  static func bit(_ gram: UInt32) -> Int { Int((gram &* 0x9E37_79B1) >> 20) }

  /// Fills `set` (``words`` words) with the grams of `field`'s values in `event`, lowered; every bit when a value is
  /// not ASCII (case-insensitive patterns fold other letters too) or too long.
  static func fill(_ set: UnsafeMutablePointer<UInt64>, field: FieldID, of event: Event) {
    set.update(repeating: 0, count: words)
    let unreadable = event.containsValue(field) { value in
      let read = FieldCondition.withKeywordText(value, in: event) { bytes in
        ByteHash.withLoweredASCII(bytes, limit: maximumValueLength) { lowered in
          guard lowered.count >= 4 else { return }
          for offset in 0...(lowered.count - 4) {
            let bit = Self.bit(lowered.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            set[bit >> 6] |= 1 << UInt64(bit & 63)
          }
        } != nil
      }
      // Stops at a value that could not be read: every bit is set below.
      return read == false
    }
    if unreadable { set.update(repeating: ~0, count: words) }
  }

  /// Whether one of `entry`'s grams (in `grams`) is in `set`.
  @inline(__always)
  static func passes(_ entry: Entry, _ grams: UnsafeBufferPointer<UInt32>, _ set: UnsafePointer<UInt64>) -> Bool {
    for index in Int(entry.start)..<Int(entry.start + entry.count) where holds(Self.bit(grams[index]), in: set) {
      return true
    }
    return false
  }

  /// Whether gram set `set` (``fill(_:field:of:)``) has bit `bit` (one of ``bits(of:)``).
  @inlinable
  public static func holds(_ bit: Int, in set: UnsafePointer<UInt64>) -> Bool {
    set[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }
}
