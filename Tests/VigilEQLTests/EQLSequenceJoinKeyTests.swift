import Testing
import VigilEvents
import VigilQuery

@testable import VigilEQL

/// Join keys compare values exactly: same type, text byte for byte (case-sensitive); a multi-valued field joins on
/// each of its non-null values, as Elasticsearch's sequences do (since 8.6).
@Suite struct EQLSequenceJoinKeyTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    /// The JSON of `user` (and `host`, when given) in the first and in the second event.
    var first: String
    var second: String
    var joins: Bool
    var testDescription: String { name }
  }

  static let query = "sequence by user.name, host.id [process where true] [network where true]"

  static func event(_ second: Int, _ category: String, _ fields: String) -> String {
    #"{"@timestamp":"2024-01-01T00:00:0\#(second).000Z","event":{"category":"\#(category)"},\#(fields)}"#
  }

  static func fields(_ user: String, host: String = #""h""#) -> String {
    #""user":{"name":\#(user)},"host":{"id":\#(host)}"#
  }

  static let cases: [Case] = [
    Case(name: "equal strings", first: fields(#""bob""#), second: fields(#""bob""#), joins: true),
    Case(name: "case differs", first: fields(#""Bob""#), second: fields(#""bob""#), joins: false),
    Case(name: "escapes resolved", first: fields(#""b\u006fb""#), second: fields(#""bob""#), joins: true),
    Case(name: "string and number", first: fields(#""1""#), second: fields("1"), joins: false),
    Case(name: "integer and fraction", first: fields("1"), second: fields("1.0"), joins: false),
    Case(name: "fractions", first: fields("1.5"), second: fields("15e-1"), joins: true),
    Case(name: "zero and negative zero", first: fields("0.0"), second: fields("-0.0"), joins: true),
    Case(name: "booleans", first: fields("true"), second: fields("false"), joins: false),
    Case(
      name: "big number as text", first: fields("18446744073709551616"), second: fields(#""18446744073709551616""#),
      joins: true),
    Case(name: "first value of an array", first: fields(#"["a","b"]"#), second: fields(#""a""#), joins: true),
    Case(name: "a later value of an array", first: fields(#"["a","b"]"#), second: fields(#""b""#), joins: true),
    Case(name: "a value both arrays hold", first: fields(#"["a","b"]"#), second: fields(#"["c","b"]"#), joins: true),
    Case(name: "arrays without a common value", first: fields(#"["a","b"]"#), second: fields(#"["c"]"#), joins: false),
    Case(name: "a repeated value joins once", first: fields(#"["a","a"]"#), second: fields(#""a""#), joins: true),
    Case(name: "nulls skipped", first: fields(#"[null,"a"]"#), second: fields(#""a""#), joins: true),
    Case(name: "an array of nulls is no key", first: fields("[null]"), second: fields("[null]"), joins: false),
    Case(
      name: "values do not run into each other", first: fields(#""ab""#, host: #""c""#),
      second: fields(#""a""#, host: #""bc""#), joins: false),
    Case(name: "empty strings", first: fields(#""""#), second: fields(#""""#), joins: true),
    Case(
      name: "long values", first: fields(#""\#(String(repeating: "x", count: 100))""#),
      second: fields(#""\#(String(repeating: "x", count: 99))y""#), joins: false),
    Case(name: "a missing required key", first: fields("null"), second: fields("null"), joins: false),
  ]

  @Test(arguments: cases)
  func joins(_ test: Case) throws {
    let events = [Self.event(1, "process", test.first), Self.event(2, "network", test.second)]
    let matches = try EQLMatching.sequences(Self.query, events).matches
    #expect(matches == (test.joins ? [[0, 1]] : []))
  }

  @Test func anOptionalKeyJoinsNullButNotTheText() throws {
    let query = "sequence by ?user.name [process where true] [network where true]"
    let missing = try EQLMatching.sequences(
      query, [Self.event(1, "process", #""host":{"id":"h"}"#), Self.event(2, "network", #""user":{"name":null}"#)])
    #expect(missing.matches == [[0, 1]])
    let text = try EQLMatching.sequences(
      query, [Self.event(1, "process", #""host":{"id":"h"}"#), Self.event(2, "network", #""user":{"name":"null"}"#)])
    #expect(text.matches == [])
  }

  /// Elasticsearch's rule for several multi-valued keys: one sequence per combination of their values, each with
  /// the same events.
  @Test func multiValuedKeysGiveASequencePerCombination() throws {
    let both = Self.fields(#"["a","b"]"#, host: #"["h1","h2"]"#)
    let result = try EQLMatching.sequences(
      Self.query, [Self.event(1, "process", both), Self.event(2, "network", both)])
    #expect(result.matches == Array(repeating: [0, 1], count: 4))
  }

  /// "Privilege Escalation via UID Change Post Compilation" joins a compiler's `process.args` with the `file.name`
  /// the linker writes: the output name is one argument among several.
  @Test func anArgumentJoinsTheFileItNames() throws {
    let query = "sequence [process where true] by process.args [file where true] by file.name"
    let compile = #"{"@timestamp":"2024-01-01T00:00:01.000Z","event":{"category":"process"},"process":{"args":["gcc","-o","exploit","exploit.c"]}}"#
    let link = #"{"@timestamp":"2024-01-01T00:00:02.000Z","event":{"category":"file"},"file":{"name":"exploit"}}"#
    let other = #"{"@timestamp":"2024-01-01T00:00:03.000Z","event":{"category":"file"},"file":{"name":"a.out"}}"#
    #expect(try EQLMatching.sequences(query, [compile, link, other]).matches == [[0, 1]])
  }

  /// An `until` event with a multi-valued key ends the partial sequences of each of its values.
  @Test func untilEndsEveryValueOfItsKey() throws {
    let query = "sequence by user.name [process where true] [network where true] until [file where true]"
    let events = [
      Self.event(1, "process", #""user":{"name":"a"}"#), Self.event(2, "process", #""user":{"name":"b"}"#),
      Self.event(3, "file", #""user":{"name":["b","a"]}"#), Self.event(4, "network", #""user":{"name":["a","b"]}"#),
    ]
    #expect(try EQLMatching.sequences(query, events).matches == [])
  }

  /// Tables keep each stored key's buffer: one long key must not make every later key's buffer as large.
  @Test func aShortKeyAfterALongOneGetsASmallBuffer() throws {
    let parsed = EQLParser.parse("sequence by user.name [any where true] [any where true]")
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(try #require(parsed.validQuery), fields: &fields)
    guard case .sequence(let sequence) = lowered.body else { throw EQLMatching.Failure(description: "not a sequence") }
    let decoder = EventDecoder(catalog: fields.catalog)
    let long = try decoder.decode(#"{"user":{"name":"\#(String(repeating: "x", count: 10_000))"}}"#)
    let short = try decoder.decode(#"{"user":{"name":"bob"}}"#)
    let stage = EQLSequenceMatcher.Stage(sequence.steps[0], rule: 0)
    var key = EQLSequenceMatcher.JoinKey()
    let readLong = key.read(stage, long)
    let stored = key
    let readShort = key.read(stage, short)
    #expect(readLong == .key && readShort == .key)
    #expect(key.encoding.capacity < 1_000)
    #expect(stored.values == [.string(String(repeating: "x", count: 10_000))])
  }

  @Test func aKeyReadsBackItsValues() throws {
    let parsed = EQLParser.parse("sequence by a, b, c, d, e, f [any where true] [any where true]")
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(try #require(parsed.validQuery), fields: &fields)
    guard case .sequence(let sequence) = lowered.body else { throw EQLMatching.Failure(description: "not a sequence") }
    let event = try EventDecoder(catalog: fields.catalog).decode(
      #"{"a":"x\u00e9","b":-7,"c":2.5,"d":true,"e":18446744073709551616,"f":[null,"y"]}"#)
    let stage = EQLSequenceMatcher.Stage(sequence.steps[0], rule: 0)
    let key = try #require(EQLSequenceMatcher.JoinKey(stage, event))
    #expect(
      key.values == [.string("xé"), .int(-7), .double(2.5), .bool(true), .string("18446744073709551616"), .string("y")])
    #expect(EQLSequenceMatcher.JoinKey(stage, event) == key)
  }
}
