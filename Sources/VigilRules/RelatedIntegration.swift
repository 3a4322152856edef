/// One `[[rule.related_integrations]]` entry: the Fleet package (and integration) whose data the rule reads.
public struct RelatedIntegration: Hashable, Sendable {
  public var package: String
  public var version: String
  public var integration: String?

  public init(package: String, version: String, integration: String?) {
    self.package = package
    self.version = version
    self.integration = integration
  }
}
