import Foundation
import TOMLKit
import Testing
import VigilTestSupport

@testable import VigilRules

/// TOMLKit's tree as ``RuleValue``s: the reference ``TOMLDocument`` is compared with.
enum TOMLKitReference {
  static func value(_ value: any TOMLValueConvertible) -> RuleValue {
    switch value.type {
    case .string: .string(value.string ?? "")
    case .int: .integer(Int64(value.int ?? 0))
    case .double: .float(value.double ?? 0)
    case .bool: .bool(value.bool ?? false)
    case .date, .time, .dateTime: .datetime(value.debugDescription)
    case .array: .array(value.array.map { $0.map { Self.value($0) } } ?? [])
    case .table: .table(value.table.map { dictionary($0) } ?? [:])
    }
  }

  static func dictionary(_ table: TOMLTable) -> [String: RuleValue] {
    var result: [String: RuleValue] = [:]
    for key in table.keys {
      if let value = table[key] { result[key] = Self.value(value) }
    }
    return result
  }

  static func parse(_ text: String) throws -> [String: RuleValue] {
    dictionary(try TOMLTable(string: text))
  }
}

private func s(_ text: String) -> RuleValue { .string(text) }
private func i(_ value: Int64) -> RuleValue { .integer(value) }
private func f(_ value: Double) -> RuleValue { .float(value) }
private func d(_ text: String) -> RuleValue { .datetime(text) }
private func a(_ values: RuleValue...) -> RuleValue { .array(values) }
private func t(_ entries: KeyValuePairs<String, RuleValue>) -> RuleValue {
  .table(Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) }))
}

struct TOMLDocumentTests {
  struct Valid: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: RuleValue
    /// Whether TOMLKit gives the same tree (it does for every case but the few documented differences).
    var sameInTOMLKit = true
    var testDescription: String { name }
  }

  static let valid: [Valid] = [
    Valid(
      name: "basic strings with every escape",
      text: #"s = "tab\tnl\nq\"bs\\b\bf\fr\r é\u00E9\U0001F600 end""#,
      expected: t(["s": s("tab\tnl\nq\"bs\\b\u{8}f\u{C}r\r éé😀 end")])),
    Valid(
      name: "basic string with tab, unicode, and a hash that is not a comment",
      text: "s = \"a\tb ✓ # not a comment\" # comment ✓\n",
      expected: t(["s": s("a\tb ✓ # not a comment")])),
    Valid(
      name: "empty strings", text: "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''",
      expected: t(["a": s(""), "b": s(""), "c": s(""), "d": s("")])),
    Valid(
      name: "literal strings keep backslashes",
      text: #"a = 'C:\Users\nodejs\templates'"# + "\n" + #"b = '<\i\c*\s*>'"#,
      expected: t(["a": s(#"C:\Users\nodejs\templates"#), "b": s(#"<\i\c*\s*>"#)])),
    Valid(
      name: "multi-line basic string: first newline trimmed, line-ending backslashes",
      text: "s = \"\"\"\nThe quick \\\n\n    brown \\   \n  fox.\nsecond \"line\" \\t\"\"\"",
      expected: t(["s": s("The quick brown fox.\nsecond \"line\" \t")])),
    Valid(
      name: "multi-line strings may end with up to two quotes",
      text: "a = \"\"\"x\"\"\"\"\"\nb = '''y''''\nc = \"\"\"\"\"z\"\"\"",
      expected: t(["a": s("x\"\""), "b": s("y'"), "c": s("\"\"z")])),
    Valid(
      name: "multi-line literal string",
      text: "s = '''\nfirst \\n 'one' ''two''\n  indented\n'''",
      expected: t(["s": s("first \\n 'one' ''two''\n  indented\n")])),
    Valid(
      name: "CRLF line endings, read as \\n inside multi-line strings",
      text: "a = 1\r\n# c\r\nb = \"\"\"\r\nx\r\ny\\\r\n  z\"\"\"\r\nc = '''\r\np\r\n'''\r\n[t]\r\nd = [\r\n1,\r\n]\r\n",
      expected: t(["a": i(1), "b": s("x\nyz"), "c": s("p\n"), "t": t(["d": a(i(1))])])),
    Valid(
      name: "bare, quoted, dotted and odd keys",
      text: """
        bare_key-1 = 1
        1234 = 2
        "quoted \\"key\\" ʎ" = 3
        'literal.key' = 4
        "" = 5
        a . b.  "c" = 6
        a.'d' = 7
        true = 8
        inf = 9
        """,
      expected: t([
        "bare_key-1": i(1), "1234": i(2), "quoted \"key\" ʎ": i(3), "literal.key": i(4), "": i(5),
        "a": t(["b": t(["c": i(6)]), "d": i(7)]), "true": i(8), "inf": i(9),
      ])),
    Valid(
      name: "integers",
      text: """
        a = +99
        b = -17
        c = 0
        d = 1_000_000
        e = 0xDEAD_beef
        f = 0o755
        g = 0b1101_0110
        h = 9223372036854775807
        i = -9223372036854775808
        j = -0
        k = +0
        l = 0x00ff
        """,
      expected: t([
        "a": i(99), "b": i(-17), "c": i(0), "d": i(1_000_000), "e": i(0xDEAD_BEEF), "f": i(0o755),
        "g": i(0b1101_0110), "h": i(.max), "i": i(.min), "j": i(0), "k": i(0), "l": i(255),
      ])),
    Valid(
      name: "floats",
      text: """
        a = 1.0
        b = -3.1415
        c = 5e+22
        d = 1e06
        e = -2E-2
        f = 6.626e-34
        g = 224_617.445_991_228
        h = inf
        i = -inf
        j = +inf
        k = 0e0
        l = +1.5
        m = 1_0e1_0
        """,
      expected: t([
        "a": f(1), "b": f(-3.1415), "c": f(5e22), "d": f(1e6), "e": f(-0.02), "f": f(6.626e-34),
        "g": f(224_617.445_991_228), "h": f(.infinity), "i": f(-.infinity), "j": f(.infinity), "k": f(0),
        "l": f(1.5), "m": f(1e11),
      ])),
    Valid(
      name: "booleans", text: "a = true\nb = false # comment",
      expected: t(["a": .bool(true), "b": .bool(false)])),
    Valid(
      name: "dates and times in canonical text",
      text: """
        odt1 = 1979-05-27T07:32:00Z
        odt2 = 1979-05-27T00:32:00-07:00
        odt3 = 1979-05-27T00:32:00.999999+05:30
        odt4 = 1979-05-27 07:32:00Z
        odt5 = 1979-05-27t07:32:00z
        odt6 = 1979-05-27T07:32:00+00:00
        odt7 = 1979-05-27T07:32:00.000-00:00
        ld1 = 1979-05-27
        ld2 = 2024-02-29
        lt1 = 07:32:00
        lt2 = 00:32:00.123456789
        dates = [1979-05-27 , 1979-05-27 07:32:00Z]
        """,
      expected: t([
        "odt1": d("1979-05-27T07:32:00Z"), "odt2": d("1979-05-27T00:32:00-07:00"),
        "odt3": d("1979-05-27T00:32:00.999999+05:30"), "odt4": d("1979-05-27T07:32:00Z"),
        "odt5": d("1979-05-27T07:32:00Z"), "odt6": d("1979-05-27T07:32:00Z"), "odt7": d("1979-05-27T07:32:00Z"),
        "ld1": d("1979-05-27"),
        "ld2": d("2024-02-29"), "lt1": d("07:32:00"), "lt2": d("00:32:00.123456789"),
        "dates": a(d("1979-05-27"), d("1979-05-27T07:32:00Z")),
      ])),
    Valid(
      name: "local date-times have no offset",
      text: "a = 1979-05-27T07:32:00\nb = 1979-05-27 00:32:00.500\nc = [1979-05-27T07:32:00]",
      expected: t(["a": d("1979-05-27T07:32:00"), "b": d("1979-05-27T00:32:00.5"), "c": a(d("1979-05-27T07:32:00"))]),
      // TOMLKit gives every date-time an offset, so it prints local ones with `Z`, as if they were UTC.
      sameInTOMLKit: false),
    Valid(
      name: "a leap second", text: "t = 23:59:60\nu = 1990-12-31T23:59:60Z",
      expected: t(["t": d("23:59:60"), "u": d("1990-12-31T23:59:60Z")]),
      // toml++ refuses it; RFC 3339, which TOML follows, allows it.
      sameInTOMLKit: false),
    Valid(
      name: "a fraction of a second past nanoseconds is cut",
      text: "t = 00:32:00.1234567891", expected: t(["t": d("00:32:00.123456789")])),
    Valid(
      name: "arrays: mixed, nested, multi-line with comments and a trailing comma",
      text: """
        a = []
        b = [ 1, 2, 3 ]
        c = [ "red", 'yellow', \"\"\"green\"\"\" ]
        d = [ [ 1, 2 ], ["a", 'b'], [] ]
        e = [ 0.1, 1, "x", true, { k = 1 }, [2] ]
        f = [   # opening
          1,    # one
          # alone
          2,
        ]
        g = [
        ]
        """,
      expected: t([
        "a": a(), "b": a(i(1), i(2), i(3)), "c": a(s("red"), s("yellow"), s("green")),
        "d": a(a(i(1), i(2)), a(s("a"), s("b")), a()),
        "e": a(f(0.1), i(1), s("x"), .bool(true), t(["k": i(1)]), a(i(2))),
        "f": a(i(1), i(2)), "g": a(),
      ])),
    Valid(
      name: "inline tables, nested, with dotted keys",
      text: """
        name = { first = "Tom", last = "Preston-Werner" }
        point = {x=1,y=2}
        empty = {}
        nested = { a.b = 1, a.c = 2, d = { e = [1, { f = "g" }] } }
        """,
      expected: t([
        "name": t(["first": s("Tom"), "last": s("Preston-Werner")]), "point": t(["x": i(1), "y": i(2)]),
        "empty": t([:]),
        "nested": t(["a": t(["b": i(1), "c": i(2)]), "d": t(["e": a(i(1), t(["f": s("g")]))])]),
      ])),
    Valid(
      name: "tables: headers, implicit parents defined later, quoted and spaced header names",
      text: """
        top = 0
        [table]
        key = "value"
        [a.b.c]
        d = 1
        [a]
        e = 2
        [ j . "ʞ" . 'l' ]
        m = 3
        [dog."tater.man"]
        type.name = "pug"
        [empty]
        """,
      expected: t([
        "top": i(0), "table": t(["key": s("value")]),
        "a": t(["b": t(["c": t(["d": i(1)])]), "e": i(2)]), "j": t(["ʞ": t(["l": t(["m": i(3)])])]),
        "dog": t(["tater.man": t(["type": t(["name": s("pug")])])]), "empty": t([:]),
      ])),
    Valid(
      name: "sub-tables may be defined under tables made by dotted keys",
      text: """
        [fruit]
        apple.color = "red"
        apple.taste.sweet = true
        [fruit.apple.texture]
        smooth = true
        """,
      expected: t([
        "fruit": t([
          "apple": t([
            "color": s("red"), "taste": t(["sweet": .bool(true)]), "texture": t(["smooth": .bool(true)]),
          ])
        ])
      ])),
    Valid(
      name: "arrays of tables, nested, with sub-tables of their last element",
      text: """
        [[products]]
        name = "Hammer"
        [[products]]
        [[products]]
        name = "Nail"

        [[fruits]]
        name = "apple"
        [fruits.physical]
        color = "red"
        [[fruits.varieties]]
        name = "red delicious"
        [[fruits.varieties]]
        name = "granny smith"
        [[fruits]]
        name = "banana"
        [[fruits.varieties]]
        name = "plantain"
        """,
      expected: t([
        "products": a(t(["name": s("Hammer")]), t([:]), t(["name": s("Nail")])),
        "fruits": a(
          t([
            "name": s("apple"), "physical": t(["color": s("red")]),
            "varieties": a(t(["name": s("red delicious")]), t(["name": s("granny smith")])),
          ]),
          t(["name": s("banana"), "varieties": a(t(["name": s("plantain")]))])),
      ])),
    Valid(
      name: "comments, blank lines, tabs, no final newline",
      text: "# top\n\n\t# indented\n  a\t=\t1\t# after\n[t] # header comment\n\n  b = 2",
      expected: t(["a": i(1), "t": t(["b": i(2)])])),
    Valid(name: "empty document", text: "", expected: t([:])),
    Valid(name: "only comments", text: "# a\n# b", expected: t([:])),
    Valid(
      name: "byte order mark", text: "\u{FEFF}a = 1", expected: t(["a": i(1)])),
  ]

  @Test(arguments: valid)
  func validDocuments(_ valid: Valid) throws {
    let document = try TOMLDocument(bytes: Array(valid.text.utf8))
    #expect(RuleValue.table(document.root) == valid.expected)
    if valid.sameInTOMLKit {
      #expect(RuleValue.table(try TOMLKitReference.parse(valid.text)) == valid.expected)
    }
  }

  @Test func nanIsAFloat() throws {
    let root = try TOMLDocument(bytes: Array("a = nan\nb = -nan\nc = +nan".utf8)).root
    for key in ["a", "b", "c"] {
      guard case .float(let value) = root[key] else {
        Issue.record("\(key) is not a float")
        continue
      }
      #expect(value.isNaN)
    }
  }

  struct Invalid: Sendable, CustomTestStringConvertible {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { text.debugDescription }
  }

  static let invalid: [Invalid] = [
    // Redefinitions.
    Invalid(text: "a = 1\na = 2", line: 2, column: 1, message: "duplicate key 'a'"),
    Invalid(text: "a = 1\n\"a\" = 2", line: 2, column: 1, message: "duplicate key 'a'"),
    Invalid(text: "[t]\nx.y = 1\nx.y = 2", line: 3, column: 1, message: "duplicate key 't.x.y'"),
    Invalid(text: "[a]\n[a]", line: 2, column: 2, message: "table 'a' is defined twice"),
    Invalid(text: "[a.b]\n[a]\n[a]", line: 3, column: 2, message: "table 'a' is defined twice"),
    Invalid(text: "[a]\nb = 1\n[a.b]", line: 3, column: 2, message: "'a.b' is already an integer, not a table"),
    Invalid(text: "a = 1\na.b = 2", line: 2, column: 1, message: "'a' is already an integer, not a table"),
    Invalid(text: "a = [1]\n[[a]]", line: 2, column: 3, message: "static array"),
    Invalid(text: "a = []\n[a.b]", line: 2, column: 2, message: "static array"),
    Invalid(text: "a = {b = 1}\n[a]", line: 2, column: 2, message: "inline table"),
    Invalid(text: "a = {b = 1}\na.c = 2", line: 2, column: 1, message: "inline table"),
    Invalid(text: "a = {b = 1}\n[a.c]", line: 2, column: 2, message: "inline table"),
    Invalid(text: "a = {b = {c = 1}, b.d = 2}", line: 1, column: 19, message: "inline table"),
    Invalid(text: "a = {b = 1, b = 2}", line: 1, column: 13, message: "duplicate key 'a.b'"),
    Invalid(text: "[[a]]\n[a]", line: 2, column: 2, message: "is an array of tables"),
    Invalid(text: "[a]\n[[a]]", line: 2, column: 3, message: "already a table"),
    Invalid(text: "[a.b]\n[[a]]", line: 2, column: 3, message: "already a table"),
    Invalid(
      text: "[fruit]\napple.color = 1\n[fruit.apple]", line: 3, column: 2, message: "already defined by dotted keys"),
    Invalid(text: "[a.b.c]\nz = 9\n[a]\nb.c.t = 1", line: 4, column: 1, message: "defined by a [table] header"),
    Invalid(text: "[[a]]\n[b]\na.x = 1\n[x]\n[b]\n", line: 5, column: 2, message: "defined twice"),
    // Strings.
    Invalid(text: #"s = "a\qb""#, line: 1, column: 7, message: "invalid escape sequence"),
    Invalid(text: #"s = "a\ b""#, line: 1, column: 7, message: "invalid escape sequence"),
    Invalid(text: #"s = "\x41""#, line: 1, column: 6, message: "invalid escape sequence"),
    Invalid(text: #"s = "\e""#, line: 1, column: 6, message: "invalid escape sequence"),
    Invalid(text: #"s = "\u00""#, line: 1, column: 6, message: "4 hexadecimal digits"),
    Invalid(text: #"s = "\U0000004""#, line: 1, column: 6, message: "8 hexadecimal digits"),
    Invalid(text: #"s = "\uD800""#, line: 1, column: 6, message: "not a Unicode scalar value"),
    Invalid(text: #"s = "\U00110000""#, line: 1, column: 6, message: "not a Unicode scalar value"),
    Invalid(text: "s = \"\"\"a\\  b\"\"\"", line: 1, column: 9, message: "must end its line"),
    Invalid(text: "s = \"abc", line: 1, column: 5, message: "not closed"),
    Invalid(text: "s = \"abc\nd = 1", line: 1, column: 5, message: "not closed on its line"),
    Invalid(text: "s = 'abc\n'", line: 1, column: 5, message: "not closed on its line"),
    Invalid(text: "s = \"\"\"abc\n", line: 1, column: 5, message: "not closed"),
    Invalid(text: "s = '''abc''", line: 1, column: 5, message: "not closed"),
    Invalid(text: "s = \"a\u{01}b\"", line: 1, column: 7, message: "control character U+0001"),
    Invalid(text: "s = 'a\u{7F}'", line: 1, column: 7, message: "control character U+007F"),
    Invalid(text: "s = \"\"\"a\u{0C}\"\"\"", line: 1, column: 9, message: "control character U+000C"),
    Invalid(text: "s = \"\"\"a\rb\"\"\"", line: 1, column: 9, message: "carriage return"),
    Invalid(
      text: "s = \"\"\"a\"\"\"\"\"\"", line: 1, column: 14, message: "expected a new line after a value, found '\"'"),
    Invalid(
      text: "# a \u{01} comment", line: 1, column: 5, message: "control character U+0001 is not allowed in a comment"),
    Invalid(text: "a = 1 # \u{7F}", line: 1, column: 9, message: "control character U+007F"),
    Invalid(text: "\"\"\"k\"\"\" = 1", line: 1, column: 1, message: "a multi-line string cannot be a key"),
    // Numbers.
    Invalid(text: "a = 01", line: 1, column: 5, message: "leading zeros"),
    Invalid(text: "a = -01.5", line: 1, column: 6, message: "leading zeros"),
    Invalid(text: "a = 1__0", line: 1, column: 6, message: "underscore"),
    Invalid(text: "a = 1_", line: 1, column: 6, message: "underscore"),
    Invalid(text: "a = 1_.5", line: 1, column: 6, message: "underscore"),
    Invalid(text: "a = 0x_1", line: 1, column: 7, message: "underscore"),
    Invalid(text: "a = _1", line: 1, column: 5, message: "expected a value, found '_'"),
    Invalid(text: "a = 0x", line: 1, column: 5, message: "needs digits after its prefix"),
    Invalid(text: "a = 0xG", line: 1, column: 5, message: "needs digits after its prefix"),
    Invalid(text: "a = 0b102", line: 1, column: 5, message: "'0b102' is not a valid value"),
    Invalid(text: "a = +0x10", line: 1, column: 5, message: "a hexadecimal integer cannot have a sign"),
    Invalid(text: "a = 0X10", line: 1, column: 5, message: "'0X10' is not a valid value"),
    Invalid(text: "a = 9223372036854775808", line: 1, column: 5, message: "does not fit in 64 bits"),
    Invalid(text: "a = -9223372036854775809", line: 1, column: 5, message: "does not fit in 64 bits"),
    Invalid(text: "a = 0x8000000000000000", line: 1, column: 5, message: "does not fit in 64 bits"),
    Invalid(text: "a = 1.", line: 1, column: 6, message: "decimal point must be followed by digits"),
    Invalid(text: "a = 1.e5", line: 1, column: 6, message: "decimal point must be followed by digits"),
    Invalid(text: "a = .5", line: 1, column: 5, message: "expected a value, found '.'"),
    Invalid(text: "a = 1e", line: 1, column: 7, message: "an exponent needs digits"),
    Invalid(text: "a = 1.5.3", line: 1, column: 5, message: "'1.5.3' is not a valid value"),
    Invalid(text: "a = 1e400", line: 1, column: 5, message: "the float does not fit in 64 bits"),
    Invalid(text: "a = infinity", line: 1, column: 5, message: "'infinity' is not a valid value"),
    Invalid(text: "a = NaN", line: 1, column: 5, message: "expected a value, found 'N'"),
    Invalid(text: "a = tru", line: 1, column: 5, message: "expected a value"),
    Invalid(text: "a = truex", line: 1, column: 5, message: "expected a value"),
    Invalid(text: "a = True", line: 1, column: 5, message: "expected a value"),
    // Dates and times.
    Invalid(text: "a = 1979-13-01", line: 1, column: 5, message: "invalid month 13"),
    Invalid(text: "a = 1979-02-29", line: 1, column: 5, message: "invalid day 29"),
    Invalid(text: "a = 1979-04-31", line: 1, column: 5, message: "invalid day 31"),
    Invalid(text: "a = 1979-5-27", line: 1, column: 11, message: "expected 2 digits for the month"),
    Invalid(text: "a = 25:00:00", line: 1, column: 5, message: "invalid time"),
    Invalid(text: "a = 07:32:00Z", line: 1, column: 13, message: "a local time cannot have an offset"),
    Invalid(
      text: "a = 1979-05-27T07:32", line: 1, column: 21, message: "expected ':' in a time, found the end of the file"),
    Invalid(text: "a = 1979-05-27T07:32:00.", line: 1, column: 25, message: "followed by digits"),
    Invalid(
      text: "a = 1979-05-27T07:32:00+7:00", line: 1, column: 26, message: "expected 2 digits for the offset hours"),
    Invalid(text: "a = 1979-05-27T07:32:00+24:00", line: 1, column: 24, message: "invalid time offset"),
    Invalid(
      text: "a = 1979-05-27T07:32:00X", line: 1, column: 24, message: "expected a new line after a value, found 'X'"),
    // Arrays and inline tables.
    Invalid(text: "a = [1, 2", line: 1, column: 5, message: "the array is not closed"),
    Invalid(
      text: "a = [1, 2\nb = 3", line: 2, column: 1, message: "expected ',' or ']' after an array element, found 'b'"),
    Invalid(text: "a = [1 2]", line: 1, column: 8, message: "expected ',' or ']'"),
    Invalid(text: "a = [,]", line: 1, column: 6, message: "expected a value, found ','"),
    Invalid(text: "a = [1,,2]", line: 1, column: 8, message: "expected a value, found ','"),
    Invalid(text: "a = {b = 1,}", line: 1, column: 12, message: "cannot end with a comma"),
    Invalid(text: "a = {b = 1\n}", line: 1, column: 11, message: "must be written on one line"),
    Invalid(text: "a = {\nb = 1}", line: 1, column: 6, message: "expected a key, found the end of the line"),
    Invalid(text: "a = {b = 1 c = 2}", line: 1, column: 12, message: "expected ',' or '}'"),
    Invalid(text: "a = {b}", line: 1, column: 7, message: "expected '=' after the key, found '}'"),
    // Structure.
    Invalid(text: "a =", line: 1, column: 4, message: "expected a value, found the end of the file"),
    Invalid(text: "a = # c", line: 1, column: 5, message: "expected a value, found '#'"),
    Invalid(text: "a", line: 1, column: 2, message: "expected '=' after the key, found the end of the file"),
    Invalid(text: "a b = 1", line: 1, column: 3, message: "expected '=' after the key, found 'b'"),
    Invalid(text: "a = 1\n= 1", line: 2, column: 1, message: "expected a key, found '='"),
    Invalid(text: "a. = 1", line: 1, column: 4, message: "expected a key, found '='"),
    Invalid(text: ".a = 1", line: 1, column: 1, message: "expected a key, found '.'"),
    Invalid(text: "a = 1 b = 2", line: 1, column: 7, message: "expected a new line after a value, found 'b'"),
    Invalid(text: "a = \"x\" \"y\"", line: 1, column: 9, message: "expected a new line after a value"),
    Invalid(text: "a = 1\rb = 2", line: 1, column: 6, message: "carriage return must be followed by a line feed"),
    Invalid(text: "[a", line: 1, column: 3, message: "expected ']' to close the table header"),
    Invalid(text: "[[a]", line: 1, column: 5, message: "expected ']]' to close the table header"),
    Invalid(text: "[[a] ]", line: 1, column: 5, message: "expected ']]' to close the table header, found a space"),
    Invalid(text: "[]", line: 1, column: 2, message: "expected a key, found ']'"),
    Invalid(text: "[a] b = 1", line: 1, column: 5, message: "expected a new line after a table header, found 'b'"),
    Invalid(text: "ʎ = 1", line: 1, column: 1, message: "expected a key, found 'ʎ'"),
    Invalid(text: "a = 1\n  é = 2", line: 2, column: 3, message: "expected a key, found 'é'"),
  ]

  @Test(arguments: invalid)
  func invalidDocuments(_ invalid: Invalid) {
    do {
      let document = try TOMLDocument(bytes: Array(invalid.text.utf8))
      Issue.record("accepted: \(document.root)")
    } catch {
      #expect(error.message.contains(invalid.message), "\(error.message)")
      #expect(error.line == invalid.line && error.column == invalid.column, "\(error)")
      let prefix = Array(invalid.text.utf8).prefix(error.offset)
      #expect(prefix.count == error.offset)
      #expect(prefix.filter { $0 == UInt8(ascii: "\n") }.count + 1 == error.line)
    }
  }

  @Test("TOMLKit also rejects every invalid document, but for documented differences")
  func tomlKitAgreesOnInvalidDocuments() {
    let accepted = Self.invalid.map(\.text).filter { (try? TOMLTable(string: $0)) != nil }
    #expect(accepted.isEmpty, "\(accepted)")
    // The other way round: toml++ refuses a leap second.
    #expect(throws: (any Error).self) { try TOMLTable(string: "t = 23:59:60") }
  }

  /// Corners of TOML 1.0, each read the same way by TOMLDocument and TOMLKit: both refuse it, or both accept it with
  /// the same tree. (Left out: what the tests above show they differ on, a NUL escape, which TOMLKit cuts strings
  /// at, and `[.a]`, on which TOMLKit crashes.)
  static let corners: [String] = [
    "a = 1\n[a]", "[a]\nb.c = 1\n[a.b]", "[a]\nb.c = 1\n[a.b.d]", "a.b = 1\n[a]", "a.b = 1\n[a.c]",
    "[[a]]\nb = 1\n[a.c]\n[[a]]\n[a.c]", "[a.b]\n[a]\nb.c = 1", "[a]\n[a.b]\n[a]", "x = [{a = 1}]\n[[x]]",
    "a = {}\n[a.b]", "[a]\nb = {}\nb.c = 1", "a = [1,]", "a = [\n1\n,\n2\n]", "a = [ # c\n]", "a = {a=1,b=2}",
    "a = { a = 1 , }", "a = {a = 1\n,b=2}", "a = 1.0e", "a = 1e+", "a = +1e-3", "a = 1e_1", "a = 1_e1", "a = 0.1_",
    "a = 00", "a = -0", "a = 0_0", "a = 0b", "a = 0o8", "a = 0xg", "a = 0x_", "a = 1__2", "a = +inf",
    "a = inf_", "a = nan1", "a = +", "a = -", "a = +1_000", "a = 1e1_000", "a = 3.14e+0_5",
    "a = \"\\U0010FFFF\"", "a = \"\\uDFFF\"", "a = \"a\\\nb\"", "a = \"\"\"\\\n\"\"\"",
    "a = \"\"\"a\\ \n b\"\"\"", "a = \"\"\"a\\\t\n b\"\"\"", "a = \"\"\"a \\  x\"\"\"", "a = '''a\\\nb'''",
    "a = \"\"\"\"\"\"\"", "a = '''''''", "a = \"\"\"\"\"\"\"\"", "a = \"\"\"\n\n\"\"\"", "a = \"\"\"\r\n\"\"\"",
    "a = 1979-05-27T07:32:00.Z", "a = 1979-05-27T07:32Z", "a = 1979-05-27  07:32:00",
    "a = 1979-05-27T", "a = 1979-05-27T07:32:00+07", "a = 1979-05-27T07:32:00+07:0", "a = 1979-05-27T24:00:00",
    "a = 1979-05-27T07:60:00", "a = 1979-05-27T07:32:61", "a = 0000-01-01", "a = 1979-00-01", "a = 1979-01-00",
    "a = 2000-02-29", "a = 1900-02-29", "a = 07:32:00.", "a = 7:32:00", "a = 07:32",
    "a = 1979-05-27 # c", "a = 07:32:00 # c", "[a] # c\nb=1", "[a]b=1", "[ a ]", "[a . b]", "[[ a ]]", "[ [a]]",
    "[a.]", "[a..b]", "['']", "[\"\"]", "[a]\n['a']", "\"a\".b = 1\na.c = 2", "a\t=\t1", "a=1",
    "a = 1\n\n\n", "\n\na = 1", "a = true#c", "a = [true,false]", "a = [[],[]]", "a = [{}, {}]",
    "a = { b = { c = { d = 1 } } }\n", "a = { b.c.d = 1, b.c.e = 2 }", "a = { b.c = 1, b = 2 }",
    "a = { b = 1, b.c = 2 }", "1.2 = 3", "a.1 = 2", "-- = 1", "a-b = 1", "a = 'x' 'y'", "a = \"x\"#",
    "# c\r\n", "a = 1 \r\n", "a = [1\r\n,2]", "[a]\r\n[b]", "a = \"\"\"x\r\"\"\"", "a = 'x\r'", "\u{FEFF}\u{FEFF}a = 1",
    "a = \"\\x41\"", "a = \"\\e\"", "a = 1_000.0_1", "a = 1.0_", "a = 1._0", "a = -0.0e-0",
    "a = 9_223_372_036_854_775_807",
    "a = 0x7FFFFFFFFFFFFFFF", "a = 0b11111111111111111111111111111111111111111111111111111111111111111",
    "a = 0o777777777777777777777", "a = 0o1777777777777777777777", "a = 1e308", "a = 1.7976931348623157e308",
    "a = 1e309",
    "a = 4.9e-324", "a = 1e-400", "a = [1979-05-27T07:32:00Z,1]", "a = {b = 1979-05-27}", "a = [07:32:00]",
    "a = [1,2]]", "a = {", "a = {b = 1", "[a]]", "[[a]]]", "[a]\n[a.b]\n[a.b]", "[a.b]\n[a.b.c]\n[a]\n[a.b]",
    "a.b.c = 1\na.b = 2", "a.b.c = 1\na.b.d = 2", "[a]\nb.c = 1\n[a.b.c.d]", "[a]\nb.c = 1\n[a.b.e]\n[a.b.e.f]",
    "[a.b.c]\n[a.b]\nc.d = 1", "[[a.b]]\n[a]\nb = 1", "[[a.b]]\n[a]\nc = 1", "[a]\n[[a.b]]\n[a.b.c]\n[[a.b]]",
    "[[a]]\n[[a.b]]\n[a.b.c]\nd=1\n[[a.b]]\n[a.b.c]", "a = [{b = 1}]\n[a.c]", "a = [[{}]]", "x.y.z = 1\n[x.y]",
    "x.y.z = 1\n[x]", "[x]\n[x.y]\n[x]", "\"a.b\" = 1\na.b = 2", "a.\"b.c\" = 1\n[a.\"b.c\"]",
    "a = \"\\u00e9\\u00E9\"", "a = \"\\U0001f600\"", "a = \"é\"", "é = 1", "\"é\" = 1", "'é' = 1",
    "a = \"\t\"", "a = '\t'", "a = \"\"\"\t\"\"\"", "#\t\n", "a = \"\u{1F}\"", "a = \"\"\"\u{1B}\"\"\"",
    "a = ''' ''' '''", "a = \"\"\"a\"\"b\"\"\"", "a = \"\"\"a\\\"\"\"\"b\"\"\"", "a = \"\"\"\\\"\"\"\"",
    "a = 1\n\n[b]\n\n[[c]]\n", " [a] ", "\t[a]\t\n\tb = 1", "a = [\n  1, # one\n  2 # two\n]",
    "a = [1 # c\n, 2]", "a = {b = [\n1,\n2]}", "a = {b = \"\"\"\nx\"\"\"}", "a = [\"\"\"\nx\n\"\"\"]",
    "a = 1\r", "a = 1\r\r\n", "[a]\rb = 1", "a = true\r\nb = false", "a = [1,\r\n2]",
    "a = 2021-01-01T00:00:00.123456789123Z", "a = 2021-01-01T00:00:00-00:00", "a = 2021-01-01T00:00:00+23:59",
    "a = 2021-01-01T00:00:00-23:59", "a = 12345-01-01", "a = 2021-1-01", "a = 2021-01-01T00:00:00z",
    "a = 00:00:00+01:00", "a = 2021-01-01 x", "a=2021-01-01,b=1", "a = [2021-01-01,2021-01-01]", "a = {x=2021-01-01}",
    "a = 1979-05-27T07:32:00Z1", "a = 0.0", "a = -0.0", "a = +0.0", "a = 0e5", "a = 01e5", "a = 1E5", "a = 1e05",
    "a = 1.5E-05",
    "a = 1.23e", "a = .1", "a = 1.e1", "a = 1..1", "a = 1.1.1", "a = 0x1.5", "a = 0x1e5", "a = 0b2", "a = 0B1",
    "a = 0O7",
    "a = 1 2", "a = 1,", "a = 1]", "a = 1}", "true = true", "false.true = 1", "inf.nan = 1", "a = truefalse",
    "a = false_",
  ]

  @Test func cornersAgreeWithTOMLKit() {
    var accepted = 0
    for text in Self.corners {
      let mine = try? TOMLDocument(bytes: Array(text.utf8)).root
      let theirs = try? TOMLKitReference.parse(text)
      #expect(mine == theirs, "\(text.debugDescription)")
      if mine != nil { accepted += 1 }
    }
    #expect(accepted > 60 && accepted < Self.corners.count - 60, "\(accepted) of \(Self.corners.count)")
  }

  @Test func invalidUTF8IsRefused() {
    for (bytes, column) in [
      (Array("s = \"".utf8) + [0xFF] + Array("\"".utf8), 6),
      (Array("s = 'a".utf8) + [0xC0, 0x80] + Array("'".utf8), 7),  // overlong
      (Array("s = '''".utf8) + [0xED, 0xA0, 0x80] + Array("'''".utf8), 8),  // a surrogate
      (Array("# ".utf8) + [0xE2, 0x82], 3),  // cut short
    ] {
      #expect {
        try TOMLDocument(bytes: bytes)
      } throws: { error in
        let error = error as? TOMLSyntaxError
        return error?.message == "invalid UTF-8" && error?.column == column
      }
    }
  }

  @Test func nulBytesAreControlCharacters() {
    #expect(throws: TOMLSyntaxError.self) { try TOMLDocument(bytes: Array("s = \"a".utf8) + [0] + Array("\"".utf8)) }
    #expect(throws: TOMLSyntaxError.self) { try TOMLDocument(bytes: Array("a = 1".utf8) + [0]) }
  }

  @Test func errorColumnsCountUnicodeScalars() {
    #expect {
      try TOMLDocument(bytes: Array("s = \"ʎʎ\\q\"".utf8))
    } throws: { error in
      (error as? TOMLSyntaxError)?.column == 8 && (error as? TOMLSyntaxError)?.offset == 9
    }
  }
}

struct TOMLDocumentCorpusTests {
  /// Every rule of the corpus reads to the tree TOMLKit gives, and every key the old scanner found is found at the
  /// same place.
  @Test func corpusMatchesTOMLKitAndTheOldKeyScanner() throws {
    guard let root = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let files = SharedData.tomlFiles(under: root)
    #expect(files.count >= 2190)
    var keysCompared = 0
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: file))
      let document = try TOMLDocument(bytes: bytes)
      let reference = try TOMLKitReference.parse(String(decoding: bytes, as: UTF8.self))
      #expect(document.root == reference, "\(file.path)")
      let legacy = LegacyTOMLKeyLocator(bytes: bytes).positions
      for (path, old) in legacy {
        var oldEnd = old.keyRange.upperBound
        while oldEnd > old.keyRange.lowerBound, bytes[oldEnd - 1] == UInt8(ascii: " ") || bytes[oldEnd - 1] == 9 {
          oldEnd -= 1
        }
        let expected = TOMLKeyPositions.Position(
          keyRange: old.keyRange.lowerBound..<oldEnd, contentStart: old.contentStart)
        #expect(document.keys.positions[path] == expected, "\(file.path): \(path)")
        keysCompared += 1
      }
    }
    #expect(keysCompared > 50_000)
  }
}
