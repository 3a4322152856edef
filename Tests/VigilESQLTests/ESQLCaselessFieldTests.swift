import Testing
import VigilEvents
import VigilQuery

@testable import VigilESQL

/// A `caseless` multi-field (`process.name.caseless`) reads its parent's values lower-cased, as Elasticsearch's
/// `lowercase` normalizer indexes them; comparisons with it are then as with `TO_LOWER` of the parent.
struct ESQLCaselessFieldTests {
  static let events = [
    #"{"process":{"name":"AnyDesk.EXE"},"host":{"name":"h1"}}"#,
    #"{"process":{"name":"cmd.exe"},"host":{"name":"h1"}}"#,
    #"{"process":{"name":["Tool.exe","TOOL.EXE","b"]},"host":{"name":"h2"}}"#,
    #"{"process":{"name":"AA_v3.exe"},"host":{"name":"h2"}}"#,
  ]

  static let cases: [ESQLRuntimeCase] = [
    ESQLRuntimeCase(
      #"FROM logs-* | KEEP process.name.caseless, process.name"#, events,
      [
        #"{"process.name.caseless":"anydesk.exe","process.name":"AnyDesk.EXE"}"#,
        #"{"process.name.caseless":"cmd.exe","process.name":"cmd.exe"}"#,
        // Doc values: lower-cased, then sorted and deduplicated.
        #"{"process.name.caseless":["b","tool.exe"],"process.name":["TOOL.EXE","Tool.exe","b"]}"#,
        #"{"process.name.caseless":"aa_v3.exe","process.name":"AA_v3.exe"}"#,
      ]),
    // The opening WHERE is decided on the event's bytes: a constant with capitals never equals a lower-cased value.
    ESQLRuntimeCase(
      #"FROM logs-* | WHERE process.name.caseless IN ("anydesk.exe", "CMD.EXE") | KEEP process.name"#, events,
      [#"{"process.name":"AnyDesk.EXE"}"#]),
    ESQLRuntimeCase(
      #"FROM logs-* | WHERE process.name.caseless != "cmd.exe" AND process.name.caseless LIKE "a*" | KEEP process.name"#,
      events, [#"{"process.name":"AnyDesk.EXE"}"#, #"{"process.name":"AA_v3.exe"}"#]),
    ESQLRuntimeCase(
      """
      FROM logs-* | EVAL vendor = CASE(process.name.caseless == "anydesk.exe", "AnyDesk",
        process.name.caseless LIKE "aa_v*.exe", "Ammyy", "") | WHERE vendor != ""
      | STATS vendors = VALUES(vendor) BY host.name | SORT host.name
      """, events,
      [#"{"vendors":"AnyDesk","host.name":"h1"}"#, #"{"vendors":"Ammyy","host.name":"h2"}"#]),
  ]

  @Test(arguments: cases)
  func caselessValues(_ test: ESQLRuntimeCase) throws {
    #expect(ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(test.query, test.events)) == test.rows)
    // The engine's pre-filter keeps every event that gives a row.
    let prefiltered = try ESQLRuntimeHarness.run(test.query, test.events, prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(prefiltered) == test.rows)
  }

  @Test func bindsToTheParentField() {
    var fields = FieldResolver()
    let caseless = fields.bind("process.command_line.caseless")
    #expect(caseless.isCaseless && caseless.sourcePath == "process.command_line" && caseless.type == .keyword)
    #expect(caseless.id == fields.bind("process.command_line").id)
    // Only under keyword-family fields the schema knows.
    #expect(!fields.bind("process.pid.caseless").isCaseless)
    #expect(!fields.bind("custom.thing.caseless").isCaseless)
    #expect(!fields.bind("process.name").isCaseless)
  }
}
