import VigilEvents

/// Exception items read from Kibana's export NDJSON (`POST /api/exception_lists/_export`): list containers,
/// their items, and the closing summary line, in any order.
public struct ExceptionSet: Sendable {
  public private(set) var items: [ExceptionItem] = []
  /// Problems with lines of the file.
  public private(set) var problems: [(line: Int, message: String)] = []

  public init() {}

  /// Parses the text of an export file.
  public init(ndjson text: String) {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { continue }
      guard case .object(let object)? = JSONValue.parse(Array(trimmed.utf8)) else {
        problems.append((index + 1, "not a JSON object"))
        continue
      }
      // Containers have no entries; the summary line has export counts.
      guard let entries = object["entries"] else { continue }
      switch Self.item(object, entries: entries) {
      case .success(let item): items.append(item)
      case .failure(let problem): problems.append((index + 1, problem.message))
      }
    }
  }

  /// The items that apply to a rule: those of the lists it references (by list id and namespace type) and
  /// those that belong to no list.
  public func items(forLists lists: [(listID: String, namespaceType: String)]) -> [ExceptionItem] {
    items.filter { item in
      guard let listID = item.listID else { return true }
      return lists.contains { $0.listID == listID && $0.namespaceType == item.namespaceType }
    }
  }

  struct Problem: Error {
    var message: String
  }

  static func item(_ object: JSONObject, entries: JSONValue) -> Result<ExceptionItem, Problem> {
    guard case .array(let list) = entries else { return .failure(Problem(message: "'entries' must be an array")) }
    var parsed: [ExceptionItem.Entry] = []
    for entry in list {
      switch self.entry(entry) {
      case .success(let value): parsed.append(value)
      case .failure(let problem): return .failure(problem)
      }
    }
    let osTypes: [String]
    if case .array(let values)? = object["os_types"] { osTypes = values.compactMap(\.string) } else { osTypes = [] }
    return .success(ExceptionItem(
      itemID: object["item_id"]?.string ?? object["id"]?.string ?? "",
      listID: object["list_id"]?.string,
      namespaceType: object["namespace_type"]?.string ?? "single",
      name: object["name"]?.string ?? "",
      entries: parsed,
      osTypes: osTypes,
      expireTime: object["expire_time"]?.string.flatMap { Timestamp.parse(Array($0.utf8)) }))
  }

  static func entry(_ value: JSONValue) -> Result<ExceptionItem.Entry, Problem> {
    guard case .object(let object) = value, let field = object["field"]?.string, let type = object["type"]?.string
    else { return .failure(Problem(message: "an entry needs 'field' and 'type'")) }
    let excluded = object["operator"]?.string == "excluded"
    switch type {
    case "match", "wildcard":
      guard let text = object["value"]?.string else { return .failure(Problem(message: "'\(type)' needs a string value")) }
      return .success(.field(name: field, kind: type == "match" ? .match(text) : .wildcard(text), excluded: excluded))
    case "match_any":
      guard case .array(let values)? = object["value"] else {
        return .failure(Problem(message: "'match_any' needs a list of values"))
      }
      return .success(.field(name: field, kind: .matchAny(values.compactMap(\.string)), excluded: excluded))
    case "exists":
      return .success(.field(name: field, kind: .exists, excluded: excluded))
    case "list":
      let id = object["list"]?.object?["id"]?.string ?? ""
      return .success(.field(name: field, kind: .list(id: id), excluded: excluded))
    case "nested":
      guard case .array(let inner)? = object["entries"] else {
        return .failure(Problem(message: "'nested' needs entries"))
      }
      var entries: [ExceptionItem.Entry] = []
      for element in inner {
        switch entry(element) {
        case .success(let value): entries.append(value)
        case .failure(let problem): return .failure(problem)
        }
      }
      return .success(.nested(path: field, entries: entries))
    default:
      return .failure(Problem(message: "unknown entry type '\(type)'"))
    }
  }
}
