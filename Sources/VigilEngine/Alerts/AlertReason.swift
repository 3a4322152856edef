/// The `kibana.alert.reason` text Kibana writes for every rule type, built from a few fields of the alert's source
/// (`fieldText` reads them by path).
enum AlertReason {
  /// `process event with process bash, by root on web-1 created high alert Suspicious Shell.`, with `fieldText`
  /// giving a field's values as ``AlertFieldText/joined(_:)`` writes them (`nil` for a field the source lacks).
  static func text(severity: String, ruleName: String, fieldText: (String) -> String?) -> String {
    func field(_ path: String) -> String? {
      guard let text = fieldText(path), !text.isEmpty, text != "-" else { return nil }
      return text
    }
    let process = field("process.name")
    let parent = field("process.parent.name")
    let file = field("file.name")
    let sourceIP = field("source.ip")
    let destinationIP = field("destination.ip")
    // Written as bytes and made a string once: appending to a string checked and grew it piece by piece.
    var text: [UInt8] = []
    text.reserveCapacity(160 + ruleName.utf8.count)
    func append(_ piece: String) {
      var piece = piece
      piece.withUTF8 { text.append(contentsOf: $0) }
    }
    func append(_ first: String, _ second: String = "", _ third: String = "") {
      append(first)
      append(second)
      append(third)
    }
    if let category = field("event.category") { append(category, " ") }
    append("event")
    if process != nil || parent != nil || file != nil || sourceIP != nil || destinationIP != nil { append(" with") }
    if let process { append(" process ", process, ",") }
    if let parent { append(" parent process ", parent, ",") }
    if let file { append(" file ", file, ",") }
    if let sourceIP {
      append(" source ", sourceIP)
      if let port = field("source.port") { append(":", port, ",") }
    }
    if let destinationIP {
      append(" destination ", destinationIP)
      if let port = field("destination.port") { append(":", port, ",") }
    }
    if let user = field("user.name") { append(" by ", user) }
    if let host = field("host.name") { append(" on ", host) }
    append(" created ", severity, " alert ")
    append(ruleName, ".")
    return String(decoding: text, as: UTF8.self)
  }
}

/// Text of JSON values as Kibana shows them: arrays joined with ", ".
enum AlertFieldText {
  static func joined(_ value: JSONValue) -> String {
    switch value {
    // A single value as it is, without an array of one to join.
    case .number(let text), .string(let text): text
    default: values(value).joined(separator: ", ")
    }
  }

  /// Scalar values as strings, arrays flattened.
  static func values(_ value: JSONValue) -> [String] {
    switch value {
    case .null, .object: []
    case .bool(let bool): [String(bool)]
    case .number(let text), .string(let text): [text]
    case .array(let items): items.flatMap(values)
    }
  }
}
