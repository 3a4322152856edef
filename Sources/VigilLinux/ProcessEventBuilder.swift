/// Turns process connector events into ECS documents shaped like Elastic Defend's process events
/// (`logs-endpoint.events.process-default`), enriching each from /proc and from a cache of recent processes.
///
/// It does no I/O besides reading ``procFS``; feed it parsed batches (``ProcConnectorMessage/parse(_:)``) from a
/// socket, or from bytes in tests.
public struct ProcessEventBuilder: Sendable {
  /// Where processes are read from (`/proc`, or a fixture folder).
  public var procFS: ProcFS
  /// The `host.*` fields of every document.
  public var host: HostInfo
  /// User and group names.
  public var users: UserDirectory
  /// Turns kernel timestamps into wall time, and dates `event.ingested`.
  public var clock: SensorClock
  /// Boot time in seconds since the epoch, to date process starts; `nil` leaves `process.start` out.
  public var bootTime: Int64?
  /// `sysconf(_SC_CLK_TCK)`: the unit of start times in `stat`.
  public var ticksPerSecond: Int64
  /// Recently seen processes, for exits and for parents that are gone.
  public private(set) var cache: ProcessCache
  /// What was produced, dropped and skipped so far.
  public private(set) var statistics = ProcessEventStatistics()
  private var sequences = SequenceTracker()
  private var prefetched: [Int32: ProcessSnapshot] = [:]
  /// How long (monotonic nanoseconds) the exec of a process that was gone before /proc was read, and whose fork has
  /// not been seen, waits for that fork: the connector orders messages per CPU only, and a fork sent from another
  /// CPU can come after the child's exec. Without it, such an exec has no parent.
  public var forkWaitNanoseconds: Int64 = 20_000_000
  /// Execs waiting for their fork (``forkWaitNanoseconds``), by process id, in arrival order.
  private var execsAwaitingFork: [ExecAwaitingFork] = []

  /// An exec held until its fork comes or its wait ends.
  private struct ExecAwaitingFork {
    var pid: Int32
    var timestamp: Int64
    /// The monotonic time the exec arrived at.
    var arrival: Int64
  }

  /// A builder for this host; `cacheCapacity` bounds the processes remembered.
  public init(
    procFS: ProcFS = ProcFS(), host: HostInfo, users: UserDirectory, clock: SensorClock = .system,
    bootTime: Int64? = nil,
    ticksPerSecond: Int64 = 100, cacheCapacity: Int = 8192
  ) {
    self.procFS = procFS
    self.host = host
    self.users = users
    self.clock = clock
    self.bootTime = bootTime
    self.ticksPerSecond = ticksPerSecond
    self.cache = ProcessCache(capacity: cacheCapacity)
  }

  /// The documents for one received datagram, counting lost, malformed and skipped messages. `prefetched` holds
  /// snapshots of exec'd processes taken as the datagram arrived; the others are read first thing here, since
  /// by the time earlier events are described a short-lived process may have exited. An exec that waits for its
  /// fork (``forkWaitNanoseconds``) comes out with a later datagram's documents, or from
  /// ``releaseExecsAwaitingFork(by:)``.
  public mutating func documents(
    for batch: ProcConnectorBatch, prefetched: [Int32: ProcessSnapshot] = [:]
  ) -> [ECSDocument] {
    statistics.malformed += UInt64(batch.malformed + batch.errors)
    self.prefetched = prefetched
    for event in batch.events {
      if case .exec(_, let tgid) = event.kind, self.prefetched[tgid] == nil {
        self.prefetched[tgid] = procFS.snapshot(pid: tgid)
      }
    }
    defer { self.prefetched.removeAll(keepingCapacity: true) }
    var documents: [ECSDocument] = []
    for event in batch.events { append(documentsFor: event, to: &documents) }
    return documents
  }

  /// When the wait of the oldest exec held for its fork ends (monotonic nanoseconds); `nil` when none is held.
  public var nextForkDeadline: Int64? {
    execsAwaitingFork.first.map { $0.arrival + forkWaitNanoseconds }
  }

  /// The documents of the execs held for their fork whose wait ended by `monotonic` (all of them when `nil`), without
  /// a parent: their fork did not come in time (or never comes: the process was forked before the sensor started).
  public mutating func releaseExecsAwaitingFork(by monotonic: Int64?) -> [ECSDocument] {
    var released: [ECSDocument] = []
    while let held = execsAwaitingFork.first, monotonic.map({ held.arrival + forkWaitNanoseconds <= $0 }) ?? true {
      execsAwaitingFork.removeFirst()
      released.append(execDocument(held))
    }
    return released
  }

  /// Counts a receive-buffer overrun reported by the socket.
  public mutating func recordOverrun() { statistics.overruns += 1 }

  /// Appends the documents for one event: none for events that are not process starts or ends (acknowledgements,
  /// threads, uid changes...) and for an exec held for its fork; a fork's, then the exec it released.
  private mutating func append(documentsFor event: ProcConnectorEvent, to documents: inout [ECSDocument]) {
    // An exit may come before the fork an exec waits for: the exec goes first, with the parent the exit names.
    if case .exit(let pid, let tgid, _, _, _, let parentTGID) = event.kind, pid == tgid,
      let exec = takeExecAwaitingFork(tgid)
    {
      documents.append(execDocument(exec, parentPID: parentTGID))
    }
    guard let document = document(for: event) else { return }
    documents.append(document)
    if case .fork(_, _, let childPID, let childTGID) = event.kind, childPID == childTGID,
      let exec = takeExecAwaitingFork(childTGID)
    {
      documents.append(execDocument(exec))
    }
  }

  private mutating func takeExecAwaitingFork(_ pid: Int32) -> ExecAwaitingFork? {
    guard let position = execsAwaitingFork.firstIndex(where: { $0.pid == pid }) else { return nil }
    return execsAwaitingFork.remove(at: position)
  }

  /// The document for one event, or `nil` for events that are not process starts or ends (acknowledgements,
  /// threads, uid changes...) and for an exec held for its fork.
  private mutating func document(for event: ProcConnectorEvent) -> ECSDocument? {
    if case .acknowledgement = event.kind { return nil }
    statistics.messages += 1
    statistics.lostMessages += UInt64(sequences.record(cpu: event.cpu, sequence: event.sequence))
    let now = clock.realtime()
    let timestamp = now - clock.monotonic() + Int64(truncatingIfNeeded: event.timestampNanoseconds)

    switch event.kind {
    case .acknowledgement:
      return nil
    case .other:
      statistics.otherEvents += 1
      return nil
    case .fork(_, let parentTGID, let childPID, let childTGID):
      guard childPID == childTGID else {
        statistics.threadEvents += 1
        return nil
      }
      // The child is a copy of its parent until it execs, which it may have done already by the time /proc is
      // read: take the image from the parent, and only the child's own identity from its /proc.
      let parent = lookup(parentTGID)
      let own = read(childTGID)
      var process = parent ?? own ?? ProcessSnapshot(pid: childTGID)
      process.pid = childTGID
      process.parentPID = parentTGID
      process.startTicks = own?.startTicks
      process.processGroupID = own?.processGroupID ?? parent?.processGroupID
      process.sessionID = own?.sessionID ?? parent?.sessionID
      process.denied = own?.denied ?? []
      cache.insert(process)
      return makeDocument(action: "fork", type: "start", process: process, parent: parent, at: timestamp, now: now)
    case .exec(_, let tgid):
      guard let snapshot = prefetched.removeValue(forKey: tgid).map({ counted($0) }) ?? read(tgid) else {
        statistics.vanished += 1
        let exec = ExecAwaitingFork(pid: tgid, timestamp: timestamp, arrival: clock.monotonic())
        guard cache[tgid] != nil || forkWaitNanoseconds <= 0 else {
          statistics.execsHeldForFork += 1
          execsAwaitingFork.append(exec)
          return nil
        }
        return execDocument(exec)
      }
      var process = snapshot
      if process.parentPID == nil { process.parentPID = cache[tgid]?.parentPID }
      cache.insert(process)
      let parent = process.parentPID.flatMap { lookup($0) }
      return makeDocument(action: "exec", type: "start", process: process, parent: parent, at: timestamp, now: now)
    case .exit(let pid, let tgid, let exitCode, _, _, let parentTGID):
      guard pid == tgid else {
        statistics.threadEvents += 1
        return nil
      }
      var process = cache[tgid] ?? procFS.snapshot(pid: tgid) ?? ProcessSnapshot(pid: tgid)
      if let parentTGID, parentTGID > 0 { process.parentPID = parentTGID }
      cache.remove(tgid)
      let parent = process.parentPID.flatMap { lookup($0) }
      var document = makeDocument(action: "end", type: "end", process: process, parent: parent, at: timestamp, now: now)
      document["process.exit_code"] = .int(Self.exitCode(status: exitCode))
      return document
    }
  }

  /// The shell's reading of a wait status: the exit code, or 128 + the signal that ended the process.
  static func exitCode(status: UInt32) -> Int64 {
    let signal = status & 0x7f
    return signal == 0 ? Int64((status >> 8) & 0xff) : 128 + Int64(signal)
  }

  /// `process.entity_id`: base64 of `hostID-pid-startTicks`, stable for the life of a process on this host.
  public static func entityID(hostID: String, pid: Int32, startTicks: UInt64) -> String {
    base64(Array("\(hostID)-\(pid)-\(startTicks)".utf8))
  }

  private mutating func read(_ pid: Int32) -> ProcessSnapshot? {
    procFS.snapshot(pid: pid).map { counted($0) }
  }

  private mutating func counted(_ snapshot: ProcessSnapshot) -> ProcessSnapshot {
    if !snapshot.denied.isEmpty { statistics.permissionDenied += 1 }
    return snapshot
  }

  /// The exec document of a process gone before /proc was read, with what its fork told the cache (or the parent its
  /// exit named, `parentPID`).
  private mutating func execDocument(_ exec: ExecAwaitingFork, parentPID: Int32? = nil) -> ECSDocument {
    var process = vanished(exec.pid)
    if process.parentPID == nil, let parentPID, parentPID > 0 { process.parentPID = parentPID }
    cache.insert(process)
    let parent = process.parentPID.flatMap { lookup($0) }
    return makeDocument(
      action: "exec", type: "start", process: process, parent: parent, at: exec.timestamp, now: clock.realtime())
  }

  private func vanished(_ pid: Int32) -> ProcessSnapshot {
    var snapshot = ProcessSnapshot(pid: pid)
    if let known = cache[pid] {  // what the fork told us; the image changed, so only lineage and ids carry over
      snapshot.parentPID = known.parentPID
      snapshot.realUserID = known.realUserID
      snapshot.effectiveUserID = known.effectiveUserID
      snapshot.realGroupID = known.realGroupID
      snapshot.effectiveGroupID = known.effectiveGroupID
      snapshot.sessionID = known.sessionID
      snapshot.processGroupID = known.processGroupID
      snapshot.startTicks = known.startTicks
    }
    return snapshot
  }

  /// A related process (parent, leader): the cache first, else /proc (and remember it).
  private mutating func lookup(_ pid: Int32) -> ProcessSnapshot? {
    guard pid > 0 else { return nil }
    if let cached = cache[pid] { return cached }
    guard let snapshot = procFS.snapshot(pid: pid) else { return nil }
    cache.insert(snapshot)
    return snapshot
  }

  private mutating func makeDocument(
    action: String, type: String, process: ProcessSnapshot, parent: ProcessSnapshot?, at timestamp: Int64, now: Int64
  ) -> ECSDocument {
    statistics.documents += 1
    var document = ECSDocument()
    document["@timestamp"] = .string(ECSTimestamp.string(nanoseconds: timestamp))
    document["agent.type"] = "vigil"
    document["data_stream.dataset"] = "endpoint.events.process"
    document["data_stream.namespace"] = "default"
    document["data_stream.type"] = "logs"
    document["ecs.version"] = .string(ECSVersion.current)
    document["event.action"] = .string(action)
    document["event.category"] = ["process"]
    document["event.dataset"] = "endpoint.events.process"
    document["event.ingested"] = .string(ECSTimestamp.string(nanoseconds: now))
    document["event.kind"] = "event"
    document["event.module"] = "endpoint"
    document["event.sequence"] = .int(Int64(statistics.documents))
    document["event.type"] = .strings([type])
    host.apply(to: &document)
    describe(process, as: "process", in: &document)
    if let ppid = process.parentPID, ppid > 0 {
      describe(parent ?? ProcessSnapshot(pid: ppid), as: "process.parent", in: &document)
    }
    for (field, leaderPID) in [
      ("process.group_leader", process.processGroupID), ("process.session_leader", process.sessionID),
    ] {
      guard let leaderPID, leaderPID > 0 else { continue }
      let leader = leaderPID == process.pid ? process : lookup(leaderPID)
      describe(leader ?? ProcessSnapshot(pid: leaderPID), as: field, in: &document, brief: true)
    }
    document.set("user.id", process.effectiveUserID.map { .string(String($0)) })
    document.set("user.name", nonEmpty: users.userName(process.effectiveUserID))
    document.set("user.Ext.real.id", process.realUserID.map { .string(String($0)) })
    document.set("user.Ext.real.name", nonEmpty: users.userName(process.realUserID))
    document.set("group.id", process.effectiveGroupID.map { .string(String($0)) })
    document.set("group.name", nonEmpty: users.groupName(process.effectiveGroupID))
    document.set("group.Ext.real.id", process.realGroupID.map { .string(String($0)) })
    document.set("group.Ext.real.name", nonEmpty: users.groupName(process.realGroupID))
    return document
  }

  private func describe(
    _ process: ProcessSnapshot, as prefix: String, in document: inout ECSDocument, brief: Bool = false
  ) {
    document["\(prefix).pid"] = .int(Int64(process.pid))
    if let ticks = process.startTicks {
      document.set("\(prefix).entity_id", nonEmpty: Self.entityID(hostID: host.id, pid: process.pid, startTicks: ticks))
    }
    document.set("\(prefix).name", nonEmpty: process.name)
    document.set("\(prefix).executable", nonEmpty: process.executable)
    guard !brief else { return }
    if let args = process.args {
      document["\(prefix).args"] = .strings(args)
      document["\(prefix).args_count"] = .int(Int64(args.count))
      document.set("\(prefix).command_line", nonEmpty: process.commandLine)
    }
    document.set("\(prefix).working_directory", nonEmpty: process.workingDirectory)
    document.set("\(prefix).interactive", process.terminal.map { .bool($0 != 0) })
    describeCredentials(process, as: prefix, in: &document)
    guard prefix == "process" else { return }
    if let ticks = process.startTicks, let bootTime, ticksPerSecond > 0 {
      let nanoseconds = bootTime * 1_000_000_000 + Int64(ticks) * 1_000_000_000 / ticksPerSecond
      document["process.start"] = .string(ECSTimestamp.string(nanoseconds: nanoseconds))
    }
    if let mask = process.effectiveCapabilities {
      document["process.thread.capabilities.effective"] = .strings(LinuxCapability.names(of: mask))
    }
    if let mask = process.permittedCapabilities {
      document["process.thread.capabilities.permitted"] = .strings(LinuxCapability.names(of: mask))
    }
  }

  /// `process.user.*` (effective), `process.real_user.*`, and the same for groups, as ECS nests them per process.
  private func describeCredentials(_ process: ProcessSnapshot, as prefix: String, in document: inout ECSDocument) {
    let ids: [(String, UInt32?, Bool)] = [
      ("user", process.effectiveUserID, true), ("real_user", process.realUserID, true),
      ("group", process.effectiveGroupID, false), ("real_group", process.realGroupID, false),
    ]
    for (field, id, isUser) in ids {
      guard let id else { continue }
      document["\(prefix).\(field).id"] = .string(String(id))
      document.set("\(prefix).\(field).name", nonEmpty: isUser ? users.userName(id) : users.groupName(id))
    }
  }

  private static func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let count = min(3, bytes.count - index)
      var chunk = UInt32(bytes[index]) << 16
      if count > 1 { chunk |= UInt32(bytes[index + 1]) << 8 }
      if count > 2 { chunk |= UInt32(bytes[index + 2]) }
      for position in 0..<4 {
        output.append(position <= count ? alphabet[Int((chunk >> UInt32(18 - 6 * position)) & 63)] : UInt8(ascii: "="))
      }
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }
}
