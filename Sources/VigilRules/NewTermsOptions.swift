import VigilEvents
/// `[rule.new_terms]`: the fields whose value combination must be new, and how far back history goes.
public struct NewTermsOptions: Hashable, Sendable {
  /// One to three fields (`new_terms.value`).
  public var fields: [String]
  /// Start of the history window (`history_window_start`, e.g. `now-14d`).
  public var historyWindowStart: DateMath

  public init(fields: [String], historyWindowStart: DateMath) {
    self.fields = fields
    self.historyWindowStart = historyWindowStart
  }
}
