#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where events are read from: a file (plain or gzip-compressed, detected by its first bytes) or standard input.
public enum EventSource: Hashable, Sendable, CustomStringConvertible {
  case file(String)
  case standardInput

  /// The names of files found in folders: NDJSON, JSON and their `.gz` forms.
  public static let fileExtensions = ["ndjson", "jsonl", "json"]

  /// The path as shown in messages (`<stdin>` for standard input).
  public var description: String {
    switch self {
    case .file(let path): path
    case .standardInput: "<stdin>"
    }
  }

  /// The sources named by command-line arguments: `-` is standard input, a file is itself, a folder is every
  /// event file below it (recursively, sorted by path). Missing paths and folders without event files are reported.
  public static func resolve(_ arguments: [String], reporter: inout BadInputReporter) throws(InputError)
    -> [EventSource]
  {
    var sources: [EventSource] = []
    for argument in arguments {
      if argument == "-" {
        sources.append(.standardInput)
        continue
      }
      var info = stat()
      guard stat(argument, &info) == 0 else {
        try reporter.failedSource(path: argument, message: String(cString: strerror(errno)).lowercased())
        continue
      }
      if info.st_mode & S_IFMT == S_IFDIR {
        var found: [String] = []
        collect(argument, into: &found)
        if found.isEmpty {
          let names = fileExtensions.map { "*.\($0)" }.joined(separator: ", ")
          try reporter.failedSource(
            path: argument, message: "no event files in this folder (looked for \(names) and .gz)")
        }
        sources += found.sorted().map(EventSource.file)
      } else {
        sources.append(.file(argument))
      }
    }
    return sources
  }

  /// Whether a file name looks like an event file.
  public static func isEventFile(_ name: String) -> Bool {
    var name = Substring(name)
    if name.hasSuffix(".gz") { name = name.dropLast(3) }
    guard let dot = name.lastIndex(of: "."), !name.hasPrefix(".") else { return false }
    return fileExtensions.contains(String(name[name.index(after: dot)...]).lowercased())
  }

  private static func collect(_ folder: String, into found: inout [String]) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasPrefix(".") { continue }
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      var info = stat()
      guard stat(path, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        collect(path, into: &found)
      } else if isEventFile(name) {
        found.append(path)
      }
    }
  }
}
