import Foundation
import Testing
import VigilEvents
import VigilTestSupport

@Suite("Field types")
struct FieldTypesTests {
  static let known: [(String, FieldType?)] = [
    ("@timestamp", .date),
    ("event.ingested", .date),
    ("process.name", .keyword),
    ("process.name.text", .matchOnlyText),
    ("process.command_line", .wildcard),
    ("process.command_line.text", .matchOnlyText),
    ("process.pid", .long),
    ("process.parent.pid", .long),
    ("destination.ip", .ip),
    ("process.args", .keyword),
    ("process.pid.text", nil),
    ("no.such.field", nil),
  ]

  @Test("schema types", arguments: known)
  func schemaType(_ path: String, _ type: FieldType?) {
    #expect(FieldTypes.type(of: path) == type)
  }

  static let inferred: [(String, FieldType?)] = [
    (#"{"x":"a"}"#, .keyword), (#"{"x":1}"#, .long), (#"{"x":1.5}"#, .float), (#"{"x":true}"#, .boolean),
    (#"{"x":null}"#, nil), (#"{"x":18446744073709551615}"#, .unsignedLong),
  ]

  @Test("unknown fields take the type of their JSON value", arguments: inferred)
  func inferredType(_ json: String, _ type: FieldType?) throws {
    let decoder = EventDecoder(fields: ["x"])
    let event = try decoder.decode(json)
    #expect(FieldTypes.type(of: "x", value: event.first(decoder.catalog.id("x")!)!) == type)
  }

  @Test func schemaFieldsWinOverTheValue() {
    #expect(FieldTypes.type(of: "process.pid", value: .string(ByteSpan(start: 0, count: 0))) == .long)
  }

  @Test func theCompiledSchemaMatchesTheSchemaFile() throws {
    guard let url = SharedData.fieldTypes else {
      print(SharedData.missingMessage("schemas/field-types.tsv"))
      return
    }
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(FieldTypes.count == rows.count)
    for row in rows {
      let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
      #expect(FieldTypes.type(of: String(columns[0]))?.rawValue == String(columns[1]), "\(columns[0])")
    }
  }
}
