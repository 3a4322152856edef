import Glibc

/// Reads an auditd log (`/var/log/audit/audit.log`) and yields ECS documents for its exec events.
///
/// With `follow`, it keeps reading as the file grows, like `tail -F`: it sleeps in `poll` between checks (a few
/// wake-ups per second, no busy loop), and starts again from the top when the file is truncated or replaced.
/// Single-owner: call ``next()`` from one thread.
public final class AuditLogReader: ProcessEventReading {
  /// The log file.
  public let path: String
  /// Whether to keep reading as the file grows.
  public let follow: Bool
  /// Turns exec events into documents.
  public var mapper: AuditExecMapper
  /// Lines, events and documents so far.
  public private(set) var statistics = AuditLogStatistics()
  /// Called with the line number and text of each line that is not an audit record.
  public var onMalformedLine: ((UInt64, String) -> Void)?

  private var assembler = AuditEventAssembler()
  private let clock: SensorClock
  private let wake: Int32?
  private let pollMilliseconds: Int32
  private var descriptor: Int32 = -1
  private var inode: UInt64 = 0
  private var offset: Int64 = 0
  private var partial: [UInt8] = []
  private var queue: [ECSDocument] = []
  private var queueHead = 0
  private var idlePolls = 0
  private var finished = false

  /// Opens the log. `wake` (see ``StopSignal``) ends a follow; `pollMilliseconds` is the idle re-check period.
  public init(
    path: String, follow: Bool = false, mapper: AuditExecMapper, clock: SensorClock = .system, wake: Int32? = nil,
    pollMilliseconds: Int32 = 250
  ) throws(LinuxSensorError) {
    self.path = path
    self.follow = follow
    self.mapper = mapper
    self.clock = clock
    self.wake = wake
    self.pollMilliseconds = pollMilliseconds
    try reopen()
  }

  deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

  /// The next exec document, or ``ProcessEventSource/Reading/idle`` when a followed log did not grow for about
  /// `milliseconds` (`nil`: wait for as long as it takes); `nil` at the end of the file (or, following, once woken).
  public func next(waitingAtMost milliseconds: Int?) throws(LinuxSensorError) -> ProcessEventSource.Reading? {
    var waited = 0
    while queueHead == queue.count {
      queue.removeAll(keepingCapacity: true)
      queueHead = 0
      if finished { return nil }
      if try fill(), queueHead == queue.count {
        waited += Int(pollMilliseconds)
        if let milliseconds, waited >= milliseconds { return .idle }
      }
    }
    defer { queueHead += 1 }
    return .document(queue[queueHead])
  }

  /// Reads more of the file into the queue, or waits for more when following; `true` when it waited.
  private func fill() throws(LinuxSensorError) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 {
      if errno == EINTR { return false }
      throw .file(path: path, errno: errno)
    }
    if count > 0 {
      idlePolls = 0
      offset += Int64(count)
      consume(chunk[0..<count])
      return false
    }
    guard follow else {  // end of file: the last line may lack its newline
      if !partial.isEmpty { line(partial[...]) }
      partial = []
      emit(assembler.finish())
      finished = true
      return false
    }
    idlePolls += 1
    if idlePolls == 2 { emit(assembler.finish()) }  // quiet for a while: what is open will not grow
    if try rotated() { return false }
    if let wake {
      var entry = pollfd(fd: wake, events: Int16(POLLIN), revents: 0)
      if poll(&entry, 1, pollMilliseconds) > 0 {
        emit(assembler.finish())
        finished = true
      }
    } else {
      usleep(UInt32(pollMilliseconds) * 1000)
    }
    return true
  }

  private func consume(_ bytes: ArraySlice<UInt8>) {
    var start = bytes.startIndex
    while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
      if partial.isEmpty {
        line(bytes[start..<newline])
      } else {
        partial.append(contentsOf: bytes[start..<newline])
        line(partial[...])
        partial = []
      }
      start = newline + 1
    }
    partial.append(contentsOf: bytes[start...])
  }

  private func line(_ bytes: ArraySlice<UInt8>) {
    statistics.lines += 1
    let text = String(decoding: bytes, as: UTF8.self)
    guard !text.allSatisfy(\.isWhitespace) else { return }
    guard let record = AuditRecord.parse(text[...]) else {
      statistics.malformedLines += 1
      onMalformedLine?(statistics.lines, text)
      return
    }
    emit(assembler.add(record))
  }

  private func emit(_ events: [AuditEvent]) {
    let now = clock.realtime()
    for event in events {
      statistics.events += 1
      if !event.ended { statistics.eventsWithoutEnd += 1 }
      if let document = mapper.document(for: event, ingestedAt: now) {
        statistics.documents += 1
        queue.append(document)
      }
    }
  }

  /// Whether the file was truncated or replaced; if so it is opened again from its start.
  private func rotated() throws(LinuxSensorError) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }  // between rename and create: keep the old one for now
    guard UInt64(info.st_ino) != inode || Int64(info.st_size) < offset else { return false }
    statistics.reopened += 1
    try reopen()
    return true
  }

  private func reopen() throws(LinuxSensorError) {
    if descriptor >= 0 { Glibc.close(descriptor) }
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .file(path: path, errno: errno) }
    var info = stat()
    if fstat(descriptor, &info) == 0 { inode = UInt64(info.st_ino) }
    offset = 0
    partial = []
  }
}
