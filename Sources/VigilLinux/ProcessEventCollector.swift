import Glibc

/// The live process sensor: a ``ProcConnectorSocket`` feeding a ``ProcessEventBuilder``, one document at a time.
///
/// Single-owner: call ``next()`` from one thread. It blocks until an event arrives or the wake descriptor fires.
public final class ProcessEventCollector {
  public private(set) var builder: ProcessEventBuilder
  private let socket: ProcConnectorSocket
  private let wake: Int32?
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

  deinit { try? socket.send(op: ProcConnectorMessage.ignore) }

  /// Counters so far (documents, drops, vanished processes...).
  public var statistics: ProcessEventStatistics { builder.statistics }

  /// The next document, or `nil` once the wake descriptor fires (a stop was requested).
  public func next() throws(LinuxSensorError) -> ECSDocument? {
    while queueHead == queue.count {
      queue.removeAll(keepingCapacity: true)
      queueHead = 0
      switch try socket.receive(wake: wake) {
      case .woken: return nil
      case .timedOut: continue
      case .overrun: builder.recordOverrun()
      case .datagram(let bytes): queue = builder.documents(for: try drain(after: ProcConnectorMessage.parse(bytes)))
      }
    }
    defer { queueHead += 1 }
    return queue[queueHead]
  }

  /// Adds the datagrams already waiting to `batch`, so that the execs among them are read from /proc before the
  /// slower work on earlier events: short-lived processes are often gone a millisecond after their exec.
  private func drain(after batch: ProcConnectorBatch) throws(LinuxSensorError) -> ProcConnectorBatch {
    var batch = batch
    for _ in 0..<64 {
      switch try socket.receive(timeoutMilliseconds: 0) {
      case .datagram(let bytes):
        let more = ProcConnectorMessage.parse(bytes)
        batch.events += more.events
        batch.malformed += more.malformed
        batch.errors += more.errors
        batch.ignored += more.ignored
      case .overrun: builder.recordOverrun()
      case .woken, .timedOut: return batch
      }
    }
    return batch
  }

  private func awaitAcknowledgement(timeout: Int32) throws(LinuxSensorError) {
    while true {
      switch try socket.receive(wake: wake, timeoutMilliseconds: timeout) {
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
