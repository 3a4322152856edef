import Testing
import VigilTestSupport

@testable import VigilESQL

/// `LOCATE` finds the first occurrence, in scalars, whichever search it uses: the skipping search for long needles
/// must agree with a plain one on text where needles overlap and repeat, and across multi-byte characters.
struct ESQLLocateTests {
  /// The first match by trying every scalar position.
  static func plainPosition(of needle: String, in subject: String, from start: Int) -> Int64 {
    let scalars = Array(subject.unicodeScalars)
    let wanted = Array(needle.unicodeScalars)
    guard start <= scalars.count else { return 0 }
    if wanted.isEmpty { return Int64(start + 1) }
    guard scalars.count >= wanted.count, start <= scalars.count - wanted.count else { return 0 }
    for index in start...(scalars.count - wanted.count) where Array(scalars[index..<(index + wanted.count)]) == wanted {
      return Int64(index + 1)
    }
    return 0
  }

  @Test func skippingSearchAgreesWithAPlainOne() {
    var random = SplitMix64(seed: 11)
    // Few distinct scalars, so that partial matches and repeats are common.
    let alphabet: [Character] = [" ", " ", "a", "b", "é", "🙂"]
    func text(_ length: Int) -> String {
      String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
    for _ in 0..<3000 {
      let subject = text(Int(random.next() % 40))
      let needle = text(1 + Int(random.next() % 7))
      let start = Int(random.next() % 8)
      #expect(
        ESQLLocate.position(of: needle, in: subject, from: start)
          == Self.plainPosition(of: needle, in: subject, from: start), "\(needle) in \(subject) from \(start)")
    }
  }

  @Test func aLongRunOfSpacesIsFoundWhereItStarts() {
    let line = "cmd.exe /c" + String(repeating: " ", count: 99) + "x" + String(repeating: " ", count: 100) + "y"
    #expect(ESQLLocate.position(of: String(repeating: " ", count: 100), in: line, from: 0) == 111)
    #expect(ESQLLocate.position(of: String(repeating: " ", count: 101), in: line, from: 0) == 0)
  }
}
