import Crypto
import VigilEvents
import VigilRules

/// Kibana's alert suppression (`alert_suppression`) for one rule, in event time: alert candidates with the same
/// values of the `group_by` fields (the suppression terms) become one alert, the first, which counts the others in
/// `kibana.alert.suppression.docs_count` and spans their times in `kibana.alert.suppression.start` and `.end`.
///
/// With a `duration`, a candidate made at run time `t` joins the alert of its terms created at `t - duration` or
/// later (Kibana: the open alert of the same `kibana.alert.instance.id` whose `kibana.alert.start` is within the
/// suppression window); without one, the alerts of one run, that is of one `interval` of event time. An alert is
/// written once no later candidate can join it, so that its count is final. With `missing_fields_strategy =
/// doNotSuppress`, a candidate missing a `group_by` field is an ordinary alert, written at once.
struct AlertSuppressor {
  /// What became of a candidate.
  enum Outcome {
    /// Not suppressed (a `group_by` field is missing and the rule does not suppress those): write it now.
    case write(Alert)
    /// Held as the first alert of its terms, written when its window closes.
    case started
    /// Counted in the held alert of its terms.
    case suppressed
    /// The first of its terms, but `mayStart` refused it a new alert (the rule's `max_signals` was reached).
    case refused
  }

  private struct Instance {
    var alert: Alert
    var terms: JSONValue
    /// The run time of the last candidate it took (at first, its own: `kibana.alert.start`).
    var lastDetected: Int64
    var start: Int64
    var end: Int64
    var docsCount: Int
    /// The last run time a candidate may join it at.
    var closesAt: Int64
    /// Tells it from a later alert of the same terms.
    var serial: Int
  }

  let suppression: AlertSuppression
  let ruleID: String
  /// The rule's interval, for suppression per run (no `duration`), nanoseconds.
  let interval: Int64
  /// The held alerts by instance id, and their ids in the order made (they close in that order, but for one a
  /// candidate of its terms found closed first).
  private var open: [String: Instance] = [:]
  private var order: [(id: String, serial: Int)] = []
  private var nextToClose = 0
  private var nextSerial = 0
  /// Alerts closed out of order, to be written by the next ``close(before:)``.
  private var closedEarly: [Alert] = []
  /// Most alerts held at once; past it the oldest is written early, with its count so far.
  let capacity: Int
  /// Alerts written before their window closed, to stay within `capacity`.
  private(set) var evictions = 0

  /// The suppression of `compiled`'s alerts, or `nil` when it has none. A threshold rule's suppression takes only a
  /// `duration` and groups its alerts by the threshold fields (Kibana: by the bucket's values). EQL sequences and
  /// samples are not suppressed: no rule of the pack asks for it.
  init?(for compiled: CompiledRule) {
    guard var suppression = compiled.rule.alertSuppression else { return nil }
    switch compiled.execution {
    case .eachEvent, .newTerms, .threatMatch, .esqlRows, .esqlWindows: break
    case .threshold:
      suppression.groupBy = compiled.rule.threshold?.fields ?? []
      suppression.missingFieldsStrategy = .suppress
    case .sequence, .sample: return nil
    }
    self.init(suppression, ruleID: compiled.rule.ruleID, intervalSeconds: compiled.rule.schedule.interval.seconds)
  }

  /// The default ``capacity``: an alert document is kilobytes.
  static let defaultCapacity = 100_000

  init(_ suppression: AlertSuppression, ruleID: String, intervalSeconds: Int64, capacity: Int = defaultCapacity) {
    self.suppression = suppression
    self.ruleID = ruleID
    interval = max(1, intervalSeconds) * 1_000_000_000
    self.capacity = max(1, capacity)
  }

  /// Offers a candidate made at run time `time`, for events from `start` to `end` (a candidate of one event: its
  /// time twice); `mayStart` is asked before it starts a new alert. Call ``close(before:)`` with `time` first.
  mutating func offer(
    _ alert: Alert, at time: Int64, from start: Int64, to end: Int64, mayStart: () -> Bool
  ) -> Outcome {
    let document = alert.document
    var terms: [JSONValue] = []
    for field in suppression.groupBy {
      let value = document.value(atPath: field).map(Self.sorted) ?? .null
      if value == .null, suppression.missingFieldsStrategy == .doNotSuppress { return .write(alert) }
      var term = JSONObject()
      term["field"] = .string(field)
      term["value"] = value
      terms.append(.object(term))
    }
    let termsValue = JSONValue.array(terms)
    let id = SourceDocument.hex(SHA256.hash(data: Array((termsValue.jsonText + ruleID).utf8)))
    if var held = open[id], time <= held.closesAt {
      held.docsCount += 1
      held.start = min(held.start, start)
      held.end = max(held.end, end)
      held.lastDetected = max(held.lastDetected, time)
      open[id] = held
      return .suppressed
    }
    guard mayStart() else { return .refused }
    // A candidate out of time order may find its terms' alert closed before the alerts made earlier.
    if let closed = open.removeValue(forKey: id) { closedEarly.append(Self.written(closed, id: id)) }
    if open.count >= capacity { evictOldest() }
    let closesAt: Int64
    if let duration = suppression.duration {
      closesAt = time &+ duration.seconds * 1_000_000_000
    } else {
      // The run's interval of event time: `(k - 1)·interval < time <= k·interval`.
      closesAt = time.ceilingDivided(by: interval) * interval
    }
    open[id] = Instance(
      alert: alert, terms: termsValue, lastDetected: time, start: start, end: end, docsCount: 0,
      closesAt: closesAt, serial: nextSerial)
    order.append((id, nextSerial))
    nextSerial += 1
    return .started
  }

  /// The held alerts that no candidate at `time` or later can join, in the order they were made.
  mutating func close(before time: Int64) -> [Alert] {
    var closed = closedEarly
    closedEarly = []
    while nextToClose < order.count {
      let (id, serial) = order[nextToClose]
      if let held = open[id], held.serial == serial {
        guard held.closesAt < time else { break }
        closed.append(Self.written(held, id: id))
        open[id] = nil
      }
      nextToClose += 1
    }
    if nextToClose > 1024, nextToClose * 2 > order.count {
      order.removeFirst(nextToClose)
      nextToClose = 0
    }
    return closed
  }

  /// Writes the oldest held alert early (into ``closedEarly``), with its count so far.
  private mutating func evictOldest() {
    while nextToClose < order.count {
      let (id, serial) = order[nextToClose]
      nextToClose += 1
      if let held = open[id], held.serial == serial {
        closedEarly.append(Self.written(held, id: id))
        open[id] = nil
        evictions += 1
        return
      }
    }
  }

  /// Every held alert, at the end of the input.
  mutating func finish() -> [Alert] {
    close(before: .max)
  }

  /// A held alert with its suppression fields, as Kibana's alert reads once its window has closed.
  private static func written(_ held: Instance, id: String) -> Alert {
    var alert = held.alert
    alert[member: "kibana.alert.suppression.terms"] = held.terms
    alert[member: "kibana.alert.suppression.start"] = .string(Timestamp.iso8601(nanoseconds: held.start))
    alert[member: "kibana.alert.suppression.end"] = .string(Timestamp.iso8601(nanoseconds: held.end))
    alert[member: "kibana.alert.suppression.docs_count"] = .int(held.docsCount)
    alert[member: "kibana.alert.instance.id"] = .string(id)
    alert[member: "kibana.alert.last_detected"] = .string(Timestamp.iso8601(nanoseconds: held.lastDetected))
    return alert
  }

  /// A term's value as Kibana keeps it: an array sorted (by its JSON text), anything else as it is.
  private static func sorted(_ value: JSONValue) -> JSONValue {
    guard case .array(let values) = value else { return value }
    if values.isEmpty { return .null }
    return .array(values.sorted { $0.jsonText < $1.jsonText })
  }
}
