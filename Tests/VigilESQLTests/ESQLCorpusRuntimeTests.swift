import Testing
import VigilESQL
import VigilEvents
import VigilQuery
import VigilTestSupport

/// Every ES|QL query of the corpus compiles to a runnable program, except the listed constructs; each program runs
/// over events holding every field it reads, with plausible values and with values of the wrong type or shape.
struct ESQLCorpusRuntimeTests {
  /// The number of corpus queries that cannot run yet; it may only go down.
  static let maximumUnsupported = 7

  /// `KQL()` bodies are lowered by VigilKQL, which this test target does not link: the engine and the CLI pass the
  /// real lowering; here any text is accepted.
  static let kql: ESQLKQLLowering = { _, _ in .always }

  /// Values of the wrong type or shape, given to every field: the runtime must not trap on any.
  static let oddValues = [
    "null", "[]", "[1, 2]", #"["a", "b", "a"]"#, "-9223372036854775808", "1e308", #""""#, #""10.0.0.1""#,
    #""2024-05-01T10:00:00Z""#, "true", #"{"lat": 1, "lon": 2}"#, #""%ZZ \u0000 🔥 `x`y""#,
  ]

  @Test func corpusQueriesCompileAndRun() throws {
    guard let queries = try CorpusQuery.all(language: "esql") else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    var unsupported: [String: Int] = [:]
    var failing: [String] = []
    var ran = 0
    var prefiltered = 0
    for corpus in queries {
      guard let query = ESQLParser.parse(corpus.text).query else { continue }
      var fields = FieldResolver()
      let compiled = ESQLProgram.compile(query, fields: &fields, kql: Self.kql)
      guard let program = compiled.program else {
        for construct in Set(compiled.unsupported.map(\.construct)) { unsupported[construct, default: 0] += 1 }
        failing.append("\(corpus.path): \(compiled.unsupported.map(\.description).joined(separator: "; "))")
        continue
      }
      let decoder = EventDecoder(catalog: fields.catalog)
      let typed = try decoder.decode(Self.sampleEvent(program.fields))
      let odd = try Self.oddValues.map { try decoder.decode(Self.sampleEvent(program.fields, value: $0)) }
      _ = program.run([typed, typed] + odd, now: 1_714_564_800_000_000_000)
      ran += 1
      if program.sourcePredicate != .always { prefiltered += 1 }
    }
    let summary = unsupported.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print(
      "ES|QL corpus runtime: \(queries.count) queries, \(ran) compile and run (\(prefiltered) with a pre-filter); "
        + "unsupported: \(summary)")
    for line in failing { print("  not runnable: \(line)") }
    #expect(failing.count <= Self.maximumUnsupported)
  }

  /// An event with a plausible value for each field, by its schema type, or with `value` for every field.
  static func sampleEvent(_ fields: [FieldBinding], value forced: String? = nil) -> String {
    var seen = Set<String>()
    var members: [String] = []
    for field in fields where seen.insert(field.sourcePath).inserted {
      var value: String
      switch field.type {
      case let type? where type.isNumeric: value = "1"
      case let type? where type.isDate: value = "\"2024-05-01T10:00:00Z\""
      case .ip?: value = "\"10.0.0.1\""
      case .boolean?: value = "true"
      default: value = "\"x\""
      }
      if let forced { value = forced }
      members.append("\"\(field.sourcePath)\":\(value)")
    }
    return "{" + members.joined(separator: ",") + "}"
  }
}
