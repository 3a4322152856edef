/// One `[[rule.required_fields]]` entry: a field the rule's query needs, with its Elasticsearch type.
public struct RequiredField: Hashable, Sendable {
  public var name: String
  public var type: String
  public var ecs: Bool

  public init(name: String, type: String, ecs: Bool) {
    self.name = name
    self.type = type
    self.ecs = ecs
  }
}
