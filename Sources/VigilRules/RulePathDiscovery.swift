import Foundation

/// Expands the paths a user gives into the rule files to load: files as given, folders walked recursively for
/// `*.toml` files (hidden entries skipped), the result sorted by path without repeats.
public struct RulePathDiscovery: Sendable {
  /// A path that yields no rule file.
  public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(String)
    case emptyFolder(String)

    public var description: String {
      switch self {
      case .missing(let path): "\(path): error: no such file or folder"
      case .emptyFolder(let path): "\(path): error: the folder holds no rule files (*.toml)"
      }
    }
  }

  public private(set) var files: [String] = []
  public private(set) var problems: [Problem] = []

  public init(paths: [String]) {
    var found: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        problems.append(.missing(path))
        continue
      }
      guard isFolder.boolValue else {
        found.append(path)
        continue
      }
      let inFolder = Self.tomlFiles(under: path)
      if inFolder.isEmpty { problems.append(.emptyFolder(path)) }
      found.append(contentsOf: inFolder)
    }
    var seen: Set<String> = []
    files = found.sorted().filter { seen.insert($0).inserted }
  }

  /// Every `*.toml` regular file below `folder`, hidden entries skipped, symbolic links followed. A plain
  /// `readdir` walk: Foundation's enumerator costs more than loading the rules it finds.
  private static func tomlFiles(under folder: String) -> [String] {
    var result: [String] = []
    var pending = [folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder]
    var visited: Set<String> = []
    while let current = pending.popLast() {
      guard let directory = opendir(current) else { continue }
      defer { closedir(directory) }
      if let real = realpath(current, nil) {
        defer { free(real) }
        guard visited.insert(String(cString: real)).inserted else { continue }
      }
      while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        guard !name.hasPrefix(".") else { continue }
        let path = current + "/" + name
        var type = entry.pointee.d_type
        if type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
          var info = stat()
          guard stat(path, &info) == 0 else { continue }
          type = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : info.st_mode & S_IFMT == S_IFREG ? UInt8(DT_REG) : 0
        }
        if type == UInt8(DT_DIR) {
          pending.append(path)
        } else if type == UInt8(DT_REG), name.hasSuffix(".toml") {
          result.append(path)
        }
      }
    }
    return result
  }
}
