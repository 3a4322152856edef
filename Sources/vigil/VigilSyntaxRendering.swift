import VigilRules
import VigilSyntax

/// One-line rendering of a rule file's diagnostic, for commands that report broken rules in passing.
enum VigilSyntaxRendering {
  static func line(_ diagnostic: Diagnostic, in file: RuleFile) -> String {
    DiagnosticRenderer(showsSourceLine: false).render(diagnostic, in: file.source)
  }
}
