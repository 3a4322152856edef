import Foundation

/// Locates the data files the project reads from `../shared` (the rule corpus, ECS samples, the field-type
/// schema). Tests call these and skip with a clear message when the data is absent; nothing is copied into the
/// project.
public enum SharedData {
  /// The `shared` folder beside the package root, or `$VIGIL_SHARED` when set.
  public static var root: URL? {
    if let override = ProcessInfo.processInfo.environment["VIGIL_SHARED"] {
      return URL(fileURLWithPath: override)
    }
    // #filePath is …/Sources/VigilTestSupport/SharedData.swift: three levels up is the package root.
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
  }

  /// `shared/corpus/detection-rules`, when present.
  public static var detectionRules: URL? { existing("corpus/detection-rules") }

  /// `shared/samples/ecs`, when present.
  public static var ecsSamples: URL? { existing("samples/ecs") }

  /// `shared/schemas/field-types.tsv`, when present.
  public static var fieldTypes: URL? { existing("schemas/field-types.tsv") }

  /// The path of a rule of the corpus (`relative` to `corpus/detection-rules`); `nil`, after printing why the test
  /// skips, when the corpus is absent.
  public static func corpusRulePath(_ relative: String) -> String? {
    guard let rules = detectionRules else {
      print(missingMessage("the detection-rules corpus"))
      return nil
    }
    return rules.appendingPathComponent(relative).path
  }

  /// The message tests print when they skip for lack of shared data.
  public static func missingMessage(_ what: String) -> String {
    "skipped: \(what) not found under ../shared (set VIGIL_SHARED to its location)"
  }

  private static func existing(_ relative: String) -> URL? {
    guard let url = root?.appendingPathComponent(relative),
      FileManager.default.fileExists(atPath: url.path)
    else { return nil }
    return url
  }

  /// Every `.toml` file under a folder, recursively, sorted by path.
  public static func tomlFiles(under folder: URL) -> [URL] {
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    var files: [URL] = []
    while let next = enumerator?.nextObject() as? URL {
      if next.pathExtension == "toml" { files.append(next) }
    }
    return files.sorted { $0.path < $1.path }
  }
}
