import ArgumentParser
import VigilRules

/// `--reorder-window DURATION`: how late an event may arrive and still run in time order (stream mode), for
/// `vigil scan` and `vigil bench scan` alike.
struct ReorderWindowOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Stream: run events that arrive out of order in time order when they are at most this much late (10s, 5m, 1h; "
        + "0 for input order).",
      discussion: "Matched events wait until an event this much later has been read. Events later than that run at "
        + "once and are counted in the summary; sort such input, or use --mode replay, which does not depend on "
        + "input order.",
      valueName: "duration"))
  var reorderWindow: String = "1m"

  /// The reorder window in seconds.
  var seconds: Int64 {
    get throws {
      if reorderWindow == "0" { return 0 }
      guard let duration = RuleDuration.parse(reorderWindow) else {
        throw ValidationError("--reorder-window takes a duration such as 30s, 5m or 1h, or 0")
      }
      return duration.seconds
    }
  }

  func validate() throws {
    _ = try seconds
  }
}
