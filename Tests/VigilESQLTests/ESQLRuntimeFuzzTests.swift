import Testing
import VigilESQL
import VigilEvents
import VigilQuery
import VigilTestSupport

/// Damaged corpus queries that still parse compile and run over odd events without trapping.
struct ESQLRuntimeFuzzTests {
  @Test func damagedCorpusQueriesRunWithoutTrapping() throws {
    guard let queries = try CorpusQuery.all(language: "esql") else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(max(bound, 1)))
    }
    let replacements = ["0", "-1", "9223372036854775807", "\"\"", "null", "[1, 2]", "1 day", "*", "/", "-"]
    var ran = 0
    for corpus in queries {
      for _ in 0..<3 {
        var text = corpus.text
        let scalars = Array(text.unicodeScalars)
        // Replace a run of digits, a quoted string or a single character with something awkward.
        let start = next(scalars.count)
        let length = 1 + next(3)
        let end = min(scalars.count, start + length)
        text =
          String(String.UnicodeScalarView(scalars[..<start])) + replacements[next(replacements.count)]
          + String(String.UnicodeScalarView(scalars[end...]))
        guard let query = ESQLParser.parse(text).query else { continue }
        var fields = FieldResolver()
        guard let program = ESQLProgram.compile(query, fields: &fields, kql: { _, _ in .always }).program else {
          continue
        }
        let decoder = EventDecoder(catalog: fields.catalog)
        // A damaged field name may not make a valid JSON key; such queries are skipped.
        let documents =
          [ESQLCorpusRuntimeTests.sampleEvent(program.fields)]
          + ESQLCorpusRuntimeTests.oddValues.prefix(4).map {
            ESQLCorpusRuntimeTests.sampleEvent(program.fields, value: $0)
          }
        guard let events = try? documents.map({ try decoder.decode($0) }) else { continue }
        _ = program.run(events, now: 1_714_564_800_000_000_000)
        ran += 1
      }
    }
    print("ES|QL runtime fuzz: \(ran) damaged queries compiled and ran")
    #expect(ran > 50)
  }
}
