import Testing

@testable import VigilRules

struct TOMLKeyPositionsTests {
  static let document = """
    [rule]
    query = '''
    fake = "not a key"
    [not.a.table]
    '''
    note = \"\"\"a "quoted" \\\"\"\" line\"\"\"
    index = [
      "a",  # comment with = sign
      "b",
    ]
    inline = { x = 1, y = [1, { z = 2 }] }
    "quoted key" = 1
    dotted . key = 2

    [[rule.threat]]
    framework = "A"
    [rule.threat.tactic]
    id = "TA1"

    [[rule.threat]]
    framework = "B"
    [[ rule.threat.technique ]]
    id = "T2"
    [[rule.threat.technique]]
    id = "T3"
    """

  static func keys() throws -> TOMLKeyPositions {
    try TOMLDocument(bytes: Array(document.utf8)).keys
  }

  static func text(_ range: Range<Int>) -> String {
    String(decoding: Array(document.utf8)[range], as: UTF8.self)
  }

  @Test(
    "keys are found at their lines, skipping strings and arrays",
    arguments: [
      ("rule", 1, "rule"), ("rule.query", 2, "query"), ("rule.note", 6, "note"), ("rule.index", 7, "index"),
      ("rule.inline", 11, "inline"), ("rule.inline.x", 11, "x"), ("rule.inline.y[1].z", 11, "z"),
      ("rule.quoted key", 12, "\"quoted key\""), ("rule.dotted.key", 13, "dotted . key"),
      ("rule.threat[0]", 15, "rule.threat"), ("rule.threat[0].framework", 16, "framework"),
      ("rule.threat[0].tactic", 17, "rule.threat.tactic"), ("rule.threat[0].tactic.id", 18, "id"),
      ("rule.threat[1].framework", 21, "framework"), ("rule.threat[1].technique[0]", 22, "rule.threat.technique"),
      ("rule.threat[1].technique[0].id", 23, "id"), ("rule.threat[1].technique[1].id", 25, "id"),
    ])
  func keyLines(path: String, line: Int, key: String) throws {
    let bytes = Array(Self.document.utf8)
    let position = try #require(try Self.keys().positions[path], "no position for \(path)")
    let lineNumber = bytes[..<position.keyRange.lowerBound].filter { $0 == UInt8(ascii: "\n") }.count + 1
    #expect(lineNumber == line)
    #expect(Self.text(position.keyRange) == key)
  }

  @Test(
    "values' content starts inside quotes and after a multi-line string's first newline",
    arguments: [
      ("rule.query", "fake = "), ("rule.note", "a \"quoted"), ("rule.index", "[\n  \"a\""), ("rule.inline", "{ x = 1"),
      ("rule.inline.y[1].z", "2 }"), ("rule.threat[0].framework", "A\""), ("rule.threat[0]", "rule.threat]"),
    ])
  func contentStarts(path: String, prefix: String) throws {
    let keys = try Self.keys()
    let position = try #require(keys.position(of: path))
    let bytes = Array(Self.document.utf8)
    #expect(String(decoding: bytes[position.contentStart...].prefix(prefix.utf8.count), as: UTF8.self) == prefix)
  }

  @Test func noKeysInventedInsideStrings() throws {
    let keys = try Self.keys()
    #expect(keys.positions["rule.fake"] == nil)
    #expect(keys.positions["not.a.table"] == nil)
    #expect(keys.positions["rule.index[0]"] == nil)
  }

  @Test func missingKeyFallsBackToNearestWrittenAncestor() throws {
    let keys = try Self.keys()
    let position = try #require(keys.position(of: "rule.threat[0].tactic.name"))
    #expect(position.keyRange == keys.positions["rule.threat[0].tactic"]?.keyRange)
    #expect(
      keys.position(of: "rule.threat[1].technique[0].subtechnique[0].id")
        == keys.positions["rule.threat[1].technique[0]"])
    #expect(keys.position(of: "other") == nil)
  }

  @Test func crlfDocumentsHaveTheSamePositionsShiftedByTheirCarriageReturns() throws {
    let text = "[rule]\r\nquery = \"\"\"\r\nx\r\n\"\"\"\r\nname = 'n'\r\n"
    let keys = try TOMLDocument(bytes: Array(text.utf8)).keys
    #expect(keys.positions["rule.query"] == .init(keyRange: 8..<13, contentStart: 21))
    #expect(keys.positions["rule.name"] == .init(keyRange: 29..<33, contentStart: 37))
  }
}
