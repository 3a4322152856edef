import Synchronization

/// The engine of a compiled regex, determinized on first use.
///
/// Compiling a rule pack builds every pattern's NFA, which finds every error, but determinizing (thousands of states
/// for `.*(a|b|…).*` patterns) waits until a value is first matched: most patterns of a pack never see an event in a
/// given scan. Until then, and if determinizing fails, the NFA is there. Shared by all copies of a ``LuceneRegex``,
/// so the work is done once; two threads meeting an unbuilt engine may both build it, and one result is kept.
final class RegexAutomaton: Sendable {
  private let node: RegexNode
  private let limits: LuceneRegex.Limits
  private let fold: Bool
  /// Runs when determinization throws (it does not for a node whose NFA was built; this keeps it so).
  private let fallback: RegexNFAProgram
  private let built = AtomicLazyReference<Built>()

  private final class Built: Sendable {
    let engine: RegexEngine
    init(_ engine: RegexEngine) { self.engine = engine }
  }

  /// Builds the NFA of `node` now (throwing its errors) and leaves the rest for the first match.
  init(_ node: RegexNode, limits: LuceneRegex.Limits, fold: Bool) throws(RegexSyntaxError) {
    var nfa = RegexNFA(stateLimit: limits.nfaStates, dfaStateLimit: limits.operatorDFAStates)
    let f = try nfa.build(node)
    self.node = node
    self.limits = limits
    self.fold = fold
    fallback = RegexNFAProgram(nfa, start: f.start, accept: f.end)
  }

  /// The engine, built by the first caller.
  var engine: RegexEngine {
    if let built = built.load() { return built.engine }
    let engine = (try? RegexEngine.build(node, limits: limits, fold: fold)) ?? .nfa(fallback, fold: fold)
    return built.storeIfNil(Built(engine)).engine
  }
}
