import VigilEvents

/// How a ``RuleProgramSet`` reference to a field test packs, besides the test's cell, the cell's field:
/// `~(cell | field << cellBits)`. The walk then leaves a test of a field the event lacks (over a third of the tests
/// it reaches in a corpus scan) without reaching the cell or its stamp, each a cache miss. A field whose index does
/// not fit in the bits the cells leave is packed as ``unknownField``, and the cell's own field is tested instead.
struct TestReferencePacking: Sendable {
  /// The bits of the cell index, enough for every cell of the program.
  let cellBits: Int32
  private let cellMask: Int32
  /// The field code of a field that does not fit: all the field bits set.
  let unknownField: Int32

  init(cellCount: Int) {
    cellBits = Int32(max(1, Int.bitWidth - cellCount.leadingZeroBitCount))
    cellMask = 1 &<< cellBits &- 1
    unknownField = Int32.max &>> cellBits
  }

  /// The reference to test cell `cell`, whose field is `field`.
  func reference(cell: Int32, field: FieldID) -> RuleProgramSet.Reference {
    let code = field.rawValue < UInt32(unknownField) ? Int32(field.rawValue) : unknownField
    return ~(cell | code << cellBits)
  }

  /// The cell a test reference names.
  @inline(__always)
  func cell(_ reference: RuleProgramSet.Reference) -> Int32 { ~reference & cellMask }

  /// The field a test reference names, or `nil` when it did not fit.
  @inline(__always)
  func field(_ reference: RuleProgramSet.Reference) -> FieldID? {
    let code = ~reference &>> cellBits
    return code == unknownField ? nil : FieldID(rawValue: UInt32(truncatingIfNeeded: code))
  }
}
