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
  /// The built engine's object (retained, see ``Built``) as a bit pattern, 0 until built. Not an
  /// `AtomicLazyReference`: reading one looked up its generic metadata at run time on every match.
  private let built = Atomic<UInt>(0)

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

  deinit {
    let bits = built.load(ordering: .acquiring)
    if bits != 0 { Unmanaged<Built>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release() }
  }

  /// The engine, built by the first caller.
  var engine: RegexEngine {
    withEngine { $0 }
  }

  /// Whether the whole UTF-8 `input` matches; reaches the engine without copying it (a copy retains its tables).
  func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    withEngine { $0.matches(input) }
  }

  private func withEngine<R>(_ body: (borrowing RegexEngine) -> R) -> R {
    var bits = built.load(ordering: .acquiring)
    if bits == 0 { bits = build() }
    return Unmanaged<Built>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!)._withUnsafeGuaranteedRef { body($0.engine) }
  }

  /// Builds the engine and publishes it, unless another thread did first; returns the bits of the one kept.
  private func build() -> UInt {
    let engine = (try? RegexEngine.build(node, limits: limits, fold: fold)) ?? .nfa(fallback, fold: fold)
    let made = Unmanaged.passRetained(Built(engine))
    let bits = UInt(bitPattern: made.toOpaque())
    let (exchanged, original) = built.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
    if exchanged { return bits }
    made.release()
    return original
  }
}
