import Foundation
import Glibc

/// The live process sensor: a ``ProcConnectorSocket`` read by its own thread (which also reads the /proc of each
/// exec'd process at once), feeding a ``ProcessEventBuilder``, one document at a time.
///
/// Single-owner: call ``next()`` from one thread. It blocks until an event arrives or the wake descriptor fires.
public final class ProcessEventCollector: ProcessEventReading {
  public private(set) var builder: ProcessEventBuilder
  private let socket: ProcConnectorSocket
  private let wake: Int32?
  private var receiver: ProcConnectorReceiver?
  private var queue: [ECSDocument] = []
  private var queueHead = 0

  /// Opens the connector, subscribes, and waits (up to `acknowledgementTimeout` ms) for the kernel to accept.
  /// `receiveBufferBytes` is how much the kernel may queue for us before it drops messages.
  public init(
    builder: ProcessEventBuilder, wake: Int32? = nil, acknowledgementTimeout: Int32 = 2000,
    receiveBufferBytes: Int32 = 8 << 20
  ) throws(LinuxSensorError) {
    self.builder = builder
    self.wake = wake
    socket = try ProcConnectorSocket(receiveBufferBytes: receiveBufferBytes)
    try socket.send(op: ProcConnectorMessage.listen)
    try awaitAcknowledgement(timeout: acknowledgementTimeout)
  }

  deinit {
    receiver?.stop()
    try? socket.send(op: ProcConnectorMessage.ignore)
  }

  /// Counters so far (documents, drops, vanished processes...).
  public var statistics: ProcessEventStatistics { builder.statistics }

  /// The next document, or ``ProcessEventSource/Reading/idle`` when none came within `milliseconds` (`nil`: wait
  /// for as long as it takes); `nil` once the wake descriptor fires.
  public func next(waitingAtMost milliseconds: Int?) throws(LinuxSensorError) -> ProcessEventSource.Reading? {
    let receiver = startedReceiver()
    let deadline = milliseconds.map { Date(timeIntervalSinceNow: Double($0) / 1000) }
    while queueHead == queue.count {
      queue.removeAll(keepingCapacity: true)
      queueHead = 0
      // Execs held for their fork (ProcessEventBuilder.forkWaitNanoseconds) whose wait is over go out first; the
      // wait below ends when the next one's does.
      let now = builder.clock.monotonic()
      queue = builder.releaseExecsAwaitingFork(by: now)
      if !queue.isEmpty { break }
      let forkDeadline = builder.nextForkDeadline.map { Date(timeIntervalSinceNow: Double($0 - now) / 1e9) }
      let wait = [deadline, forkDeadline].compactMap { $0 }.min()
      switch try receiver.next(until: wait) {
      case .finished:
        queue = builder.releaseExecsAwaitingFork(by: nil)
        if queue.isEmpty { return nil }
      case .idle:
        if let deadline, deadline <= Date() { return .idle }
      case .delivery(let delivery):
        for _ in 0..<delivery.overruns { builder.recordOverrun() }
        queue = builder.documents(for: delivery.batch, prefetched: delivery.prefetched)
      }
    }
    defer { queueHead += 1 }
    return .document(queue[queueHead])
  }

  private func startedReceiver() -> ProcConnectorReceiver {
    if let receiver { return receiver }
    let started = ProcConnectorReceiver(socket: socket, procFS: builder.procFS, wake: wake.map { [$0] } ?? [])
    receiver = started
    return started
  }

  private func awaitAcknowledgement(timeout: Int32) throws(LinuxSensorError) {
    while true {
      switch try socket.receive(wake: wake.map { [$0] } ?? [], timeoutMilliseconds: timeout) {
      case .woken: return
      case .timedOut:
        throw .connectorUnavailable(reason: "the kernel did not acknowledge the subscription within \(timeout) ms")
      case .overrun: builder.recordOverrun()
      case .datagram(let bytes):
        let batch = ProcConnectorMessage.parse(bytes)
        for event in batch.events {
          if case .acknowledgement(let error) = event.kind {
            if error == UInt32(EPERM) || error == UInt32(EACCES) {
              throw .permissionDenied(operation: "subscribing to process events")
            }
            if error != 0 { throw .system(operation: "PROC_CN_MCAST_LISTEN", errno: Int32(bitPattern: error)) }
            queue.append(contentsOf: builder.documents(for: batch))
            return
          }
        }
        queue.append(contentsOf: builder.documents(for: batch))
      }
    }
  }
}
