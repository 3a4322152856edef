/// One Kibana exception list item: events matching all its entries are not alerted on.
public struct ExceptionItem: Sendable {
  /// One condition of an item.
  public indirect enum Entry: Sendable {
    /// `match`, `match_any`, `wildcard`, `exists`, `list` (value lists) on a field; `excluded` inverts it.
    case field(name: String, kind: Kind, excluded: Bool)
    /// `nested`: the entries hold within one object of the nested field (Vigil: across its values).
    case nested(path: String, entries: [Entry])
  }

  public enum Kind: Sendable {
    case match(String)
    case matchAny([String])
    case wildcard(String)
    case exists
    /// A value list by id; Vigil does not load value lists yet.
    case list(id: String)
  }

  public var itemID: String
  /// The list the item belongs to; `nil` for an item given on its own, which applies to every rule.
  public var listID: String?
  public var namespaceType: String
  public var name: String
  public var entries: [Entry]
  /// `windows`, `linux`, `macos`: the item applies only to events of these operating systems.
  public var osTypes: [String]
  /// Items past their expiry (nanoseconds) are ignored.
  public var expireTime: Int64?
}
