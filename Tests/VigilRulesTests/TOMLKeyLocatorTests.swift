import Testing
@testable import VigilRules

struct TOMLKeyLocatorTests {
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
    inline = { x = 1, y = [1, 2] }
    "quoted key" = 1
    dotted.key = 2

    [[rule.threat]]
    framework = "A"
    [rule.threat.tactic]
    id = "TA1"

    [[rule.threat]]
    framework = "B"
    [[rule.threat.technique]]
    id = "T2"
    [[rule.threat.technique]]
    id = "T3"
    """

  @Test("keys are found at their lines, skipping strings and arrays", arguments: [
    ("rule", 1), ("rule.query", 2), ("rule.note", 6), ("rule.index", 7), ("rule.inline", 11),
    ("rule.quoted key", 12), ("rule.dotted.key", 13), ("rule.threat[0]", 15), ("rule.threat[0].framework", 16),
    ("rule.threat[0].tactic.id", 18), ("rule.threat[1].framework", 21), ("rule.threat[1].technique[0].id", 23),
    ("rule.threat[1].technique[1].id", 25),
  ])
  func keyLines(path: String, line: Int) throws {
    let bytes = Array(Self.document.utf8)
    let locator = TOMLKeyLocator(bytes: bytes)
    let position = try #require(locator.positions[path], "no position for \(path)")
    let lineNumber = bytes[..<position.keyRange.lowerBound].filter { $0 == UInt8(ascii: "\n") }.count + 1
    #expect(lineNumber == line)
  }

  @Test func noKeysInventedInsideStrings() {
    let locator = TOMLKeyLocator(bytes: Array(Self.document.utf8))
    #expect(locator.positions["rule.fake"] == nil)
    #expect(locator.positions["not.a.table"] == nil)
  }

  @Test func missingKeyFallsBackToNearestWrittenAncestor() throws {
    let locator = TOMLKeyLocator(bytes: Array(Self.document.utf8))
    let position = try #require(locator.position(of: "rule.threat[0].tactic.name"))
    #expect(position.keyRange == locator.positions["rule.threat[0].tactic"]?.keyRange)
  }
}
