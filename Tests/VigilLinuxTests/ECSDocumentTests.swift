import Foundation
import Testing

@testable import VigilLinux

@Suite struct ECSDocumentTests {
  @Test func dottedNamesNestAsObjectsInFirstSeenOrder() {
    var document = ECSDocument()
    document["@timestamp"] = "2024-01-01T00:00:00.000Z"
    document["process.pid"] = 5
    document["event.kind"] = "event"
    document["process.parent.pid"] = 1
    document["process.args"] = ["a", "b"]
    document["event.category"] = ["process"]
    document["x.flag"] = true
    #expect(
      document.json
        == #"{"@timestamp":"2024-01-01T00:00:00.000Z","process":{"pid":5,"parent":{"pid":1},"args":["a","b"]},"#
        + #""event":{"kind":"event","category":["process"]},"x":{"flag":true}}"#)
  }

  @Test func settingAgainReplacesInPlaceAndNilRemoves() {
    var document = ECSDocument()
    document["a"] = 1
    document["b"] = 2
    document["a"] = 3
    document["b"] = nil
    document.set("c", nonEmpty: "")
    document.set("d", nil)
    #expect(document.json == #"{"a":3}"#)
  }

  @Test func stringsAreEscapedIntoValidJSON() throws {
    var document = ECSDocument()
    document["process.command_line"] = "sh -c \"echo \\\\ \n\t\u{01}\" é"
    let object = try JSONSerialization.jsonObject(with: Data(document.json.utf8)) as? [String: Any]
    let process = object?["process"] as? [String: Any]
    #expect(process?["command_line"] as? String == "sh -c \"echo \\\\ \n\t\u{01}\" é")
  }

  @Test func timestampsAreUTCWithMilliseconds() {
    #expect(ECSTimestamp.string(nanoseconds: 0) == "1970-01-01T00:00:00.000Z")
    #expect(ECSTimestamp.string(nanoseconds: 1_700_000_000_123_999_999) == "2023-11-14T22:13:20.123Z")
    #expect(ECSTimestamp.string(nanoseconds: -1_000_000) == "1969-12-31T23:59:59.999Z")
  }
}
