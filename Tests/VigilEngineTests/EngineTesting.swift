import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Runs rule files over JSON lines the way `vigil scan` does, for engine tests.
enum EngineTesting {
  /// Every alert `files` give over `lines` (the pending runs at the end of input included); fails the test when a
  /// rule is skipped.
  static func scan(_ files: [RuleFile], _ lines: [String], reorderWindowSeconds: Int64 = 0) throws -> [Alert] {
    let engine = ScanEngine(ruleSet: CompiledRuleSet(files: files), reorderWindowSeconds: reorderWindowSeconds)
    #expect(engine.ruleSet.skipped.isEmpty, "\(engine.ruleSet.skipped.map(\.reason))")
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0) } }
    engine.finish { alerts.append($0) }
    return alerts
  }
}
