import VigilEQL
import VigilESQL
import VigilEvents

/// How a compiled rule turns matching events into alerts.
public enum RuleExecution: Sendable {
  /// One alert per matching event (`query`, EQL event queries).
  case eachEvent
  /// One alert per value combination of the fields not seen within the history window before the event.
  case newTerms(fields: [FieldID], historySeconds: Int64)
  /// One alert per group of the fields reaching `value` events (and `cardinality` distinct values) within the
  /// rule's look-back.
  case threshold(fields: [FieldID], value: Int, cardinality: (field: FieldID, value: Int)?, windowSeconds: Int64)
  /// One alert per event matching threat indicators through the rule's mapping.
  case threatMatch
  /// An EQL sequence: its events (those matching any step) go through a sequence matcher, and each completed
  /// sequence gives a building-block alert per event and a shell alert.
  case sequence(EQLLoweredSequence, timestampField: FieldID?)
  /// An EQL `sample`, run over each scheduled window of event time: each sample found gives a building-block alert
  /// per event and a shell alert, as a sequence does.
  case sample([EQLLoweredStep], intervalSeconds: Int64, lookbackSeconds: Int64)
  /// A non-aggregating ES|QL query: each matching event runs through the pipeline, and each row it gives is an
  /// alert built from the event with the row's columns written over it.
  case esqlRows(ESQLProgram)
  /// An aggregating ES|QL query, run over each scheduled window of event time; each row is an alert.
  case esqlWindows(ESQLProgram, intervalSeconds: Int64, lookbackSeconds: Int64)
}
