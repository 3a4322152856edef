import Foundation

/// A one-line progress report on stderr for long runs, redrawn in place, shown only when stderr is a terminal and
/// the run has lasted a second.
final class ProgressLine {
  private let enabled: Bool
  private let started = ContinuousClock.now
  private var lastDrawn: ContinuousClock.Instant?
  private var checks = 0

  init(enabled: Bool = StandardStreams.errorIsTerminal) {
    self.enabled = enabled
  }

  /// Redraws at most four times a second; cheap to call per event.
  func update(events: Int, alerts: Int) {
    guard enabled else { return }
    checks += 1
    guard checks % 4096 == 0 else { return }
    let now = ContinuousClock.now
    guard started.duration(to: now) >= .seconds(1), lastDrawn.map({ $0.duration(to: now) >= .milliseconds(250) }) ?? true
    else { return }
    lastDrawn = now
    FileHandle.standardError.write(Data("\r\u{1B}[K\(events) events, \(alerts) alerts".utf8))
  }

  /// Clears the line before the final summary.
  func finish() {
    guard enabled, lastDrawn != nil else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
