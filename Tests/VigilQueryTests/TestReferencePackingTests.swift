import Testing
import VigilEvents

@testable import VigilQuery

/// A test reference gives back its cell and its field; a field too large for the bits the cells leave gives back no
/// field, and the walk then tests the cell's own field.
struct TestReferencePackingTests {
  @Test func referencesGiveBackTheirCellAndField() {
    for cellCount in [1, 2, 7_724, 1 << 20] {
      let packing = TestReferencePacking(cellCount: cellCount)
      for cell in Set([0, cellCount / 2, cellCount - 1]) {
        for field in [0, 1, 793, Int(packing.unknownField) - 1] {
          let reference = packing.reference(cell: Int32(cell), field: FieldID(rawValue: UInt32(field)))
          #expect(reference < 0, "a test reference is negative, a node's position is not")
          #expect(packing.cell(reference) == Int32(cell))
          #expect(packing.field(reference) == FieldID(rawValue: UInt32(field)))
        }
      }
    }
  }

  @Test func aFieldThatDoesNotFitIsLeftToTheCell() {
    // A million cells leave 11 bits: field 2,047 and above do not fit.
    let packing = TestReferencePacking(cellCount: 1_000_000)
    for field in [Int(packing.unknownField), Int(packing.unknownField) + 1, 1 << 30] {
      let reference = packing.reference(cell: 999_999, field: FieldID(rawValue: UInt32(field)))
      #expect(packing.cell(reference) == 999_999)
      #expect(packing.field(reference) == nil)
    }
  }
}
