/// One ECS event as an ordered list of dotted fields (`process.parent.pid`), written as nested JSON objects.
///
/// Fields keep the order they were set in; setting a field again replaces its value in place. The JSON form nests
/// dotted names (`{"process":{"parent":{"pid":1}}}`), grouping each object's fields where the object first appears.
public struct ECSDocument: Sendable, Equatable {
  /// The fields in the order they were first set.
  public private(set) var fields: [(name: String, value: ECSValue)] = []

  public init() {}

  /// The value of a dotted field, or `nil` when it is not set.
  public subscript(name: String) -> ECSValue? {
    get { fields.first { $0.name == name }?.value }
    set {
      if let index = fields.firstIndex(where: { $0.name == name }) {
        if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
      } else if let newValue {
        fields.append((name, newValue))
      }
    }
  }

  /// Sets a field when the value is known; `nil` leaves the document unchanged.
  public mutating func set(_ name: String, _ value: ECSValue?) {
    guard let value else { return }
    self[name] = value
  }

  /// Sets a string field when it is known and not empty.
  public mutating func set(_ name: String, nonEmpty value: String?) {
    guard let value, !value.isEmpty else { return }
    self[name] = .string(value)
  }

  public static func == (lhs: ECSDocument, rhs: ECSDocument) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }
}
