import Foundation
import VigilSyntax

/// Loads detection-rules TOML files: parses the TOML, builds the typed ``DetectionRule`` and runs the
/// document-level checks of detection-rules. Never throws for a bad file: problems become diagnostics.
public enum RuleLoader {
  /// Loads one rule from text.
  public static func load(text: String, path: String) -> RuleFile {
    load(bytes: Array(text.utf8), path: path)
  }

  /// Loads one rule file from disk.
  public static func load(path: String) -> RuleFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      return RuleFile(
        path: path, source: SourceText(name: path, text: ""), rule: nil,
        diagnostics: [.error("rule.unreadable", "cannot read the file")])
    }
    return load(bytes: [UInt8](data), path: path)
  }

  /// Loads one rule from the bytes of a file.
  public static func load(bytes: [UInt8], path: String) -> RuleFile {
    let source = SourceText(name: path, bytes: bytes)
    let document: TOMLDocument
    do {
      document = try TOMLDocument(bytes: bytes)
    } catch {
      // A document TOMLDocument reads is UTF-8 without NUL bytes (it checks every byte that is not ASCII, and
      // refuses control characters), so these are looked for only when it fails, to say why more plainly.
      if String(validating: bytes, as: UTF8.self) == nil {
        return RuleFile(
          path: path, source: source, rule: nil,
          diagnostics: [.error("rule.not-utf8", "the file is not UTF-8 text, so it is not a TOML rule")])
      }
      if bytes.contains(0) {
        return RuleFile(
          path: path, source: source, rule: nil,
          diagnostics: [.error("rule.not-toml", "the file is binary, not a TOML rule")])
      }
      let diagnostic = Diagnostic.error(
        "rule.toml-syntax", "not valid TOML: \(error.message)", at: error.offset..<error.offset + 1)
      return RuleFile(path: path, source: source, rule: nil, diagnostics: [diagnostic])
    }
    let keys = document.keys
    var decoder = RuleDecoder(diagnostics: RuleDiagnostics(keys: keys))
    let rule = decoder.decode(document.root)
    var validator = RuleValidator(diagnostics: decoder.diagnostics)
    if let rule { validator.validate(rule) }
    var offsets: [String: Int] = [:]
    for key in ["rule.query", "rule.threat_query"] {
      if let position = keys.exactPosition(of: key) {
        offsets[key] = position.contentStart
      }
    }
    let diagnostics = validator.diagnostics.all.sorted { ($0.range?.lowerBound ?? -1) < ($1.range?.lowerBound ?? -1) }
    var file = RuleFile(path: path, source: source, rule: rule, diagnostics: diagnostics, queryOffsets: offsets)
    for key in ["rule.filters", "rule.threat_filters"] {
      file.filterRanges[key] = keys.position(of: key)?.keyRange
    }
    return file
  }

  /// Loads many files, in parallel, keeping their order.
  public static func load(paths: [String]) -> [RuleFile] {
    paths.concurrentMap { load(path: $0) }
  }

  /// Loads many files, in parallel, keeping their order; `then` runs on each loaded file in the same parallel pass
  /// (the engine checks queries there).
  public static func load<Processed: Sendable>(
    paths: [String], then process: @Sendable (RuleFile) -> Processed
  ) -> [Processed] {
    paths.concurrentMap { process(load(path: $0)) }
  }
}
