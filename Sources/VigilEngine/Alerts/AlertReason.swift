/// The `kibana.alert.reason` text Kibana writes for every rule type, built from a few fields of the alert's source
/// (`lookup` reads them by path).
enum AlertReason {
  /// `process event with process bash, by root on web-1 created high alert Suspicious Shell.`
  static func text(severity: String, ruleName: String, lookup: (String) -> JSONValue?) -> String {
    func field(_ path: String) -> String? {
      guard let value = lookup(path) else { return nil }
      let text = AlertFieldText.joined(value)
      return text.isEmpty || text == "-" ? nil : text
    }
    let process = field("process.name")
    let parent = field("process.parent.name")
    let file = field("file.name")
    let sourceIP = field("source.ip")
    let destinationIP = field("destination.ip")
    // Appended piece by piece: interpolating each clause made a string of its own (13% of building an alert).
    var text = ""
    text.reserveCapacity(128 + ruleName.utf8.count)
    func append(_ first: String, _ second: String = "", _ third: String = "") {
      text.append(first)
      text.append(second)
      text.append(third)
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
    return text
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
