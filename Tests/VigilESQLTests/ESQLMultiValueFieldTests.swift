import Testing

@testable import VigilESQL

/// A keyword field with several values reads as Elasticsearch's doc values give it: sorted, each value once, however
/// many values the document holds; a `text` field keeps them in document order, repeats included.
struct ESQLMultiValueFieldTests {
  static let events = [
    #"{"process":{"args":["-b","-a","-b"]},"message":["b","a","b"]}"#,
    // More values than are compared pairwise.
    #"{"process":{"args":["j","c","i","a","h","c","g","b","f","e","d","a"]},"message":"m"}"#,
    #"{"process":{"args":["x","x"]}}"#,
  ]

  static let cases: [ESQLRuntimeCase] = [
    ESQLRuntimeCase(
      "FROM logs-* | KEEP process.args, message", events,
      [
        #"{"process.args":["-a","-b"],"message":["b","a","b"]}"#,
        #"{"process.args":["a","b","c","d","e","f","g","h","i","j"],"message":"m"}"#,
        #"{"process.args":"x","message":null}"#,
      ]),
    ESQLRuntimeCase(
      "FROM logs-* | EVAL n = MV_COUNT(process.args) | KEEP n", events,
      [#"{"n":2}"#, #"{"n":10}"#, #"{"n":1}"#]),
  ]

  @Test(arguments: cases)
  func multiValues(_ test: ESQLRuntimeCase) throws {
    #expect(ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(test.query, test.events)) == test.rows)
  }
}
