import Crypto
import VigilESQL
import VigilEvents

/// The alert of one row of a non-aggregating ES|QL rule, as Kibana builds it: the source event with each non-null
/// column of the row written over it as a flat key (an existing field of that name is replaced), and an id that
/// also covers the values of columns expanded by `MV_EXPAND`, so expanded rows stay distinct.
enum ESQLRowAlert {
  /// `METADATA` columns that name the source document rather than describe it.
  static let metadataColumns: Set<String> = ["_id", "_version", "_index"]

  static func build(
    _ compiled: CompiledRule, program: ESQLProgram, row: ESQLRow, source: SourceDocument, alertTime: Int64
  ) -> Alert {
    var document = JSONValue.parse(source.bytes)?.object ?? JSONObject()
    // Kibana strips the metadata columns before merging the row into the source.
    for (column, value) in zip(row.columns, row.values) where !Self.metadataColumns.contains(column) {
      var json: [UInt8] = []
      value.appendJSON(to: &json)
      guard let parsed = JSONValue.parse(json), parsed != JSONValue.null else { continue }
      remove(column, from: &document)
      document[column] = parsed
    }
    let expanded = program.expandedColumns.map { column -> String in
      var json: [UInt8] = []
      row[column].appendJSON(to: &json)
      return String(decoding: json, as: UTF8.self)
    }
    return AlertBuilder.eventAlert(
      rule: compiled.rule, fields: compiled.alertFields, document: document, index: source.index, id: source.id,
      alertTime: alertTime, idParts: expanded)
  }

  /// The alert of one row of an aggregating query: its source is the row's non-null columns alone, and its id
  /// depends on the window, the query, the rule and the row's position, so each run alerts again, as in Kibana.
  static func aggregate(_ compiled: CompiledRule, row: ESQLRow, rowIndex: Int, window: ESQLWindowState.Run) -> Alert {
    var document = JSONObject()
    for (column, value) in zip(row.columns, row.values) {
      var json: [UInt8] = []
      value.appendJSON(to: &json)
      guard let parsed = JSONValue.parse(json), parsed != JSONValue.null else { continue }
      document[column] = parsed
    }
    let windowText = Timestamp.iso8601(nanoseconds: window.start) + Timestamp.iso8601(nanoseconds: window.end)
    let id = SourceDocument.hex(SHA256.hash(data: Array(
      (windowText + (compiled.rule.query ?? "") + compiled.alertFields.ruleUUID + String(rowIndex)).utf8)))
    return AlertBuilder.eventAlert(
      rule: compiled.rule, fields: compiled.alertFields, document: document, index: "", id: id,
      alertTime: window.end)
  }

  /// Removes the field at a dotted path, written as nested objects or dotted keys.
  static func remove(_ path: String, from object: inout JSONObject) {
    object[path] = nil
    guard let dot = path.firstIndex(of: ".") else { return }
    let head = String(path[..<dot])
    guard case .object(var inner)? = object[head] else { return }
    remove(String(path[path.index(after: dot)...]), from: &inner)
    object[head] = inner.isEmpty ? nil : .object(inner)
  }
}
