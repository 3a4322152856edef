import Testing
import VigilEngine
import VigilEvents
import VigilRules

extension EngineTesting {
  /// Every alert `files` give over `lines` with `indicators` (JSON lines) loaded as threat intelligence, as
  /// `vigil scan --threat FILE` does; otherwise the same as ``scan(_:_:)``.
  static func scan(
    _ files: [RuleFile], _ lines: [String], indicators: [String], reorderWindowSeconds: Int64 = 0
  ) throws -> [Alert] {
    var ruleSet = CompiledRuleSet(files: files, hasThreatIndicators: true)
    #expect(ruleSet.skipped.isEmpty, "\(ruleSet.skipped.map(\.reason))")
    let indicatorDecoder = EventDecoder(catalog: ruleSet.catalog)
    for line in indicators {
      let event = try indicatorDecoder.decode(line)
      ruleSet.addIndicator(event, index: ruleSet.index(of: event, fallback: nil))
    }
    let engine = ScanEngine(ruleSet: ruleSet, reorderWindowSeconds: reorderWindowSeconds)
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0) } }
    engine.finish { alerts.append($0) }
    return alerts
  }
}
