/// The `[metadata]` table of a detection-rules file.
public struct RuleMetadata: Hashable, Sendable {
  /// `YYYY/MM/DD`.
  public var creationDate: String
  /// `YYYY/MM/DD`.
  public var updatedDate: String
  /// `development`, `experimental`, `beta`, `production` or `deprecated`.
  public var maturity: String?
  public var deprecationDate: String?
  /// Fleet integrations the rule is for (`integration`, a string or a list).
  public var integrations: [String]
  public var minStackVersion: String?
  public var minStackComments: String?
  /// Keys the model does not name, kept as written.
  public var otherKeys: [String: RuleValue]

  public init(
    creationDate: String, updatedDate: String, maturity: String? = nil, deprecationDate: String? = nil,
    integrations: [String] = [], minStackVersion: String? = nil, minStackComments: String? = nil,
    otherKeys: [String: RuleValue] = [:]
  ) {
    self.creationDate = creationDate
    self.updatedDate = updatedDate
    self.maturity = maturity
    self.deprecationDate = deprecationDate
    self.integrations = integrations
    self.minStackVersion = minStackVersion
    self.minStackComments = minStackComments
    self.otherKeys = otherKeys
  }

  /// Whether the rule is marked deprecated.
  public var isDeprecated: Bool { maturity == "deprecated" || deprecationDate != nil }
}
