import ArgumentParser
import VigilEngine
import VigilEvents
import VigilIO

/// Reading the events a command is given, the one way every command does it: `-` or no input is standard input,
/// folders are read recursively, bad documents go to the reporter, and an input error ends the command with
/// status 1 after `beforeFailing` (say, flushing what was already written). Returns the number of bytes read.
enum EventInput {
  @discardableResult
  static func read(
    _ inputs: [String], catalog: FieldCatalog, reporter: inout BadInputReporter,
    beforeFailing: () -> Void = {}, _ body: (Event) throws -> Void
  ) throws -> Int {
    try withSources(inputs, reporter: &reporter, beforeFailing: beforeFailing) { sources, reporter in
      let reader = EventReader(decoder: EventDecoder(catalog: catalog), reporter: reporter)
      defer { reporter = reader.reporter }
      try reader.read(sources, body)
      return reader.byteCount
    }
  }

  /// Runs a stream-mode scan of `inputs` on `threads` threads (see ``ParallelScan``), with the same error handling
  /// as ``read(_:catalog:reporter:beforeFailing:_:)``; `progress` is called after each batch of events. Returns the
  /// bytes read.
  @discardableResult
  static func scan(
    _ inputs: [String], engine: ScanEngine, threads: Int, reporter: inout BadInputReporter,
    beforeFailing: () -> Void = {}, progress: () -> Void = {}, emit: (Alert) throws -> Void
  ) throws -> Int {
    try withSources(inputs, reporter: &reporter, beforeFailing: beforeFailing) { sources, reporter in
      let scan = ParallelScan(engine: engine, threads: threads, reporter: reporter)
      defer { reporter = scan.reporter }
      try scan.run(sources, progress: progress, emit: emit)
      return scan.byteCount
    }
  }

  /// Resolves `inputs` (standard input when none) and runs `body` on them; an input error ends the command with
  /// status 1 after `beforeFailing`.
  private static func withSources(
    _ inputs: [String], reporter: inout BadInputReporter, beforeFailing: () -> Void,
    _ body: ([EventSource], inout BadInputReporter) throws -> Int
  ) throws -> Int {
    do {
      let sources = try EventSource.resolve(inputs.isEmpty ? ["-"] : inputs, reporter: &reporter)
      return try body(sources, &reporter)
    } catch let error as InputError {
      beforeFailing()
      BadInputReporter.printError(error.message)
      throw ExitCode(ExitStatus.inputErrors)
    }
  }
}
