import Testing
import VigilEngine
import VigilEvents
import VigilQuery

struct ExceptionTests {
  static func excepts(_ entries: String, osTypes: String = "[]", expire: String? = nil, _ document: String) throws -> Bool {
    let expiry = expire.map { #","expire_time":"\#($0)""# } ?? ""
    let set = ExceptionSet(ndjson: #"{"item_id":"i","list_id":"l","namespace_type":"single","name":"n","type":"simple","os_types":\#(osTypes),"entries":\#(entries)\#(expiry)}"#)
    #expect(set.problems.isEmpty)
    var fields = FieldResolver()
    let now = Timestamp.parse(Array("2026-11-22T00:00:00Z".utf8))!
    let lowered = ExceptionLowering.lower(set.items, now: now, fields: &fields)
    #expect(!lowered.diagnostics.hasErrors)
    return PredicateProgram(lowered.predicate).evaluate(try EventDecoder(catalog: fields.catalog).decode(document))
  }

  static let nginx = #"{"process":{"name":"sh","parent":{"name":"nginx"},"args":["sh","-c","x"]},"host":{"os":{"type":"linux"}}}"#

  @Test("entries: match, match_any, wildcard, exists, excluded, nested; all entries of an item must hold", arguments: [
    (#"[{"field":"process.parent.name","operator":"included","type":"match","value":"nginx"}]"#, true),
    (#"[{"field":"process.parent.name","operator":"included","type":"match","value":"NGINX"}]"#, false),
    (#"[{"field":"process.parent.name","operator":"excluded","type":"match","value":"nginx"}]"#, false),
    (#"[{"field":"process.parent.name","operator":"included","type":"match_any","value":["apache2","nginx"]}]"#, true),
    (#"[{"field":"process.args","operator":"included","type":"match","value":"-c"}]"#, true),
    (#"[{"field":"process.args","operator":"excluded","type":"match","value":"-c"}]"#, false),
    (#"[{"field":"process.parent.name","operator":"included","type":"wildcard","value":"ng?n*"}]"#, true),
    (#"[{"field":"process.working_directory","operator":"included","type":"exists"}]"#, false),
    (#"[{"field":"process.working_directory","operator":"excluded","type":"exists"}]"#, true),
    (#"[{"field":"process.name","operator":"included","type":"match","value":"sh"},{"field":"process.parent.name","operator":"included","type":"match","value":"apache2"}]"#, false),
    (#"[{"field":"process","type":"nested","entries":[{"field":"parent.name","operator":"included","type":"match","value":"nginx"}]}]"#, true),
  ])
  func entries(entries: String, expected: Bool) throws {
    #expect(try Self.excepts(entries, Self.nginx) == expected)
  }

  @Test func osTypesLimitTheItem() throws {
    let entry = #"[{"field":"process.name","operator":"included","type":"match","value":"sh"}]"#
    #expect(try Self.excepts(entry, osTypes: #"["linux"]"#, Self.nginx))
    #expect(try !Self.excepts(entry, osTypes: #"["windows"]"#, Self.nginx))
  }

  @Test func expiredItemsAreIgnored() throws {
    let entry = #"[{"field":"process.name","operator":"included","type":"match","value":"sh"}]"#
    #expect(try !Self.excepts(entry, expire: "2026-01-01T00:00:00Z", Self.nginx))
    #expect(try Self.excepts(entry, expire: "2027-01-01T00:00:00Z", Self.nginx))
  }

  @Test func itemsApplyByListAndNamespaceOrToEveryRuleWithoutAList() {
    let set = ExceptionSet(ndjson: """
      {"list_id":"l","name":"container","type":"detection","namespace_type":"single"}
      {"item_id":"a","list_id":"l","namespace_type":"single","entries":[]}
      {"item_id":"b","list_id":"l","namespace_type":"agnostic","entries":[]}
      {"item_id":"c","entries":[]}
      {"exported_exception_list_count":1}
      """)
    #expect(set.items.map(\.itemID) == ["a", "b", "c"])
    #expect(set.items(forLists: [("l", "single")]).map(\.itemID) == ["a", "c"])
    #expect(set.items(forLists: []).map(\.itemID) == ["c"])
  }

  @Test func badLinesAreReportedWithTheirNumber() {
    let set = ExceptionSet(ndjson: "{\"item_id\":\"a\",\"entries\":[{\"field\":\"x\",\"type\":\"regex\"}]}\nnot json\n")
    #expect(set.problems.map(\.line) == [1, 2])
    #expect(set.problems.first?.message == "unknown entry type 'regex'")
  }

  @Test func valueListEntriesAreNotSupportedYet() {
    let set = ExceptionSet(ndjson: #"{"item_id":"a","entries":[{"field":"source.ip","operator":"included","type":"list","list":{"id":"bad-ips","type":"ip"}}]}"#)
    var fields = FieldResolver()
    let lowered = ExceptionLowering.lower(set.items, now: 0, fields: &fields)
    #expect(lowered.diagnostics.map(\.message) == ["exception entries on value lists ('bad-ips') are not supported yet"])
  }
}
