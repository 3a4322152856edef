import Testing
import VigilEngine

/// `JSONObject`, small (searched in order) and large (indexed): the same members in the same order either way.
struct JSONObjectTests {
  /// Setting a new key appends it, setting a known key replaces its value in place, and removing a key closes the
  /// gap; lookups agree with the members before and after the object grows past the indexed size, and after
  /// removals from an indexed object.
  @Test(arguments: [3, 16, 17, 40, 300])
  func membersKeepTheirOrderThroughSetsAndRemovals(count: Int) {
    var object = JSONObject()
    for index in 0..<count { object["k\(index)"] = .int(index) }
    object["k1"] = .string("replaced")
    object["k0"] = nil
    object["k0"] = .string("again")
    var expected = (1..<count).map { "k\($0)" }
    expected.append("k0")
    #expect(object.keys == expected)
    #expect(object["k1"] == .string("replaced"))
    #expect(object["k0"] == .string("again"))
    #expect(object["missing"] == nil)
    for index in 2..<count { #expect(object["k\(index)"] == .int(index)) }
    object["k2"] = nil
    #expect(object["k2"] == nil)
    #expect(object.keys.count == count - 1)
    for index in 3..<count { #expect(object["k\(index)"] == .int(index)) }
    #expect(object.members.map(\.key) == object.keys)
  }

  /// An object given room up front (as alerts are) finds every member however many are added after, long keys
  /// sharing long prefixes included.
  @Test func reservedObjectsFindEveryMemberPastTheirReservation() {
    var object = JSONObject()
    object.reserveCapacity(20)
    let keys = (0..<200).map { "kibana.alert.rule.parameters.threat.technique.\($0 % 7).name.\($0)" }
    for (index, key) in keys.enumerated() { object[key] = .int(index) }
    #expect(object.keys == keys)
    for (index, key) in keys.enumerated() { #expect(object[key] == .int(index), "\(key)") }
    #expect(object["kibana.alert.rule.parameters.threat.technique.0.name.7x"] == nil)
  }

  /// Equality and hashing depend on the members in order, not on whether the object happens to be indexed.
  @Test func equalityIgnoresTheIndex() {
    var grown = JSONObject()
    for index in 0..<20 { grown["k\(index)"] = .int(index) }
    for index in 3..<20 { grown["k\(index)"] = nil }
    let small = JSONObject([("k0", .int(0)), ("k1", .int(1)), ("k2", .int(2))])
    #expect(grown == small)
    #expect(grown.hashValue == small.hashValue)
    #expect(small != JSONObject([("k1", .int(1)), ("k0", .int(0)), ("k2", .int(2))]))
  }
}
