import Foundation
import Glibc

/// The thread that takes messages off a ``ProcConnectorSocket`` as soon as they arrive and reads the /proc of each
/// exec'd process at once, handing the results to the consumer through a bounded queue.
///
/// A short-lived process is often gone a millisecond after its exec; reading it here, before any document is
/// built or written, is what gives it a chance to be described. When the consumer falls behind, the queue fills,
/// this thread waits, and the kernel's buffer overflows, which is counted: nothing is dropped silently.
final class ProcConnectorReceiver: @unchecked Sendable {
  /// One datagram's worth: the parsed batch and the snapshots of its exec'd processes.
  struct Delivery: Sendable {
    var batch = ProcConnectorBatch()
    var prefetched: [Int32: ProcessSnapshot] = [:]
    var overruns = 0
  }

  private let condition = NSCondition()
  private var deliveries: [Delivery] = []
  private var head = 0
  private var finished = false
  private var failure: LinuxSensorError?
  private let capacity: Int
  private let stopRead: Int32
  private let stopWrite: Int32

  /// Starts the thread on `socket`, stopping when any of `wake` becomes readable (or on ``stop()``).
  init(socket: ProcConnectorSocket, procFS: ProcFS, wake: [Int32], capacity: Int = 4096) {
    self.capacity = capacity
    var ends: [Int32] = [-1, -1]
    _ = pipe(&ends)
    stopRead = ends[0]
    stopWrite = ends[1]
    let thread = Thread { [self] in run(socket: socket, procFS: procFS, wake: wake + [stopRead]) }
    thread.name = "vigil-proc-connector"
    thread.start()
  }

  deinit {
    close(stopRead)
    close(stopWrite)
  }

  /// Asks the thread to end; ``next()`` then returns what is queued, then `nil`.
  func stop() {
    var byte: UInt8 = 1
    _ = write(stopWrite, &byte, 1)
  }

  /// What ``next(until:)`` found.
  enum Wait {
    case delivery(Delivery)
    /// Nothing came before the deadline.
    case idle
    /// The thread has ended and the queue is empty.
    case finished
  }

  /// The next delivery, waiting for one until `deadline` (`nil`: for as long as it takes).
  func next(until deadline: Date? = nil) throws(LinuxSensorError) -> Wait {
    condition.lock()
    defer { condition.unlock() }
    while head == deliveries.count, !finished {
      if let deadline {
        if !condition.wait(until: deadline) { return .idle }
      } else {
        condition.wait()
      }
    }
    if head < deliveries.count {
      let delivery = deliveries[head]
      head += 1
      if head == deliveries.count {
        deliveries.removeAll(keepingCapacity: true)
        head = 0
      }
      condition.broadcast()  // room for the receiver
      return .delivery(delivery)
    }
    if let failure { throw failure }
    return .finished
  }

  private func run(socket: ProcConnectorSocket, procFS: ProcFS, wake: [Int32]) {
    // Best effort: a higher priority (allowed to root) wakes this thread sooner after an exec, while the
    // process is still there to be read. Niceness is per thread on Linux.
    if let link = FileReading.link("/proc/thread-self").target,
      let tid = link.split(separator: "/").last.flatMap({ id_t($0) })
    {
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, -10)
    }
    do {
      while true {
        var delivery = Delivery()
        switch try socket.receive(wake: wake) {
        case .woken:
          finish(nil)
          return
        case .timedOut: continue
        case .overrun: delivery.overruns = 1
        case .datagram(let bytes):
          delivery.batch = ProcConnectorMessage.parse(bytes)
          for event in delivery.batch.events {
            if case .exec(_, let tgid) = event.kind { delivery.prefetched[tgid] = procFS.snapshot(pid: tgid) }
          }
        }
        guard deliver(delivery) else { return }
      }
    } catch {
      finish(error)
    }
  }

  /// Queues a delivery, waiting while the queue is full; `false` when the consumer asked to stop meanwhile.
  private func deliver(_ delivery: Delivery) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while deliveries.count - head >= capacity {
      if StopSignal.isRaised(stopRead) { break }
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
    }
    deliveries.append(delivery)
    condition.broadcast()
    return true
  }

  private func finish(_ error: LinuxSensorError?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }
}
