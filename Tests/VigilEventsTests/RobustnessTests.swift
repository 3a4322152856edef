import Testing
import VigilEvents
import VigilTestSupport

/// Nothing a document holds may crash the decoder: every prefix and many corruptions of real-looking documents
/// either decode or give a `DecodeError`.
@Suite("Robustness")
struct RobustnessTests {
  static let documents = [
    #"{"@timestamp":"2026-11-01T00:00:00.003Z","event":{"category":["process"],"type":["start"]},"#
      + #""process":{"name":"cmd.exe","args":["/c","whoami"],"pid":4242,"parent":{"name":"explorer.exe"}},"#
      + #""host.os.type":"windows","n":[1.5e3,-0,18446744073709551616,null,true,false],"#
      + #""s":"C:\\Windows\\\"x\"\u00e9\ud83d\ude00","deep":[[{"a":{"b":[{}]}}]]}"#,
    #"{"threat":{"enrichments":[{"indicator":{"type":"ip","ip":"1.2.3.4"}},{"indicator":{"type":"url"}}]}}"#,
  ]

  static func attempt(_ bytes: [UInt8]) {
    for decoder in [EventDecoder(), EventDecoder(fields: ["process.name", "event.category", "s", "deep.a.b"])] {
      if let event = try? decoder.decode(bytes) {
        #expect(event.bytes == bytes)
        for field in event.fields { _ = Array(event.values(field)).map { event.string($0) } }
      }
    }
  }

  @Test("every prefix", arguments: documents)
  func prefixes(_ json: String) {
    let bytes = Array(json.utf8)
    for end in 0...bytes.count { Self.attempt(Array(bytes[..<end])) }
  }

  @Test("random corruptions", arguments: documents)
  func corruptions(_ json: String) {
    let bytes = Array(json.utf8)
    let interesting: [UInt8] = Array(#"{}[]",:\"0-e.tfnu"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xED, 0xFF]
    var random = SplitMix64(seed: 42)
    for _ in 0..<3000 {
      var copy = bytes
      for _ in 0..<(1 + Int(random.next() % 3)) {
        let position = Int(random.next() % UInt64(copy.count))
        switch random.next() % 3 {
        case 0: copy[position] = interesting[Int(random.next() % UInt64(interesting.count))]
        case 1: copy.remove(at: position)
        default: copy.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: position)
        }
        if copy.isEmpty { break }
      }
      Self.attempt(copy)
    }
  }

  @Test func utf8ValidationAgreesWithTheStandardLibrary() {
    var random = SplitMix64(seed: 7)
    let decoder = EventDecoder(fields: ["s"])
    for _ in 0..<20_000 {
      var text: [UInt8] = []
      for _ in 0..<(Int(random.next() % 12)) {
        // Mostly bytes around the UTF-8 boundaries, never a quote, backslash or control character.
        let pick = [
          0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x90, 0x8F,
        ]
        text.append(UInt8(pick[Int(random.next() % UInt64(pick.count))]))
      }
      let valid = String(validating: text, as: UTF8.self) != nil
      let document = Array(#"{"s":""#.utf8) + text + Array(#""}"#.utf8)
      do {
        let event = try decoder.decode(document)
        #expect(valid, "\(text)")
        #expect(Array(event.bytes(event.first(decoder.catalog.id("s")!)!.span!)) == text)
      } catch {
        #expect(!valid && error.kind == .invalidUTF8, "\(text)")
      }
    }
  }

  @Test func numbersAgreeWithTheStandardLibrary() throws {
    var random = SplitMix64(seed: 11)
    let decoder = EventDecoder(fields: ["n"])
    let n = decoder.catalog.id("n")!
    for _ in 0..<50_000 {
      var text = random.next() % 4 == 0 ? "-" : ""
      let integerDigits = 1 + Int(random.next() % 22)
      for index in 0..<integerDigits { text += String(index == 0 ? 1 + random.next() % 9 : random.next() % 10) }
      if random.next() % 2 == 0 {
        text += "."
        for _ in 0..<(1 + Int(random.next() % 20)) { text += String(random.next() % 10) }
      }
      if random.next() % 3 == 0 { text += "e" + (random.next() % 2 == 0 ? "-" : "") + String(random.next() % 330) }
      let event = try decoder.decode(#"{"n":"# + text + "}")
      switch event.first(n)! {
      case .int(let value): #expect(Int64(text) == value, "\(text)")
      case .double(let value): #expect(Double(text) == value && Int64(text) == nil, "\(text)")
      case .number(let span):
        #expect(Array(event.bytes(span)) == Array(text.utf8))
        #expect(
          Int64(text) == nil
            && (Double(text).map { !$0.isFinite || !text.contains(where: { ".eE".contains($0) }) } ?? true), "\(text)")
      default: Issue.record("\(text) decoded as \(String(describing: event.first(n)))")
      }
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    for open in ["[", #"{"a":"#] {
      let json = #"{"x":"# + String(repeating: open, count: 100_000)
      for decoder in [EventDecoder(), EventDecoder(fields: ["y"])] {
        #expect(throws: DecodeError.self) { try decoder.decode(json) }
      }
    }
  }
}
