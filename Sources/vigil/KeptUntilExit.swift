import Synchronization

/// Values a command keeps until the process exits, so that they are never released.
///
/// A command's last step frees what it built: a compiled rule pack is hundreds of thousands of objects (tests, sets,
/// automata, rule texts), and freeing them one by one took 40-60 ms after the last alert of a scan, a few percent of
/// a short scan's run, for memory the exit returns at once.
enum KeptUntilExit {
  /// A kept value: only ever stored, never read, so no thread uses it through here.
  private struct Kept: @unchecked Sendable {
    let value: Any
  }
  private static let values = Mutex<[Kept]>([])

  /// Keeps `value` referenced until the process exits.
  static func keep(_ value: Any) {
    values.withLock { $0.append(Kept(value: value)) }
  }
}
