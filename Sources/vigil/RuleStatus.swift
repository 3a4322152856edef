import VigilEngine
import VigilRules

/// The verdict `vigil rules validate` gives a file: `ok`, `error`, or `unsupported` (loads, but this build cannot run
/// it), with the reason for the last.
struct RuleStatus {
  enum Kind: String {
    case ok, error, unsupported
  }

  var kind: Kind
  var reason: String?

  init(_ file: RuleFile) {
    if file.hasErrors || file.rule == nil {
      kind = .error
    } else if let rule = file.rule, let reason = RuleSupport.of(rule).reason {
      kind = .unsupported
      self.reason = reason
    } else {
      kind = .ok
    }
  }
}
