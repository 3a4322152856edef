// Golden alert documents, one set per rule type, under `Golden/<set>/`: `rule.toml` (detection-rules format),
// `events.ndjson` (the input, in time order), `indicators.ndjson` (threat_match only) and `alerts.ndjson`, the
// expected alerts, one `Alert.jsonLine` per line, in the order the engine emits them.
//
// To regenerate the golden files after a deliberate change to alert documents, run
//
//     VIGIL_UPDATE_GOLDEN=1 swift test --skip-build --filter GoldenAlert
//
// then read the diff of `alerts.ndjson` line by line before committing it: the files are the review record of what
// Vigil writes. Each set also has a test of its invariants (counts, group ids, unique ids, mapped severities, …) that
// does not read the golden bytes, so a careless regeneration cannot make the suite meaningless.
//
// Determinism: the rules run as `vigil scan` runs them in stream mode (`EngineTesting.scan`), so each alert's
// `@timestamp`, `kibana.alert.start` and `kibana.alert.last_detected` is event time — the triggering event's
// `@timestamp` (its `event.ingested` for new terms, the bucket's latest time for threshold, the scheduled run's end
// for aggregating ES|QL). The engine reads the wall clock in two places, and the fixtures avoid both:
// - `ScanEngine` stamps an alert with the current time when its event has no valid `@timestamp`: every event here
//   has one (checked below: every alert time lies in the fixtures' days of March 2025, far from any real run).
// - `CompiledRuleSet(now:)` resolves exception expiry and date math in `threat_query` (`@timestamp >= "now-30d"`,
//   as prebuilt indicator rules write it); the CLI passes the wall clock. The tests keep the default (0), and the
//   threat_match rule's `threat_query` has no date math, so its indicator set does not depend on when it runs.
// The invariant tests pin the points of detection-engine-semantics.md §5 that are easy to get wrong (shell alerts
// without overrides, empty source values dropped, ES|QL metadata columns not copied, the rule's mappings written);
// deliberate differences from Kibana's documents are listed in docs/compatibility.md.
//
// Alert ids are SHA-256 hashes of the event text (events read from files have no `_id`), the index and the rule,
// so they are stable too.
import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules

struct GoldenAlertTests {
  /// A folder under `Golden/`.
  enum GoldenSet: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case query
    case eqlEvent = "eql_event"
    case eqlSequence = "eql_sequence"
    case newTerms = "new_terms"
    case threshold
    case thresholdCardinality = "threshold_cardinality"
    case threatMatch = "threat_match"
    case esqlRows = "esql_rows"
    case esqlStats = "esql_stats"

    var testDescription: String { rawValue }
    var folder: URL { GoldenAlertTests.folder.appendingPathComponent(rawValue) }
  }

  /// One set, run.
  struct Run {
    var rule: DetectionRule
    var events: [String]
    var alerts: [Alert]
    /// The alerts as the golden file writes them.
    var lines: [String] { alerts.map { String(decoding: $0.jsonLine, as: UTF8.self) } }
    /// Each alert's document.
    var documents: [JSONObject] { alerts.map(\.document) }
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let updating = ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1"

  /// The non-empty lines of a file of the set, none when it does not exist.
  static func lines(_ set: GoldenSet, _ name: String) -> [String] {
    let text = (try? String(contentsOf: set.folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }

  static func run(_ set: GoldenSet, reorderWindowSeconds: Int64 = 0) throws -> Run {
    let file = RuleLoader.load(path: set.folder.appendingPathComponent("rule.toml").path)
    #expect(!file.hasErrors, "\(file.diagnostics)")
    let rule = try #require(file.rule)
    let events = lines(set, "events.ndjson")
    #expect(!events.isEmpty, "no events in \(set.rawValue)/events.ndjson")
    let indicators = lines(set, "indicators.ndjson")
    let alerts =
      indicators.isEmpty
      ? try EngineTesting.scan([file], events, reorderWindowSeconds: reorderWindowSeconds)
      : try EngineTesting.scan(
        [file], events, indicators: indicators, reorderWindowSeconds: reorderWindowSeconds)
    return Run(rule: rule, events: events, alerts: alerts)
  }

  // MARK: - The golden files

  @Test(arguments: GoldenSet.allCases)
  func alertsMatchTheGoldenFile(_ set: GoldenSet) throws {
    let run = try Self.run(set)
    let actual = run.lines
    #expect(try Self.run(set).lines == actual, "two scans of the same input differ")
    let url = set.folder.appendingPathComponent("alerts.ndjson")
    if Self.updating {
      try (actual.map { $0 + "\n" }.joined()).write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = Self.lines(set, "alerts.ndjson")
    #expect(!expected.isEmpty, "\(set.rawValue)/alerts.ndjson is missing or empty; VIGIL_UPDATE_GOLDEN=1 writes it")
    for (index, (want, got)) in zip(expected, actual).enumerated() where want != got {
      Issue.record(
        "\(set.rawValue)/alerts.ndjson:\(index + 1) differs: \(Self.firstDifference(expected: want, actual: got))")
      return
    }
    #expect(
      actual.count == expected.count,
      "\(set.rawValue): \(actual.count) alerts, the golden file has \(expected.count)")
  }

  /// Held in the reorder buffer (as `vigil scan` holds events by default), events run on their turn from their text
  /// and the values of the fields their rules' executors read then (``CompiledRuleSet/fieldsReadOnTurn(ofRule:)``):
  /// every set gives the alerts it gives without the buffer.
  @Test(arguments: GoldenSet.allCases)
  func eventsHeldForReorderingGiveTheSameAlerts(_ set: GoldenSet) throws {
    let direct = try Self.run(set).lines
    #expect(!direct.isEmpty)
    #expect(try Self.run(set, reorderWindowSeconds: 86_400).lines.sorted() == direct.sorted())
  }

  /// The first key whose value differs between two alert lines, with both values.
  static func firstDifference(expected: String, actual: String) -> String {
    guard let want = JSONValue.parse(Array(expected.utf8))?.object,
      let got = JSONValue.parse(Array(actual.utf8))?.object
    else { return "a line is not a JSON object" }
    for key in got.keys + want.keys.filter({ got[$0] == nil }) where got[key] != want[key] {
      return "key \(key): expected \(want[key]?.jsonText ?? "(absent)"), got \(got[key]?.jsonText ?? "(absent)")"
    }
    return "same members, in another order: expected \(want.keys), got \(got.keys)"
  }

  // MARK: - Invariants every set holds, whatever the golden bytes

  @Test(arguments: GoldenSet.allCases)
  func everyAlertIsASignalOfItsRuleWithAUniqueIdAtEventTime(_ set: GoldenSet) throws {
    let run = try Self.run(set)
    #expect(!run.alerts.isEmpty)
    #expect(Set(run.alerts.map(\.uuid)).count == run.alerts.count, "alert ids repeat")
    let eventTimes = run.events.compactMap { line -> Int64? in
      guard let text = JSONValue.parse(Array(line.utf8))?.object?["@timestamp"]?.string else { return nil }
      return Timestamp.parse(Array(text.utf8))
    }
    #expect(eventTimes.count == run.events.count, "every fixture event needs an @timestamp (else: wall clock)")
    let earliest = try #require(eventTimes.min())
    let latest = try #require(eventTimes.max()) + 86_400 * 1_000_000_000
    let rule = run.rule
    for alert in run.alerts {
      let document = alert.document
      #expect(document["event.kind"] == .string("signal"))
      #expect(document.value(atPath: "event")?.object?["kind"] == nil, "the source's event.kind is removed")
      #expect(document["kibana.alert.uuid"] == .string(alert.uuid))
      #expect(document["kibana.alert.rule.rule_id"] == .string(rule.ruleID))
      #expect(document["kibana.alert.rule.uuid"] == .string(rule.ruleID))
      #expect(document["kibana.alert.rule.type"] == .string(rule.type.rawValue))
      #expect(document["kibana.alert.rule.severity"] == .string(rule.severity.rawValue))
      #expect(document["kibana.alert.rule.risk_score"] == .int(rule.riskScore))
      #expect(document["kibana.alert.status"] == .string("active"))
      #expect(document["kibana.alert.workflow_status"] == .string("open"))
      #expect(document["kibana.space_ids"] == .array([.string("default")]))
      #expect(document["kibana"] == nil, "a top-level kibana object of the source is removed")
      let reason = document["kibana.alert.reason"]?.string ?? ""
      let severity = document["kibana.alert.severity"]?.string ?? "?"
      let name = document["kibana.alert.rule.name"]?.string ?? "?"
      #expect(reason.hasSuffix(" created \(severity) alert \(name)."), "\(reason)")
      for key in ["@timestamp", "kibana.alert.start", "kibana.alert.last_detected"] {
        let time = document[key]?.string.flatMap { Timestamp.parse(Array($0.utf8)) }
        #expect(time.map { (earliest...latest).contains($0) } == true, "\(key) \(String(describing: document[key]))")
      }
      let ancestors = document["kibana.alert.ancestors"].flatMap(Self.array) ?? []
      #expect(!ancestors.isEmpty)
      #expect(document["kibana.alert.depth"] == .int(ancestors.count == 1 ? 1 : 2))
    }
  }

  // MARK: - Invariants per set

  @Test func queryAlertsOnEachMatchingLinuxEventWithItsMappedSeverityAndRiskScore() throws {
    let run = try Self.run(.query)
    // Events 1, 2 and 4 match; 3 is `ls`, 5 is a macOS host.
    #expect(run.alerts.count == 3)
    #expect(run.documents.map { $0["kibana.alert.severity"] } == [.string("low"), .string("high"), .string("medium")])
    // 30 from event.risk_score; none; 150 is out of 0…100, so the rule's 47.
    #expect(run.documents.map { $0["kibana.alert.risk_score"] } == [.int(30), .int(47), .int(47)])
    for (document, event) in zip(run.documents, [0, 1, 3].map { Self.object(run.events[$0]) }) {
      #expect(document["kibana.alert.original_time"] == event["@timestamp"])
      #expect(document["kibana.alert.original_event.kind"] == .string("event"))
      #expect(document["kibana.alert.original_event.ingested"] == event.value(atPath: "event.ingested"))
      #expect(document["kibana.alert.original_data_stream.dataset"] == .string("endpoint.events.process"))
      #expect(document.value(atPath: "process.args") == event.value(atPath: "process.args"))
      let ancestor = document["kibana.alert.ancestors"].flatMap(Self.array)?.first?.object
      #expect(ancestor?["type"] == .string("event"))
      #expect(ancestor?["index"] == .string("logs-endpoint.events.process-default"))
      #expect(ancestor?["depth"] == .int(0))
      #expect(document["kibana.alert.building_block_type"] == nil)
    }
    let threat = run.documents.first?["kibana.alert.rule.threat"]?.jsonText ?? ""
    #expect(threat.contains(#""id":"TA0002""#) && threat.contains(#""id":"T1059.004""#), "\(threat)")
    #expect(
      run.documents.first?["kibana.alert.reason"]
        == .string(
          "process event with process nc, parent process php-fpm, by www-data on web-1 created low alert "
            + "Netcat Listener or Shell Started."))
    // §5.1 step 2 (Kibana's traverseAndMutateDoc deletes a key whose array or object is left empty): event 2's
    // `labels: {}` and `tags: []` are not copied into its alert.
    #expect(run.documents[1]["labels"] == nil)
    #expect(run.documents[1]["tags"] == nil)
    // §5.2: the rule's mappings are copied to the alert like its other parameters.
    #expect(run.documents[0]["kibana.alert.rule.severity_mapping"] != nil)
    #expect(run.documents[0]["kibana.alert.rule.risk_score_mapping"] != nil)
  }

  @Test func eqlEventQueryAlertsAreBuildingBlocksOfTheRule() throws {
    let run = try Self.run(.eqlEvent)
    // /tmp/.x/kworkerd and /DEV/SHM/payload (`:` is case-insensitive); not cron, not the end event.
    #expect(run.alerts.count == 2)
    for document in run.documents {
      #expect(document["kibana.alert.building_block_type"] == .string("default"))
      #expect(document["kibana.alert.group.id"] == nil)
      #expect(document["kibana.alert.depth"] == .int(1))
    }
  }

  @Test func aSequenceOfThreeEventsGivesThreeBuildingBlocksAndAShellSharingOneGroupID() throws {
    let run = try Self.run(.eqlSequence)
    let events = 3
    #expect(run.alerts.count == events + 1)
    let shell = try #require(run.documents.last)
    let blocks = run.documents.dropLast()
    let groupID = try #require(shell["kibana.alert.group.id"])
    #expect(groupID == shell["kibana.alert.uuid"])
    #expect(shell["kibana.alert.group.index"] == nil)
    #expect(shell["kibana.alert.depth"] == .int(2))
    #expect(shell["kibana.alert.ancestors"].flatMap(Self.array)?.count == 2 * events)
    #expect(shell["kibana.alert.building_block_type"] == nil, "the rule has no building_block_type")
    // The shell's source is what the three events share: the host and user, not the process.
    #expect(shell.value(atPath: "host.name") == .string("db-1"))
    #expect(shell.value(atPath: "user.name") == .string("root"))
    #expect(shell.value(atPath: "process.name") == nil)
    // §2.2: the shell's original time is its first building block's @timestamp.
    #expect(shell["kibana.alert.original_time"] == blocks.first?["@timestamp"])
    let shellAncestorIDs = (shell["kibana.alert.ancestors"].flatMap(Self.array) ?? []).compactMap { $0.object?["id"] }
    for (position, block) in blocks.enumerated() {
      #expect(block["kibana.alert.group.id"] == groupID)
      #expect(block["kibana.alert.group.index"] == .int(position))
      #expect(block["kibana.alert.building_block_type"] == .string("default"))
      #expect(block["kibana.alert.depth"] == .int(1))
      #expect(block["kibana.alert.uuid"].map(shellAncestorIDs.contains) == true)
      // §5.3: no severity, risk score or name overrides on building blocks.
      #expect(block["kibana.alert.severity"] == .string("high"))
      #expect(block["kibana.alert.risk_score"] == .int(73))
    }
    // §5.3 (Kibana's buildAlertRoot passes no overrides and builds the reason from the rule's severity): the shell
    // keeps the rule's severity and risk score although host.name and event.risk_score, which the mappings read,
    // are common to all three events. Vigil applies the mappings to the shell (critical, 90).
    #expect(shell["kibana.alert.severity"] == .string("high"))
    #expect(shell["kibana.alert.risk_score"] == .int(73))
  }

  @Test func newTermsAlertOncePerNewHostAndUserPairWithThePairInTheAlert() throws {
    let run = try Self.run(.newTerms)
    let terms = run.documents.map { $0["kibana.alert.new_terms"]?.jsonText ?? "" }
    // alice on web-1; svc-backup on web-1; alice and bob on db-1 (one event, two alerts); alice on web-1 again after
    // more than the 7-day history without her (the sight on the 16th, six days after the 10th, is not new).
    #expect(
      terms == [
        #"["b6f1c0de-0001","alice"]"#, #"["b6f1c0de-0001","svc-backup"]"#, #"["b6f1c0de-0002","alice"]"#,
        #"["b6f1c0de-0002","bob"]"#, #"["b6f1c0de-0001","alice"]"#,
      ])
    #expect(
      run.documents.map { $0["kibana.alert.severity"] } == [
        .string("low"), .string("medium"), .string("low"), .string("low"), .string("low"),
      ])
    #expect(run.documents[2]["kibana.alert.ancestors"] == run.documents[3]["kibana.alert.ancestors"])
  }

  @Test func thresholdAlertsOncePerGroupReachingTheCountWithASyntheticSource() throws {
    let run = try Self.run(.threshold)
    #expect(run.alerts.count == 2)
    for document in run.documents {
      let result = try #require(document["kibana.alert.threshold_result"]?.object)
      #expect(result["count"] == .int(3))
      let fields = (result["terms"].flatMap(Self.array) ?? []).compactMap { $0.object?["field"] }
      #expect(fields == [.string("source.ip"), .string("host.name")])
      #expect(result["cardinality"] == nil)
      // Only the bucket's time and keys, no event field.
      #expect(document["process"] == nil && document["user"] == nil)
      #expect(document["kibana.alert.original_event.category"] == nil)
      #expect(document["kibana.alert.original_time"] == document["@timestamp"])
      let ancestor = document["kibana.alert.ancestors"].flatMap(Self.array)?.first?.object
      #expect(ancestor?["index"] == .string("logs-system.auth-*"))
    }
    #expect(run.documents.map { $0["source.ip"] } == [.string("198.51.100.7"), .string("203.0.113.9")])
  }

  @Test func thresholdWithCardinalityAlertsOnlyForGroupsWithEnoughDistinctValues() throws {
    let run = try Self.run(.thresholdCardinality)
    // 203.0.113.9 fails three times, but always as root.
    #expect(run.alerts.count == 1)
    let result = try #require(run.documents.first?["kibana.alert.threshold_result"]?.object)
    let cardinality = result["cardinality"].flatMap(Self.array)?.first?.object
    #expect(cardinality?["field"] == .string("user.name"))
    #expect(cardinality?["value"] == .int(3))
    #expect(result["count"] == .int(3))
    #expect(run.documents.first?["source.ip"] == .string("198.51.100.7"))
  }

  @Test func threatMatchAlertsCarryOneEnrichmentPerMatchedIndicatorAndField() throws {
    let run = try Self.run(.threatMatch)
    // The url-type indicator is outside threat_query, so 10.0.0.12 does not match.
    #expect(run.alerts.count == 2)
    var counts: [Int] = []
    for document in run.documents {
      let enrichments = document.value(atPath: "threat.enrichments").flatMap(Self.array) ?? []
      counts.append(enrichments.count)
      for enrichment in enrichments.compactMap(\.object) {
        let matched = enrichment["matched"]?.object
        #expect(matched?["type"] == .string("indicator_match_rule"))
        let field = matched?["field"]?.string ?? ""
        #expect(document.value(atPath: field) == matched?["atomic"])
        #expect(enrichment.value(atPath: "indicator.ip") == matched?["atomic"])
        #expect(matched?["index"]?.string?.hasPrefix("logs-ti_") == true)
      }
    }
    #expect(counts == [1, 2])
    #expect(run.documents.map { $0["kibana.alert.severity"] } == [.string("high"), .string("critical")])
  }

  @Test func esqlRowsBecomeAlertsWithTheirColumnsOverTheSourceEvent() throws {
    let run = try Self.run(.esqlRows)
    // Events 1 and 3 pipe the decoded text to a shell; 2 does not; 4 is in another data stream.
    #expect(run.alerts.count == 2)
    for document in run.documents {
      let commandLine = document.value(atPath: "process.command_line")?.string ?? ""
      #expect(document["Esql.command_line_length"] == .int(commandLine.count))
      #expect(document["process.name"]?.string == document["process.name"]?.string?.uppercased())
      #expect(document.value(atPath: "process.pid") != nil, "fields outside KEEP stay from the source")
      #expect(document["kibana.alert.original_time"] != nil)
    }
    #expect(run.documents.map { $0["kibana.alert.severity"] } == [.string("medium"), .string("high")])
    // Kibana's esqlExecutor takes `_id`, `_version` and `_index` out of each row (`const { _id, _version, _index,
    // ...esqlResult } = document`) before merging the row into the source: they are hit metadata, not fields.
    for document in run.documents { #expect(document["_index"] == nil) }
  }

  @Test func esqlStatsRowsBecomeAlertsWithOnlyTheRowAsSource() throws {
    let run = try Self.run(.esqlStats)
    // The 12:05 run sees 198.51.100.7 fail four times on bastion-1; no other group reaches four in any run.
    #expect(run.alerts.count == 1)
    let document = try #require(run.documents.first)
    #expect(document["Esql.failures"] == .int(4))
    #expect(document["source.ip"] == .string("198.51.100.7"))
    #expect(document["kibana.alert.original_time"] == nil)
    #expect(document["kibana.alert.original_event.category"] == nil)
    #expect(document["kibana.alert.risk_score"] == .int(4), "risk_score_mapping reads Esql.failures")
    #expect(document["kibana.alert.severity"] == .string("high"))
    #expect(document["@timestamp"] == .string("2025-03-10T12:05:00.000Z"))
  }

  // MARK: - Helpers

  static func object(_ line: String) -> JSONObject {
    JSONValue.parse(Array(line.utf8))?.object ?? JSONObject()
  }

  static func array(_ value: JSONValue) -> [JSONValue]? {
    if case .array(let items) = value { return items }
    return nil
  }
}
