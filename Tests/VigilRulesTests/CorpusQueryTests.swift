import Testing
import VigilTestSupport

struct CorpusQueryTests {
  @Test func corpusHasTheCountedQueries() throws {
    guard let queries = try CorpusQuery.all() else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    // Counts of ../shared/reference/corpus-features.md, deprecated rules added.
    #expect(queries.filter { $0.language == "eql" }.count >= 1024)
    #expect(queries.filter { $0.language == "esql" }.count >= 209)
    #expect(queries.filter { $0.language == "kuery" && $0.origin == .query }.count >= 729)
    #expect(queries.filter { $0.origin == .threatQuery }.count >= 6)
  }
}
