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
    var text = ""
    if let category = field("event.category") { text += "\(category) " }
    text += "event"
    if process != nil || parent != nil || file != nil || sourceIP != nil || destinationIP != nil { text += " with" }
    if let process { text += " process \(process)," }
    if let parent { text += " parent process \(parent)," }
    if let file { text += " file \(file)," }
    if let sourceIP {
      text += " source \(sourceIP)"
      if let port = field("source.port") { text += ":\(port)," }
    }
    if let destinationIP {
      text += " destination \(destinationIP)"
      if let port = field("destination.port") { text += ":\(port)," }
    }
    if let user = field("user.name") { text += " by \(user)" }
    if let host = field("host.name") { text += " on \(host)" }
    return text + " created \(severity) alert \(ruleName)."
  }
}

/// Text of JSON values as Kibana shows them: arrays joined with ", ".
enum AlertFieldText {
  static func joined(_ value: JSONValue) -> String {
    values(value).joined(separator: ", ")
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
