/// User and group names by numeric id, from `etc/passwd` and `etc/group` under a root folder.
///
/// Only the local files are read (no NSS, LDAP or sssd); ids they do not list have no name.
public struct UserDirectory: Sendable, Equatable {
  public var users: [UInt32: String]
  public var groups: [UInt32: String]

  public init(users: [UInt32: String] = [:], groups: [UInt32: String] = [:]) {
    self.users = users
    self.groups = groups
  }

  /// Reads `root/etc/passwd` and `root/etc/group`; missing files give empty tables.
  public static func read(root: String = "/") -> UserDirectory {
    let base = root.hasSuffix("/") ? root : root + "/"
    return UserDirectory(
      users: table(FileReading.text(base + "etc/passwd") ?? ""),
      groups: table(FileReading.text(base + "etc/group") ?? ""))
  }

  /// Parses `name:password:id:...` lines; the first name for an id wins, as `getpwuid` does.
  static func table(_ text: String) -> [UInt32: String] {
    var result: [UInt32: String] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
      guard fields.count >= 3, let id = UInt32(fields[2]), !fields[0].isEmpty, result[id] == nil else { continue }
      result[id] = String(fields[0])
    }
    return result
  }

  public func userName(_ id: UInt32?) -> String? { id.flatMap { users[$0] } }
  public func groupName(_ id: UInt32?) -> String? { id.flatMap { groups[$0] } }
}
