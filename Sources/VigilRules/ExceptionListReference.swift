/// One `[[rule.exceptions_list]]` entry: a Kibana exception list the rule uses.
public struct ExceptionListReference: Hashable, Sendable {
  public var id: String
  public var listID: String
  /// `single` or `agnostic`.
  public var namespaceType: String
  /// `detection`, `endpoint`, or `rule_default`.
  public var type: String

  public init(id: String, listID: String, namespaceType: String, type: String) {
    self.id = id
    self.listID = listID
    self.namespaceType = namespaceType
    self.type = type
  }
}
