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

  private static func tomlFiles(under folder: String) -> [String] {
    let url = URL(fileURLWithPath: folder)
    let keys: [URLResourceKey] = [.isRegularFileKey]
    guard
      let enumerator = FileManager.default.enumerator(
        at: url, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
    else { return [] }
    var result: [String] = []
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    let basePath = url.standardizedFileURL.path
    while let next = enumerator.nextObject() as? URL {
      guard next.pathExtension == "toml",
        (try? next.resourceValues(forKeys: Set(keys)).isRegularFile) == true
      else { continue }
      // Keep the user's spelling of the folder so printed paths look like what they typed.
      let full = next.standardizedFileURL.path
      let relative = full.hasPrefix(basePath + "/") ? String(full.dropFirst(basePath.count + 1)) : full
      result.append(full.hasPrefix(basePath + "/") ? base + "/" + relative : full)
    }
    return result
  }
}
