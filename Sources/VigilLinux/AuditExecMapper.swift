/// Maps an exec audit event (SYSCALL `execve`/`execveat` with its EXECVE, CWD, PATH and PROCTITLE records) to
/// the ECS document Elastic's auditd_manager integration (Auditbeat's auditd module) writes to
/// `logs-auditd_manager.auditd-default`.
public struct AuditExecMapper: Sendable {
  /// The `host.*` fields of logs written on this machine (logs with `node=` name their own host).
  public var host: HostInfo
  /// Names for ids the log does not name itself.
  public var users: UserDirectory

  public init(host: HostInfo, users: UserDirectory) {
    self.host = host
    self.users = users
  }

  /// The value auditd writes for an unset login uid or session (`(uint32)-1`).
  static let unset = "4294967295"

  /// The document for an event, or `nil` when it is not an exec.
  public func document(for event: AuditEvent, ingestedAt now: Int64) -> ECSDocument? {
    guard let syscall = event.record("SYSCALL"),
      let syscallName = AuditSyscallTable.execName(
        arch: syscall["arch"], syscall: syscall["syscall"], enrichedName: syscall["SYSCALL"])
    else { return nil }
    let success = syscall["success"].map { $0 == "yes" } ?? true
    let args = Self.arguments(event.records("EXECVE"))
    let title = event.record("PROCTITLE").flatMap { Self.title($0) }
    let paths = event.records("PATH")
    let executable = syscall.decoded("exe")

    var document = ECSDocument()
    document["@timestamp"] = .string(ECSTimestamp.string(nanoseconds: event.timestampMilliseconds * 1_000_000))
    document["agent.type"] = "vigil"
    document["data_stream.dataset"] = "auditd_manager.auditd"
    document["data_stream.namespace"] = "default"
    document["data_stream.type"] = "logs"
    document["ecs.version"] = .string(ECSVersion.current)
    document["event.action"] = "executed"
    document["event.category"] = ["process"]
    document["event.dataset"] = "auditd_manager.auditd"
    document["event.ingested"] = .string(ECSTimestamp.string(nanoseconds: now))
    document["event.kind"] = "event"
    document["event.module"] = "auditd"
    document["event.outcome"] = success ? "success" : "failure"
    document["event.sequence"] = .int(Int64(truncatingIfNeeded: event.serial))
    document["event.type"] = ["start"]
    if let node = syscall.node {
      document["host.name"] = .string(node)
      document["host.hostname"] = .string(node)
      document["host.os.type"] = "linux"
    } else {
      host.apply(to: &document)
    }

    document.set("process.pid", syscall["pid"].flatMap { Int64($0) }.map { .int($0) })
    document.set("process.parent.pid", syscall["ppid"].flatMap { Int64($0) }.map { .int($0) })
    document.set("process.executable", nonEmpty: executable)
    let name = syscall.decoded("comm") ?? executable.flatMap { $0.split(separator: "/").last.map(String.init) }
    document.set("process.name", nonEmpty: name)
    if let args {
      document["process.args"] = .strings(args)
      document["process.args_count"] = .int(Int64(args.count))
      document["process.command_line"] = .string(args.joined(separator: " "))
    }
    document.set("process.title", nonEmpty: title)
    document.set("process.working_directory", nonEmpty: event.record("CWD")?.decoded("cwd"))

    let uid = syscall["uid"]
    let euid = syscall["euid"]
    let gid = syscall["gid"]
    let egid = syscall["egid"]
    setUser("user", id: uid, enriched: syscall["UID"], in: &document)
    setGroup("user.group", id: gid, enriched: syscall["GID"], in: &document)
    if euid != uid { setUser("user.effective", id: euid, enriched: syscall["EUID"], in: &document) }
    if egid != gid { setGroup("user.effective.group", id: egid, enriched: syscall["EGID"], in: &document) }

    var data: [(String, String?)] = [
      ("a0", syscall["a0"]), ("a1", syscall["a1"]), ("a2", syscall["a2"]), ("a3", syscall["a3"]),
      ("arch", syscall["arch"].map { AuditSyscallTable.architectures[$0.lowercased()]?.name ?? $0 }),
    ]
    if let argc = event.record("EXECVE")?["argc"] { data.append(("argc", argc)) }
    data += [("exit", syscall["exit"]), ("syscall", syscallName), ("tty", syscall["tty"])]
    for (key, value) in data {
      guard let value else { continue }
      if key == "argc", let count = Int64(value) {
        document["auditd.data.argc"] = .int(count)
      } else {
        document["auditd.data.\(key)"] = .string(value)
      }
    }
    document["auditd.message_type"] = "syscall"
    document["auditd.result"] = success ? "success" : "fail"
    if let session = syscall["ses"] { document["auditd.session"] = .string(session == Self.unset ? "unset" : session) }
    let auid = syscall["auid"]
    let actor = auid == Self.unset ? "unset" : (syscall["AUID"] ?? users.userName(auid.flatMap { UInt32($0) }) ?? auid)
    document.set("auditd.summary.actor.primary", nonEmpty: actor)
    document.set("auditd.summary.actor.secondary", nonEmpty: userName(uid, enriched: syscall["UID"]) ?? uid)
    document.set("auditd.summary.how", nonEmpty: executable)
    document["auditd.summary.object.type"] = "file"
    document.set("auditd.summary.object.primary", nonEmpty: paths.first?.decoded("name") ?? executable)
    if let auid, auid != Self.unset { setUser("auditd.user.audit", id: auid, enriched: syscall["AUID"], in: &document) }
    setUser("auditd.user.saved", id: syscall["suid"], enriched: syscall["SUID"], in: &document)
    setGroup("auditd.user.saved.group", id: syscall["sgid"], enriched: syscall["SGID"], in: &document)
    setUser("auditd.user.filesystem", id: syscall["fsuid"], enriched: syscall["FSUID"], in: &document)
    setGroup("auditd.user.filesystem.group", id: syscall["fsgid"], enriched: syscall["FSGID"], in: &document)
    if let key = syscall.decoded("key") { document["tags"] = .strings([key]) }
    document["service.type"] = "auditd"
    return document
  }

  private func userName(_ id: String?, enriched: String?) -> String? {
    enriched ?? users.userName(id.flatMap { UInt32($0) })
  }

  private func setUser(_ prefix: String, id: String?, enriched: String?, in document: inout ECSDocument) {
    guard let id, id != Self.unset else { return }
    document["\(prefix).id"] = .string(id)
    document.set("\(prefix).name", nonEmpty: userName(id, enriched: enriched))
  }

  private func setGroup(_ prefix: String, id: String?, enriched: String?, in document: inout ECSDocument) {
    guard let id, id != Self.unset else { return }
    document["\(prefix).id"] = .string(id)
    document.set("\(prefix).name", nonEmpty: enriched ?? users.groupName(UInt32(id)))
  }

  /// The arguments from EXECVE records: `a0`...`a(argc-1)`, quoted (literal) or bare (hex), or split in
  /// `aN[0]`, `aN[1]`... hex chunks for long arguments. Several EXECVE records of one event are read in order.
  static func arguments(_ records: [AuditRecord]) -> [String]? {
    guard !records.isEmpty else { return nil }
    var values: [Int: String] = [:]
    var chunks: [Int: [Int: String]] = [:]
    var argc: Int?
    for record in records {
      for field in record.fields {
        if field.name == "argc" {
          argc = Int(field.value)
          continue
        }
        guard field.name.hasPrefix("a"), !field.name.hasSuffix("_len") else { continue }
        let body = field.name.dropFirst()
        if let bracket = body.firstIndex(of: "["), let index = Int(body[..<bracket]),
          let part = Int(body[body.index(after: bracket)...].dropLast())
        {
          chunks[index, default: [:]][part] = field.value
        } else if let index = Int(body) {
          values[index] = field.quoted ? field.value : (AuditRecord.hexDecoded(field.value) ?? field.value)
        }
      }
    }
    for (index, parts) in chunks {
      let hex = parts.keys.sorted().map { parts[$0]! }.joined()
      values[index] = AuditRecord.hexDecoded(hex) ?? hex
    }
    let count = argc ?? ((values.keys.max() ?? -1) + 1)
    return (0..<count).map { values[$0] ?? "" }
  }

  /// PROCTITLE's title: hex with NUL between arguments (shown as spaces), or quoted plain text.
  static func title(_ record: AuditRecord) -> String? {
    guard let field = record.field("proctitle") else { return nil }
    if field.quoted { return field.value }
    return AuditRecord.hexDecoded(field.value, nulAs: UInt8(ascii: " ")) ?? field.value
  }
}
