import Foundation
import Glibc
import Testing

@testable import VigilLinux

/// Runs against the real kernel: only as root and where the process events connector answers.
@Suite(.serialized) struct LiveConnectorTests {
  /// A collector on the live kernel, or `nil` (with the reason printed) when this machine cannot give one.
  static func collector(wake: Int32) -> ProcessEventCollector? {
    guard geteuid() == 0 else {
      print("LiveConnectorTests: skipped, needs root (CAP_NET_ADMIN) to subscribe to process events")
      return nil
    }
    let builder = ProcessEventBuilder(host: HostInfo.read(), users: UserDirectory.read(), bootTime: ProcFS().bootTime())
    do {
      return try ProcessEventCollector(builder: builder, wake: wake, acknowledgementTimeout: 1000)
    } catch {
      print("LiveConnectorTests: skipped, the process events connector cannot be used here: \(error)")
      return nil
    }
  }

  @Test func anExecArrivesWithinTwoSeconds() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    guard let collector = Self.collector(wake: ends[0]) else { return }

    // `sleep` lives long enough for /proc to be read; a process that exits at once is reported with its pid only.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sleep")
    child.arguments = ["0.5"]
    try child.run()
    let pid = child.processIdentifier
    let deadline = DelayedWake(ends[1], after: 2)
    defer { deadline.cancel() }  // before the pipe is closed

    var exec: ECSDocument?
    while let document = try collector.next() {
      if document["event.action"] == "exec", document["process.pid"] == .int(Int64(pid)) {
        exec = document
        break
      }
    }
    child.waitUntilExit()
    let found = try #require(exec, "no exec event for pid \(pid) within 2 seconds")
    #expect(found["process.executable"]?.stringValue?.hasSuffix("/sleep") == true)
    #expect(found["process.args"] == ["/bin/sleep", "0.5"])
    #expect(found["process.parent.pid"] == .int(Int64(getpid())))
    #expect(found["event.category"] == ["process"])
    #expect(found["host.os.type"] == "linux")
    #expect(collector.statistics.lostMessages == 0)
  }

  @Test func anExitReportsItsCode() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    guard let collector = Self.collector(wake: ends[0]) else { return }

    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sh")
    child.arguments = ["-c", "exit 3"]
    try child.run()
    let pid = child.processIdentifier
    let deadline = DelayedWake(ends[1], after: 2)
    defer { deadline.cancel() }  // before the pipe is closed
    var end: ECSDocument?
    while let document = try collector.next() {
      if document["event.action"] == "end", document["process.pid"] == .int(Int64(pid)) {
        end = document
        break
      }
    }
    child.waitUntilExit()
    let found = try #require(end, "no end event for pid \(pid) within 2 seconds")
    #expect(found["process.exit_code"] == 3)
    #expect(found["event.type"] == ["end"])
  }
}

extension LiveConnectorTests {
  @Test func aProcessThatExitsAtOnceIsStillReported() throws {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    guard let collector = Self.collector(wake: ends[0]) else { return }

    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    let pid = child.processIdentifier
    let deadline = DelayedWake(ends[1], after: 2)
    defer { deadline.cancel() }  // before the pipe is closed
    var exec: ECSDocument?
    while let document = try collector.next() {
      if document["event.action"] == "exec", document["process.pid"] == .int(Int64(pid)) {
        exec = document
        break
      }
    }
    child.waitUntilExit()
    let found = try #require(exec, "no exec event for pid \(pid) within 2 seconds")
    if let parent = found["process.parent.pid"] {
      #expect(parent == .int(Int64(getpid())))  // from /proc, or from the fork when it is gone
    } else {
      // Gone before /proc was read, and its fork's message, sent from another CPU, came after its exec's (the
      // connector orders messages per CPU) and later than the exec waits for it: a loaded machine.
      #expect(collector.statistics.vanished >= 1)
    }
    if let executable = found["process.executable"]?.stringValue {
      #expect(executable.hasSuffix("/true"))
    } else if let name = found["process.name"] {
      #expect(name == "true")  // read as a zombie: its image is gone, its kernel name is not
    } else {
      #expect(collector.statistics.vanished >= 1)
    }
  }

  @Test func overrunsAndLostMessagesAreCounted() throws {
    guard geteuid() == 0 else {
      print("LiveConnectorTests: skipped, needs root to shrink the receive buffer below the system minimum")
      return
    }
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    let builder = ProcessEventBuilder(host: HostInfo.read(), users: UserDirectory.read())
    let collector: ProcessEventCollector
    do {
      collector = try ProcessEventCollector(builder: builder, wake: ends[0], receiveBufferBytes: 1)
    } catch {
      print("LiveConnectorTests: skipped, the process events connector cannot be used here: \(error)")
      return
    }
    // 50 processes make 150+ messages while nobody reads; the smallest buffer holds a handful.
    for _ in 0..<50 {
      let child = Process()
      child.executableURL = URL(fileURLWithPath: "/bin/true")
      try child.run()
      child.waitUntilExit()
    }
    let deadline = DelayedWake(ends[1], after: 0.5)
    defer { deadline.cancel() }  // before the pipe is closed
    while try collector.next() != nil {}
    #expect(collector.statistics.overruns >= 1)
    #expect(collector.statistics.hasDrops)
    #expect(collector.statistics.summary.contains("overruns"))
  }
}

/// Writes a byte to a pipe's write end after a delay unless cancelled first, to end a collector's wait. ``cancel()``
/// returns once the writing thread is done, so that the pipe is closed only then: a test that ends before the delay
/// closed the pipe while the thread slept, and the late byte went to whatever the descriptor's number had been given
/// to since (another test's rule file, once).
final class DelayedWake: Sendable {
  private let cancelled = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  init(_ descriptor: Int32, after seconds: Double) {
    let cancelled = cancelled
    let finished = finished
    Thread {
      if cancelled.wait(timeout: .now() + seconds) == .timedOut {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
      }
      finished.signal()
    }.start()
  }

  func cancel() {
    cancelled.signal()
    finished.wait()
  }
}
