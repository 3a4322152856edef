import Testing

@testable import VigilESQL

/// A `CASE` of string equalities and patterns on one column, decided by a lookup, gives what testing its conditions in
/// turn gives: the first branch that holds, with the warnings, for every kind of value.
struct ESQLCaseTableTests {
  static let event = #"""
    {"process.name":"AnyDesk.exe","custom.ascii":"teamviewer.exe","custom.early":"aa_v3.exe","custom.late":"zz.exe",\#
    "custom.none":"notepad.exe","custom.kelvin":"\u212a","custom.nfd":"e\u0301","custom.list":["a.exe","b.exe"],\#
    "destination.port":443,"custom.empty":"","@timestamp":"2024-05-01T10:00:00.000Z"}
    """#

  static let subjects = [
    "process.name", "custom.ascii", "custom.early", "custom.late", "custom.none", "custom.kelvin", "custom.nfd",
    "custom.list", "destination.port", "custom.empty", "missing.field",
  ]

  /// Conditions in the table's forms: patterns before and after equalities, a repeated literal, a negated pattern.
  static func conditions(on subject: String) -> [String] {
    [
      #"\#(subject) LIKE "aa_v*.exe""#, #""teamviewer.exe" == \#(subject)"#, #"\#(subject) == "a.exe""#,
      #"\#(subject) == "teamviewer.exe""#, #"\#(subject) == "K""#, #"\#(subject) == "443""#,
      #"\#(subject) LIKE "zz*""#, #"\#(subject) RLIKE "any.*""#, #"\#(subject) == """#,
      #"\#(subject) NOT LIKE "*.exe""#,
    ]
  }

  static func caseExpression(_ conditions: [String], otherwise: Bool) -> String {
    let branches = conditions.enumerated().map { "\($1), \"branch \($0)\"" }
    return "CASE(" + (branches + (otherwise ? [#""none""#] : [])).joined(separator: ", ") + ")"
  }

  @Test(arguments: subjects)
  func lookupAgreesWithConditionsInTurn(_ subject: String) throws {
    for otherwise in [true, false] {
      let conditions = Self.conditions(on: subject)
      let table = Self.caseExpression(conditions, otherwise: otherwise)
      // `TRUE AND …` holds where the condition does and takes the table away.
      let inTurn = Self.caseExpression(conditions.map { "TRUE AND \($0)" }, otherwise: otherwise)
      let tableRun = try ESQLRuntimeHarness.run("FROM logs-* | EVAL r = \(table) | KEEP r", [Self.event])
      let inTurnRun = try ESQLRuntimeHarness.run("FROM logs-* | EVAL r = \(inTurn) | KEEP r", [Self.event])
      #expect(ESQLRuntimeHarness.rows(tableRun) == ESQLRuntimeHarness.rows(inTurnRun), "\(subject)")
      #expect(tableRun.warnings == inTurnRun.warnings, "\(subject)")
    }
  }

  @Test func firstHoldingBranchIsChosen() throws {
    let expression = Self.caseExpression(Self.conditions(on: "s"), otherwise: true)
    let expected: [(String, String)] = [
      ("aa_v3.exe", "branch 0"), ("teamviewer.exe", "branch 1"), ("zz.exe", "branch 6"), ("anydesk", "branch 7"),
      ("", "branch 8"), ("K", "branch 4"), ("notepad.exe", "none"), ("cmd", "branch 9"),
    ]
    for (value, branch) in expected {
      let result = try ESQLRuntimeHarness.run(
        "FROM logs-* | EVAL r = \(expression) | KEEP r", [#"{"s":"\#(value)"}"#])
      #expect(ESQLRuntimeHarness.rows(result) == [#"{"r":"\#(branch)"}"#], "\(value)")
    }
  }

  @Test func onlyTheTablesFormsOnOneColumnGetATable() throws {
    func table(_ conditions: [String]) throws -> ESQLCaseTable? {
      let (program, _) = try ESQLRuntimeHarness.program(
        "FROM logs-* | EVAL r = \(Self.caseExpression(conditions, otherwise: true))")
      guard case .eval(let steps) = program.stages.first, case .caseTable(let table, _) = steps.first?.expression
      else { return nil }
      return table
    }
    let four = (1...4).map { #"a == "x\#($0)""# }
    #expect(try table(four) != nil)
    #expect(try table(Array(four.dropLast())) == nil)
    #expect(try table(four + [#"b == "y""#]) == nil)
    #expect(try table(four + ["a == \"\u{e9}\""]) == nil)
    #expect(try table(four + ["a == 3"]) == nil)
    #expect(try table(four + [#"TO_LOWER(a) == "y""#]) == nil)
  }

  @Test func decisions() throws {
    let (program, _) = try ESQLRuntimeHarness.program(
      "FROM logs-* | EVAL r = \(Self.caseExpression(Self.conditions(on: "s"), otherwise: true))")
    guard case .eval(let steps) = program.stages.first, case .caseTable(let table, _) = steps.first?.expression else {
      Issue.record("no table")
      return
    }
    #expect(table.decide(.string("aa_v1.exe")) == .branch(0))
    #expect(table.decide(.string("teamviewer.exe")) == .branch(1))
    #expect(table.decide(.string("notepad.exe")) == .otherwise)
    #expect(table.decide(.null) == .otherwise)
    #expect(table.decide(.string("\u{212a}")) == .undecided)
    #expect(table.decide(.integer(443)) == .undecided)
    #expect(table.decide(.multi([.string("a.exe"), .string("b.exe")])) == .undecided)
  }
}
