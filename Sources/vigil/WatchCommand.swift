import ArgumentParser
import Foundation
import VigilEngine
import VigilEvents
import VigilIO
import VigilLinux

/// `vigil watch`: live process events from this Linux host (or an auditd log), as ECS NDJSON.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Collect process events on this Linux host (or from an auditd log) as ECS NDJSON.",
    discussion: """
      Without --audit-log, Vigil subscribes to the kernel's process events connector, which needs root or the \
      CAP_NET_ADMIN capability, and writes one document per exec, fork and exit, shaped like Elastic Defend's process events \
      (logs-endpoint.events.process), enriched from /proc. With --audit-log FILE it reads an auditd log instead \
      and writes its exec events as Elastic's auditd_manager integration does (logs-auditd_manager.auditd); \
      --follow keeps reading as the log grows.

      Documents go to --emit-events FILE, or stdout. When stderr is a terminal, a one-line summary of each event \
      is printed there. Ctrl-C (SIGINT) or SIGTERM stops cleanly and prints how many events were written and how \
      many the kernel dropped. Lines of the audit log that are not audit records are reported with their line \
      number and skipped; the exit status is then 1.

      With --rules, every event is run through the rules as it arrives, as `vigil scan` runs them (stream mode): \
      alerts go to --output (NDJSON, Kibana-shaped; default stdout) and a one-line summary of each alert to \
      stderr; the events themselves are written only with --emit-events. Rules that aggregate over a scheduled \
      window (ES|QL STATS, EQL samples) run each window \(WatchDetection.latenessSeconds) seconds after its end \
      in event time, whether or not more events come; an event later than that counts as late in the summary.

      Examples:
        sudo vigil watch --emit-events events.ndjson
        sudo vigil watch --rules rules/linux --output alerts.ndjson
        vigil watch --audit-log /var/log/audit/audit.log --follow --rules rules/linux
      """
  )

  @Option(name: .customLong("audit-log"), help: "Read exec events from this auditd log instead of the kernel.")
  var auditLog: String?

  @Flag(help: "With --audit-log: keep reading as the log grows (and after it is rotated).")
  var follow = false

  @Option(name: .customLong("emit-events"), help: "Write the collected events as NDJSON to this file (default stdout).")
  var emitEvents: String?

  @Option(parsing: .upToNextOption, help: "Rule files or folders to run on the events as they arrive.")
  var rules: [String] = []

  @Option(help: "With --rules: write alerts to this file (default stdout).")
  var output: String?

  func validate() throws {
    if follow, auditLog == nil { throw ValidationError("--follow needs --audit-log FILE") }
    if output != nil, rules.isEmpty { throw ValidationError("--output writes alerts, which need --rules PATH") }
  }

  func run() throws {
    let detection = try rules.isEmpty ? nil : WatchDetection(rules: rules, output: output)
    let wake = StopSignal.install()
    signal(SIGPIPE, SIG_IGN)
    let source: ProcessEventSource
    do {
      if let auditLog {
        source = try .auditLog(path: auditLog, follow: follow, wake: wake)
        if case .auditLog(let reader) = source {
          reader.onMalformedLine = { number, text in
            StandardStreams.writeError("\(auditLog):\(number): not an audit record, skipped: \(text.prefix(120))")
          }
        }
      } else {
        source = try .kernel(wake: wake)
      }
    } catch {
      StandardStreams.writeError("vigil watch: \(error)")
      throw ExitCode(ExitStatus.inputErrors)
    }

    var sink: UnsafeMutablePointer<FILE>?
    if let emitEvents {
      guard let file = fopen(emitEvents, "w") else {
        StandardStreams.writeError("vigil watch: cannot write \(emitEvents): \(String(cString: strerror(errno)))")
        throw ExitCode(ExitStatus.inputErrors)
      }
      sink = file
    } else if detection == nil {
      guard let standardOutput = fdopen(STDOUT_FILENO, "w") else { throw ExitCode(ExitStatus.inputErrors) }
      sink = standardOutput
    }
    let live = auditLog == nil || follow
    let describe = StandardStreams.errorIsTerminal
    if live, describe {
      StandardStreams.writeError("vigil watch: collecting process events; Ctrl-C to stop")
    }

    var failure: String?
    do {
      while let reading = try source.next(waitingAtMost: 500) {
        // A quiet host still moves the rules' clock on: scheduled windows run once their end has passed.
        defer { detection?.advanceClock() }
        guard case .document(let document) = reading else { continue }
        if let sink {
          if fputs(document.json + "\n", sink) < 0 {
            failure = "writing events failed: \(String(cString: strerror(errno)))"
            break
          }
          if live { fflush(sink) }
        }
        if describe, detection == nil { StandardStreams.writeError(Self.line(for: document)) }
        detection?.process(document)
      }
    } catch {
      failure = "\(error)"
    }
    if let sink {
      fflush(sink)
      if emitEvents != nil { fclose(sink) }
    }
    StandardStreams.writeError("vigil watch: \(source.summary)")
    if let detection {
      detection.finish()
      StandardStreams.writeError("vigil watch: \(detection.summary)")
    }
    if source.hasDrops {
      StandardStreams.writeError("vigil watch: the kernel dropped process events; some processes were not seen")
    }
    if let failure {
      StandardStreams.writeError("vigil watch: \(failure)")
      throw ExitCode(ExitStatus.inputErrors)
    }
    if source.hadInputErrors { throw ExitCode(ExitStatus.inputErrors) }
  }

  /// `exec   4242 ← 1200  root  /usr/bin/curl -s http://x`
  static func line(for document: ECSDocument) -> String {
    let action = document["event.action"]?.stringValue ?? "?"
    let pid = document["process.pid"]?.intValue.map(String.init) ?? "?"
    let parent = document["process.parent.pid"]?.intValue.map(String.init) ?? "?"
    let user = document["user.name"]?.stringValue ?? document["user.id"]?.stringValue ?? "?"
    let what =
      document["process.command_line"]?.stringValue ?? document["process.executable"]?.stringValue
      ?? document["process.name"]?.stringValue ?? ""
    let padded = action.padding(toLength: 8, withPad: " ", startingAt: 0)
    return "\(padded) \(pid) ← \(parent)  \(user)  \(what.prefix(160))"
  }
}
