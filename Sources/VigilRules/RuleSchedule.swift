import VigilEvents
/// When and over what window Kibana runs a rule: `interval`, `from`, `to`, `max_signals`.
public struct RuleSchedule: Hashable, Sendable {
  /// How often the rule runs (`interval`, default 5 minutes).
  public var interval: RuleDuration
  /// Start of the searched window relative to the run (`from`, default `now-6m`).
  public var from: DateMath
  /// End of the searched window (`to`, default `now`).
  public var to: DateMath
  /// Most alerts one run writes (`max_signals`, default 100).
  public var maxSignals: Int

  public static let defaultInterval = RuleDuration(seconds: 300, text: "5m")
  public static let defaultFrom = DateMath(offsetSeconds: -360, rounding: nil, text: "now-6m")
  public static let defaultTo = DateMath(offsetSeconds: 0, rounding: nil, text: "now")
  public static let defaultMaxSignals = 100

  public init(
    interval: RuleDuration = defaultInterval, from: DateMath = defaultFrom, to: DateMath = defaultTo,
    maxSignals: Int = defaultMaxSignals
  ) {
    self.interval = interval
    self.from = from
    self.to = to
    self.maxSignals = maxSignals
  }

  /// How far before the run the window starts, beyond the interval ("additional look-back" in Kibana's UI).
  public var additionalLookbackSeconds: Int64 { max(0, -from.offsetSeconds - interval.seconds) }
}
