import Testing
import VigilQuery

struct ByteStringSetTests {
  /// Members of every length around the eight-byte words the set hashes and compares are found, exactly and only:
  /// a probe one byte shorter, longer or different in its last byte (the zero-padded tail of a word) is not.
  @Test func findsMembersOfEveryLengthAndNothingNearThem() {
    let members = (0...33).map { length in String((0..<length).map { Character(UnicodeScalar(0x61 + $0 % 26)!) }) }
    let set = ByteStringSet(members)
    for member in members {
      #expect(set.contains(member), "\(member.count) bytes")
      #expect(!set.contains(member + "\u{0}"), "NUL after \(member.count) bytes")
      #expect(!set.contains(member.uppercased()) || member.isEmpty, "upper case of \(member.count) bytes")
      if let last = member.last {
        #expect(!set.contains(member.dropLast() + (last == "z" ? "y" : "z")), "last byte of \(member.count) bytes")
      }
    }
    #expect(!set.contains("abcdefghijklmnopqrstuvwxyzabcdefgh"))
  }

  /// A case-folding set matches any ASCII case of its members, whatever the length, and folds non-ASCII probes in
  /// full (`Ä` to `ä`; KELVIN SIGN, three bytes, to the one byte of `k`).
  @Test func foldingSetMatchesEveryCaseOfItsMembers() {
    let set = ByteStringSet(["cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell", "äpfel", "k"], foldingCase: true)
    #expect(set.contains("CMD.EXE"))
    #expect(set.contains("Cmd.Exe"))
    #expect(set.contains("c:\\windows\\system32\\windowspowershell"))
    #expect(set.contains("C:\\WINDOWS\\SYSTEM32\\WINDOWSPOWERSHELL"))
    #expect(!set.contains("C:\\WINDOWS\\SYSTEM32\\WINDOWSPOWERSHEL"))
    // "@" and "[" sit beside "A" and "Z" and must not be lowered into "`" and "{".
    #expect(!ByteStringSet(["`{`{`{`{`{"], foldingCase: true).contains("@[@[@[@[@["))
    #expect(set.contains("ÄPFEL"))
    #expect(set.contains("\u{212A}"))
    #expect(!set.contains("APFEL"))
  }

  /// Sets grown and merged to thousands of members (every bit of the hash filter in use) still find each member,
  /// exactly or in any case, and no near miss; an empty set finds nothing.
  @Test func largeAndMergedSetsFindEveryMember() {
    let words = (0..<3000).map { "member-\($0)-\(String($0 * 7919, radix: 36))" }
    var set = ByteStringSet(words.prefix(1000))
    set.formUnion(ByteStringSet(words.dropFirst(1000)))
    let folded = ByteStringSet(words.map { $0.uppercased() }, foldingCase: true)
    #expect(set.count == 3000)
    for word in words {
      #expect(set.contains(word))
      #expect(!set.contains(word + "x"))
      #expect(folded.contains(word))
      #expect(folded.contains(word.uppercased()))
    }
    #expect(!ByteStringSet([String]()).contains("member-1-7bb"))
  }
}
