import Testing
import VigilKQL

/// Query → canonical KQL, and the pretty form of long queries.
struct KQLPrinterTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var canonical: String
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    Case(query: "", canonical: ""),
    Case(query: "  a : b  ", canonical: "a:b"),
    Case(query: "a:1 AND b:2 OR NOT c:3", canonical: "a:1 and b:2 or not c:3"),
    Case(query: "(a:1 or b:2) and c:3", canonical: "(a:1 or b:2) and c:3"),
    Case(query: "a:1 or (b:2 and c:3)", canonical: "a:1 or b:2 and c:3"),
    Case(query: "a:1 and (b:2 and c:3)", canonical: "a:1 and (b:2 and c:3)"),
    Case(query: "a:1 or (b:2 or c:3)", canonical: "a:1 or (b:2 or c:3)"),
    Case(query: "not (not a:1)", canonical: "not (not a:1)"),
    Case(query: "not (a:1)", canonical: "not a:1"),
    Case(query: "a:(b)", canonical: "a:b"),
    Case(query: "a:( b OR c AND NOT d )", canonical: "a:(b or c and not d)"),
    Case(query: "a:((b or c) and not (d or e))", canonical: "a:((b or c) and not (d or e))"),
    Case(query: "a:(not b)", canonical: "a:(not b)"),
    Case(query: #"a:"C:\Windows\*""#, canonical: #"a:"C:\\Windows\\*""#),
    Case(query: #"a:"tab\there""#, canonical: #"a:"tab\there""#),
    Case(query: #"a:"\u0000""#, canonical: #"a:"\u0000""#),
    Case(query: #"a:C\:\\x\(1\)"#, canonical: #"a:C\:\\x\(1\)"#),
    Case(query: #"a:\u0041*"#, canonical: "a:A*"),
    Case(query: #"a:x\*"#, canonical: #"a:x\*"#),
    Case(query: #"a:b \or c"#, canonical: #"a:b \or c"#),
    Case(query: #"a:b \AND"#, canonical: #"a:b \AND"#),
    Case(query: "a:b and", canonical: #"a:b \and"#),
    Case(query: "a:cannot", canonical: #"a:can\u006Eot"#),
    Case(query: #"a:x\ty"#, canonical: #"a:x\ty"#),
    Case(query: "a>=5", canonical: "a >= 5"),
    Case(query: #"a<"x y""#, canonical: #"a < "x y""#),
    Case(query: "a:{b:c and d:e}", canonical: "a:{ b:c and d:e }"),
    Case(query: #""a b":c"#, canonical: #""a b":c"#),
    Case(query: "process.*.name:x*", canonical: "process.*.name:x*"),
    Case(query: "free text", canonical: "free text"),
    Case(query: #"a:\t"#, canonical: #"a:\t"#),
  ]

  @Test(arguments: cases)
  func printsCanonicalForm(_ testCase: Case) throws {
    let query = try #require(KQLParser.parse(testCase.query).query)
    let printed = KQLPrinter.canonical(query.root)
    #expect(printed == testCase.canonical)
    let reparsed = try #require(KQLParser.parse(printed).query, "\(printed)")
    #expect(reparsed.root.erasingSourceInfo() == query.root.erasingSourceInfo())
  }

  @Test func prettyBreaksLongQueriesAndKeepsShortOnesOnOneLine() throws {
    let text = """
      event.category:process and host.os.type:windows and process.name:("cmd.exe" or "powershell.exe" or \
      "pwsh.exe") and not (user.name:SYSTEM or user.id:"S-1-5-18") or file.path:{ name:x }
      """
    let query = try #require(KQLParser.parse(text).query)
    #expect(KQLPrinter.pretty(query.root, width: 200) == KQLPrinter.canonical(query.root))
    let expected = """
      event.category:process
        and host.os.type:windows
        and process.name:(
          "cmd.exe"
          or "powershell.exe"
          or "pwsh.exe"
        )
        and not (user.name:SYSTEM or user.id:"S-1-5-18")
      or file.path:{ name:x }
      """
    #expect(KQLPrinter.pretty(query.root, width: 50) == expected)
    let reparsed = try #require(KQLParser.parse(expected).query)
    #expect(reparsed.root.erasingSourceInfo() == query.root.erasingSourceInfo())
  }

  @Test func prettyOpensBlocksForGroupsAndNestedQueries() throws {
    let text = "not (a.long.field.name:value1 or b.long.field.name:value2) and c:{ d.field:value3 and e.field:value4 }"
    let query = try #require(KQLParser.parse(text).query)
    let expected = """
      not (
        a.long.field.name:value1
        or b.long.field.name:value2
      )
      and c:{
        d.field:value3
        and e.field:value4
      }
      """
    #expect(KQLPrinter.pretty(query.root, width: 30) == expected)
    let reparsed = try #require(KQLParser.parse(expected).query)
    #expect(reparsed.root.erasingSourceInfo() == query.root.erasingSourceInfo())
  }
}
