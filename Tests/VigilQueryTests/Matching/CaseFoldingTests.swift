import Testing

@testable import VigilQuery

private let foldCases: [(String, String)] = [
  ("", ""), ("ABC xyz 123", "abc xyz 123"), ("ÉCOLE", "école"), ("ΣΊΣΥΦΟΣ", "σίσυφοσ"), ("İ", "i"),
  ("\u{212A}", "k"), ("Ⱥ", "ⱥ"), ("ǅ", "ǆ"), ("Straße", "straße"), ("日本", "日本"), ("𐐀", "𐐨"), ("😀", "😀"),
]

@Test(arguments: foldCases)
func caseFoldingFold(_ input: String, _ expected: String) {
  #expect(CaseFolding.fold(input) == expected)
  var s = input
  let folded = s.withUTF8 { source -> String? in
    let capacity = CaseFolding.maximumFoldedCount(forInputCount: source.count)
    return withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { buffer in
      CaseFolding.fold(UnsafeRawBufferPointer(source), into: buffer).map {
        String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<$0]), as: UTF8.self)
      }
    }
  }
  #expect(folded == expected)
}

@Test func caseFoldingBufferTooSmall() {
  var s = "ȺȺ"  // 2 bytes each, 3 bytes folded
  let written = s.withUTF8 { source in
    withUnsafeTemporaryAllocation(byteCount: 4, alignment: 1) {
      CaseFolding.fold(UnsafeRawBufferPointer(source), into: $0)
    }
  }
  #expect(written == nil)
}

private let equalityCases: [(String, String, Bool)] = [
  ("abc", "ABC", true), ("abc", "abd", false), ("abc", "ab", false), ("", "", true), ("École", "éCOLE", true),
  ("k", "\u{212A}", true), ("Ⱥx", "ⱥX", true), ("a", "á", false),
]

@Test(arguments: equalityCases)
func caseFoldingEquality(_ a: String, _ b: String, _ expected: Bool) {
  #expect(CaseFolding.equalIgnoringCase(a, b) == expected)
  var input = a
  let folded = CaseFolding.foldedBytes(b)
  let viaFolded = input.withUTF8 { i in
    folded.withUnsafeBytes { CaseFolding.equalFolded(UnsafeRawBufferPointer(i), folded: $0) }
  }
  #expect(viaFolded == expected)
}

@Test func caseFoldingASCII() {
  for b in UInt8(0)...255 {
    let expected = (0x41...0x5A).contains(b) ? b + 32 : b
    #expect(CaseFolding.asciiLower(b) == expected)
  }
}
