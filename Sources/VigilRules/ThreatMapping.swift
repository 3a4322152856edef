/// One `[[rule.threat]]` entry: a tactic of a framework (MITRE ATT&CK or ATLAS) and the techniques under it.
public struct ThreatMapping: Hashable, Sendable {
  /// A tactic, technique or sub-technique: `id`, `name`, `reference`.
  public struct Entry: Hashable, Sendable {
    public var id: String
    public var name: String
    public var reference: String

    public init(id: String, name: String, reference: String) {
      self.id = id
      self.name = name
      self.reference = reference
    }
  }

  /// A technique with its sub-techniques.
  public struct Technique: Hashable, Sendable {
    public var entry: Entry
    public var subtechniques: [Entry]

    public init(entry: Entry, subtechniques: [Entry] = []) {
      self.entry = entry
      self.subtechniques = subtechniques
    }
  }

  /// `MITRE ATT&CK` or `MITRE ATLAS`.
  public var framework: String
  public var tactic: Entry
  public var techniques: [Technique]

  public init(framework: String, tactic: Entry, techniques: [Technique]) {
    self.framework = framework
    self.tactic = tactic
    self.techniques = techniques
  }
}
