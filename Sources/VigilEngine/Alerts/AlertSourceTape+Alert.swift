import VigilEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an event alert takes of its source, read from the tape as ``AlertBuilder`` reads it from the tree: the source
/// without its `kibana`, `signal` and `threshold_result` members, cleaned of empty objects and arrays, its `event.kind`
/// removed once the `event.*` namespace is copied.
extension AlertSourceTape {
  /// Whether a top-level key is one the alert's own fields would set (`kibana.…`): the tree then merges them.
  var hasAlertFieldKeys: Bool {
    firstChild(of: 0) { keyHasPrefix($0, "kibana.") } != nil
  }

  /// The source's `@timestamp` when it is a string, as `kibana.alert.original_time` copies it.
  var originalTimeText: String? {
    guard let member = childMember(named: "@timestamp"), nodes[member].kind == .string else { return nil }
    return string(member)
  }

  /// Appends the source's members as the alert keeps them (`"key":value`, comma-separated, without braces), its
  /// `@timestamp` replaced by `alertTime` (JSON text); returns whether the source had one.
  func writeMembers(alertTime: [UInt8], to out: inout [UInt8]) -> Bool {
    text.withUnsafeBytes { writeMembers(alertTime: alertTime, from: $0, to: &out) }
  }

  private func writeMembers(alertTime: [UInt8], from bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
    var hasTimestamp = false
    var first = true
    forEachChild(of: 0) { member in
      let role = rootRole(member)
      guard role != .removed, role != .flattenedEventKind else { return }
      // The event object stays, emptied, when its kind was its only member.
      guard Self.survives(nodes[member]) else { return }
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      appendKey(member, from: bytes, to: &out)
      switch role {
      case .timestamp:
        hasTimestamp = true
        out.append(contentsOf: alertTime)
      case .event:
        write(member, skippingKind: true, from: bytes, to: &out)
      default:
        write(member, skippingKind: false, from: bytes, to: &out)
      }
    }
    return hasTimestamp
  }

  /// `event.*` flattened to `kibana.alert.original_event.*` and `data_stream.*` to
  /// `kibana.alert.original_data_stream.*` (``AlertBuilder/copiedNamespaces(of:)``), `event.kind` included.
  func copiedNamespaces() -> [(String, JSONValue)] {
    var copied: [(String, JSONValue)] = []
    forEachCopiedMember { key, member in
      copied.append((String(decoding: key, as: UTF8.self), value(member, skippingKind: false)))
    }
    return copied
  }

  /// Appends the members of ``copiedNamespaces()`` as text (`"key":value`), with a comma before each unless `first`;
  /// `first` is then false if any was written.
  func writeCopiedNamespaces(to out: inout [UInt8], first: inout Bool) {
    text.withUnsafeBytes { bytes in
      forEachCopiedMember { key, member in
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        // Keys are plain ASCII without quotes, backslashes or control characters (``Reader``): written as they are.
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: key)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        write(member, skippingKind: false, from: bytes, to: &out)
      }
    }
  }

  /// Whether two members of ``copiedNamespaces()`` may have the same key (the alert's tree keeps one): only when a
  /// key in a copied namespace has a dot, or the namespace is both an object and dotted top-level keys.
  var copiedKeysMayRepeat: Bool {
    var objects = false
    var dotted = false
    var nestedDot = false
    func hasDot(_ object: Int) -> Bool {
      firstChild(of: object) { member in
        keyContainsDot(member) || (nodes[member].kind == .object && hasDot(member))
      } != nil
    }
    forEachChild(of: 0) { member in
      if keyEquals(member, "event") || keyEquals(member, "data_stream"), nodes[member].kind == .object {
        objects = true
        nestedDot = nestedDot || hasDot(member)
      } else if keyHasPrefix(member, "event.") || keyHasPrefix(member, "data_stream.") {
        dotted = true
      }
    }
    return nestedDot || (objects && dotted)
  }

  /// Calls `body` with the key (``copiedNamespaces()``'s) and node of each member the alert copies, in order.
  private func forEachCopiedMember(_ body: ([UInt8], Int) -> Void) {
    let namespaces: [(name: StaticString, dotted: StaticString, target: StaticString)] = [
      ("event", "event.", "kibana.alert.original_event"),
      ("data_stream", "data_stream.", "kibana.alert.original_data_stream"),
    ]
    var key: [UInt8] = []
    key.reserveCapacity(128)
    text.withUnsafeBytes { bytes in
      for (namespace, dotted, target) in namespaces {
        // The members the alert removes (`kibana`, `signal`, `threshold_result`) are in neither namespace.
        forEachChild(of: 0) { member in
          guard Self.survives(nodes[member]) else { return }
          let isObject = nodes[member].kind == .object && keyEquals(member, namespace)
          guard isObject || keyHasPrefix(member, dotted) else { return }
          key.removeAll(keepingCapacity: true)
          key.append(contentsOf: UnsafeRawBufferPointer(start: target.utf8Start, count: target.utf8CodeUnitCount))
          if isObject {
            flatten(member, key: &key, bytes, body)
          } else {
            let start = Int(nodes[member].keyStart) + namespace.utf8CodeUnitCount
            key.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<Int(nodes[member].keyEnd)]))
            body(key, member)
          }
        }
      }
    }
  }

  private func flatten(
    _ object: Int, key: inout [UInt8], _ bytes: UnsafeRawBufferPointer, _ body: ([UInt8], Int) -> Void
  ) {
    forEachChild(of: object) { member in
      guard Self.survives(nodes[member]) else { return }
      let length = key.count
      key.append(UInt8(ascii: "."))
      key.append(
        contentsOf: UnsafeRawBufferPointer(rebasing: bytes[Int(nodes[member].keyStart)..<Int(nodes[member].keyEnd)]))
      if nodes[member].kind == .object { flatten(member, key: &key, bytes, body) } else { body(key, member) }
      key.removeLast(key.count - length)
    }
  }

  /// The value at a dotted path, as ``JSONObject/value(atPath:)`` finds it in the source the alert keeps; the path
  /// is ASCII (keys are, and an ASCII key equals only the same bytes).
  func value(atPath path: String) -> JSONValue? {
    node(atPath: path).map { value($0.node, skippingKind: $0.skippingKind) }
  }

  /// The text ``AlertFieldText/joined(_:)`` makes of ``value(atPath:)``, made from the tape without the value.
  func joinedText(atPath path: String) -> String? {
    guard let (node, _) = node(atPath: path) else { return nil }
    // Most fields hold one value, whose text needs no list.
    guard nodes[node].kind == .array else { return scalarText(node) ?? "" }
    var parts: [String] = []
    appendScalarTexts(node, to: &parts)
    return parts.count == 1 ? parts[0] : parts.joined(separator: ", ")
  }

  /// Appends the text of each scalar in `node`, arrays flattened, as ``AlertFieldText/values(_:)`` lists them.
  private func appendScalarTexts(_ node: Int, to parts: inout [String]) {
    if nodes[node].kind == .array {
      forEachChild(of: node) { appendScalarTexts($0, to: &parts) }
    } else if let text = scalarText(node) {
      parts.append(text)
    }
  }

  /// The text of a string, number or boolean node; `nil` for `null`, an object or an array.
  private func scalarText(_ node: Int) -> String? {
    switch nodes[node].kind {
    case .string: string(node)
    case .number: String(decoding: text[Int(nodes[node].start)..<Int(nodes[node].end)], as: UTF8.self)
    case .literal:
      switch text[Int(nodes[node].start)] {
      case UInt8(ascii: "t"): "true"
      case UInt8(ascii: "f"): "false"
      default: nil
      }
    case .object, .array: nil
    }
  }

  /// The node ``value(atPath:)`` reads, and whether its value is an object read without its `kind`.
  private func node(atPath path: String) -> (node: Int, skippingKind: Bool)? {
    var path = path
    return path.withUTF8 { node(atPath: UnsafeRawBufferPointer($0), in: 0, isRoot: true, skippingKind: false) }
  }

  private func node(atPath path: UnsafeRawBufferPointer, in object: Int, isRoot: Bool, skippingKind: Bool)
    -> (node: Int, skippingKind: Bool)?
  {
    if let member = member(named: path, in: object, isRoot: isRoot, skippingKind: skippingKind) {
      return (member, isRoot && rootRole(member) == .event)
    }
    var searched = 0
    while let dot = path[searched...].firstIndex(of: UInt8(ascii: ".")) {
      let head = UnsafeRawBufferPointer(rebasing: path[..<dot])
      if let member = member(named: head, in: object, isRoot: isRoot, skippingKind: skippingKind),
        nodes[member].kind == .object
      {
        return node(
          atPath: UnsafeRawBufferPointer(rebasing: path[(dot + 1)...]), in: member, isRoot: false,
          skippingKind: isRoot && rootRole(member) == .event)
      }
      searched = dot + 1
    }
    return nil
  }

  // MARK: Members

  enum RootRole {
    case removed, timestamp, event, flattenedEventKind, other
  }

  /// What the alert does with a top-level member.
  private func rootRole(_ member: Int) -> RootRole {
    if keyEquals(member, "kibana") || keyEquals(member, "signal") || keyEquals(member, "threshold_result") {
      return .removed
    }
    if keyEquals(member, "@timestamp") { return .timestamp }
    if keyEquals(member, "event") { return nodes[member].kind == .object ? .event : .other }
    return keyEquals(member, "event.kind") ? .flattenedEventKind : .other
  }

  /// The member of `object` named `name` that the alert keeps, if any.
  private func member(named name: UnsafeRawBufferPointer, in object: Int, isRoot: Bool, skippingKind: Bool) -> Int? {
    if skippingKind, name.elementsEqual("kind".utf8) { return nil }
    return firstChild(of: object) { member in
      guard keyEquals(member, name, prefixOnly: false), Self.survives(nodes[member]) else { return false }
      guard isRoot else { return true }
      switch rootRole(member) {
      case .removed, .flattenedEventKind: return false
      case .timestamp, .event, .other: return true
      }
    }
  }

  /// The top-level member `name` that the alert keeps, if any.
  private func childMember(named name: StaticString) -> Int? {
    member(
      named: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), in: 0, isRoot: true,
      skippingKind: false)
  }

  /// The first child of `container` that `holds`, looking no further.
  private func firstChild(of container: Int, where holds: (Int) -> Bool) -> Int? {
    var child = container + 1
    let end = Int(nodes[container].after)
    while child < end {
      if holds(child) { return child }
      child = nodes[child].kind == .object || nodes[child].kind == .array ? Int(nodes[child].after) : child + 1
    }
    return nil
  }

  private func forEachChild(of container: Int, _ body: (Int) -> Void) {
    _ = firstChild(of: container) { child in
      body(child)
      return false
    }
  }

  private func key(_ member: Int) -> String {
    String(decoding: text[Int(nodes[member].keyStart)..<Int(nodes[member].keyEnd)], as: UTF8.self)
  }

  private func keyContainsDot(_ member: Int) -> Bool {
    text[Int(nodes[member].keyStart)..<Int(nodes[member].keyEnd)].contains(UInt8(ascii: "."))
  }

  private func keyEquals(_ member: Int, _ name: StaticString) -> Bool {
    keyEquals(member, UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), prefixOnly: false)
  }

  private func keyHasPrefix(_ member: Int, _ prefix: StaticString) -> Bool {
    keyEquals(
      member, UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount), prefixOnly: true)
  }

  /// Whether member `member`'s key is `bytes` or, with `prefixOnly`, starts with them.
  private func keyEquals(_ member: Int, _ bytes: UnsafeRawBufferPointer, prefixOnly: Bool) -> Bool {
    let start = Int(nodes[member].keyStart)
    let count = Int(nodes[member].keyEnd) - start
    guard prefixOnly ? count >= bytes.count : count == bytes.count else { return false }
    guard !bytes.isEmpty else { return true }
    return text.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
  }

  // MARK: Values

  private func string(_ node: Int) -> String {
    let range = Int(nodes[node].start)..<Int(nodes[node].end)
    guard nodes[node].flag else { return String(decoding: text[range], as: UTF8.self) }
    var utf8: [UInt8] = []
    utf8.reserveCapacity(range.count)
    text.withUnsafeBufferPointer { buffer in
      // The reader checked the escapes.
      try? JSONStringBytes.unescape(buffer.baseAddress!, range.lowerBound, range.upperBound, into: &utf8)
    }
    return String(decoding: utf8, as: UTF8.self)
  }

  /// The value of `node` as the alert's tree holds it, cleaned; an object without its `kind` with `skippingKind`.
  private func value(_ node: Int, skippingKind: Bool) -> JSONValue {
    let range = Int(nodes[node].start)..<Int(nodes[node].end)
    switch nodes[node].kind {
    case .string: return .string(string(node))
    case .number: return .number(String(decoding: text[range], as: UTF8.self))
    case .literal:
      switch text[range.lowerBound] {
      case UInt8(ascii: "t"): return .bool(true)
      case UInt8(ascii: "f"): return .bool(false)
      default: return .null
      }
    case .array:
      var items: [JSONValue] = []
      forEachChild(of: node) { if Self.survives(nodes[$0]) { items.append(value($0, skippingKind: false)) } }
      return .array(items)
    case .object:
      var object = JSONObject()
      forEachChild(of: node) { member in
        guard Self.survives(nodes[member]), !(skippingKind && keyEquals(member, "kind")) else { return }
        object[key(member)] = value(member, skippingKind: false)
      }
      return .object(object)
    }
  }

  private func appendKey(_ member: Int, from bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let key = Int(nodes[member].keyStart)..<Int(nodes[member].keyEnd)
    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[key]))
    out.append(UInt8(ascii: "\""))
    out.append(UInt8(ascii: ":"))
  }

  /// Appends `node` as the tree writes it once cleaned; an object without its `kind` with `skippingKind`. `bytes`
  /// is the text.
  private func write(_ node: Int, skippingKind: Bool, from bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    let range = Int(nodes[node].start)..<Int(nodes[node].end)
    switch nodes[node].kind {
    case .object where nodes[node].verbatim && !skippingKind, .array where nodes[node].verbatim:
      // Its text as it is: one copy, not one per member.
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    case .string:
      if !nodes[node].verbatim {
        JSONWriter.appendString(string(node), to: &out)
      } else {
        // The text holds no escape the writer would write otherwise: it is written as it is.
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
        out.append(UInt8(ascii: "\""))
      }
    case .number, .literal:
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
    case .array:
      out.append(UInt8(ascii: "["))
      var first = true
      forEachChild(of: node) { element in
        guard Self.survives(nodes[element]) else { return }
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        write(element, skippingKind: false, from: bytes, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object:
      out.append(UInt8(ascii: "{"))
      var first = true
      forEachChild(of: node) { member in
        guard Self.survives(nodes[member]), !(skippingKind && keyEquals(member, "kind")) else { return }
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        appendKey(member, from: bytes, to: &out)
        write(member, skippingKind: false, from: bytes, to: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }
}
