import VigilEvents

extension ESQLValue {
  /// Appends the value as Elasticsearch's ES|QL response writes it: numbers and booleans as JSON, dates as ISO-8601
  /// strings with milliseconds, IPs as text, multi-values as arrays.
  public func appendJSON(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .boolean(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .integer(let number): JSONWriter.appendInt(number, to: &out)
    case .double(let number): JSONWriter.appendDouble(number, to: &out)
    case .multi(let values):
      out.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        value.appendJSON(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .source(let json): out.append(contentsOf: json.utf8)
    default: JSONWriter.appendString(text ?? "", to: &out)
    }
  }
}

extension ESQLRow {
  /// The row as one JSON object keyed by column name (`{"host.name":"a","Esql.count":2}`); `null` columns are
  /// written as `null`, or left out with `droppingNulls` (as Kibana's ES|QL rule executor does).
  public func json(droppingNulls: Bool = false) -> [UInt8] {
    var out: [UInt8] = [UInt8(ascii: "{")]
    var first = true
    for (column, value) in zip(columns, values) {
      if droppingNulls && value.isNull { continue }
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      JSONWriter.appendString(column, to: &out)
      out.append(UInt8(ascii: ":"))
      value.appendJSON(to: &out)
    }
    out.append(UInt8(ascii: "}"))
    return out
  }
}
