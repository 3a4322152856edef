import Testing
import VigilEvents
import VigilQuery

@testable import VigilEQL

/// Join keys compare values exactly: same type, text byte for byte (case-sensitive), first non-null value of a
/// multi-valued field.
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
    Case(name: "not a later value", first: fields(#"["a","b"]"#), second: fields(#""b""#), joins: false),
    Case(name: "nulls skipped", first: fields(#"[null,"a"]"#), second: fields(#""a""#), joins: true),
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
    #expect(readLong && readShort)
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
