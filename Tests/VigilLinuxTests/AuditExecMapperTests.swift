import Testing

@testable import VigilLinux

@Suite struct AuditExecMapperTests {
  func event(_ lines: [String], ended: Bool = true) throws -> AuditEvent {
    let records = lines.compactMap { AuditRecord.parse($0[...]) }.filter { (record: AuditRecord) in record.type != "EOE"
    }
    let first = try #require(records.first)
    return AuditEvent(
      serial: first.serial, timestampMilliseconds: first.timestampMilliseconds, records: records, ended: ended)
  }

  @Test func execMapsFieldByFieldLikeAuditdManager() throws {
    let document = try #require(
      AuditFixtures.mapper().document(for: try event(AuditFixtures.curl), ingestedAt: 1_700_000_002_000_000_000))
    let expected: [(String, ECSValue)] = [
      ("@timestamp", "2023-11-14T22:13:20.123Z"),
      ("agent.type", "vigil"),
      ("data_stream.dataset", "auditd_manager.auditd"),
      ("data_stream.namespace", "default"),
      ("data_stream.type", "logs"),
      ("ecs.version", .string(ECSVersion.current)),
      ("event.action", "executed"),
      ("event.category", ["process"]),
      ("event.dataset", "auditd_manager.auditd"),
      ("event.ingested", "2023-11-14T22:13:22.000Z"),
      ("event.kind", "event"),
      ("event.module", "auditd"),
      ("event.outcome", "success"),
      ("event.sequence", 456),
      ("event.type", ["start"]),
      ("host.id", "abc"),
      ("host.name", "box"),
      ("host.hostname", "box"),
      ("host.architecture", "x86_64"),
      ("host.os.type", "linux"),
      ("host.os.family", "debian"),
      ("host.os.name", "Debian GNU/Linux"),
      ("host.os.platform", "debian"),
      ("host.os.version", "12"),
      ("host.os.full", "Debian GNU/Linux 12 (bookworm)"),
      ("host.os.kernel", "6.18.0"),
      ("process.pid", 4242),
      ("process.parent.pid", 1200),
      ("process.executable", "/usr/bin/curl"),
      ("process.name", "curl"),
      ("process.args", ["curl", "-s", "http://example.com/a b", "-o/tmp/x"]),
      ("process.args_count", 4),
      ("process.command_line", "curl -s http://example.com/a b -o/tmp/x"),
      ("process.title", "curl -s http://example.com/a b"),
      ("process.working_directory", "/home/alice"),
      ("user.id", "1000"),
      ("user.name", "alice"),
      ("user.group.id", "1000"),
      ("user.group.name", "alice"),
      ("user.effective.id", "0"),  // euid differs from uid: the setuid case rules look for
      ("user.effective.name", "root"),
      ("auditd.data.a0", "55d0c2b0"),
      ("auditd.data.a1", "55d0c2c0"),
      ("auditd.data.a2", "55d0c2d0"),
      ("auditd.data.a3", "0"),
      ("auditd.data.arch", "x86_64"),
      ("auditd.data.argc", 4),
      ("auditd.data.exit", "0"),
      ("auditd.data.syscall", "execve"),
      ("auditd.data.tty", "pts0"),
      ("auditd.message_type", "syscall"),
      ("auditd.result", "success"),
      ("auditd.session", "3"),
      ("auditd.summary.actor.primary", "alice"),
      ("auditd.summary.actor.secondary", "alice"),
      ("auditd.summary.how", "/usr/bin/curl"),
      ("auditd.summary.object.type", "file"),
      ("auditd.summary.object.primary", "/usr/bin/curl"),
      ("auditd.user.audit.id", "1000"),
      ("auditd.user.audit.name", "alice"),
      ("auditd.user.saved.id", "0"),
      ("auditd.user.saved.name", "root"),
      ("auditd.user.saved.group.id", "1000"),
      ("auditd.user.saved.group.name", "alice"),
      ("auditd.user.filesystem.id", "0"),
      ("auditd.user.filesystem.name", "root"),
      ("auditd.user.filesystem.group.id", "1000"),
      ("auditd.user.filesystem.group.name", "alice"),
      ("tags", ["exec"]),
      ("service.type", "auditd"),
    ]
    for (name, value) in expected {
      #expect(document[name] == value, "\(name)")
    }
    #expect(document.fields.map(\.name) == expected.map(\.0))
  }

  @Test func sameEffectiveIdsAreNotRepeatedAndUnsetLoginIsLeftOut() throws {
    let document = try #require(
      AuditFixtures.mapper().document(for: try event(AuditFixtures.lsWithoutEnd, ended: false), ingestedAt: 0))
    #expect(document["user.id"] == "0")
    #expect(document["user.effective.id"] == nil)
    #expect(document["auditd.user.audit.id"] == nil)
    #expect(document["auditd.session"] == "unset")
    #expect(document["auditd.summary.actor.primary"] == "unset")
    #expect(document["tags"] == nil)
    #expect(document["process.args"] == ["ls", "ABCDEFGH"])  // a1 split in hex chunks
    #expect(document["process.working_directory"] == "/tmp/a b")  // hex cwd
    #expect(document["process.title"] == nil)
  }

  @Test func enrichedNamesNodeAndFailureAreUsed() throws {
    let document = try #require(
      AuditFixtures.mapper().document(for: try event(AuditFixtures.enrichedFailure), ingestedAt: 0))
    #expect(document["event.outcome"] == "failure")
    #expect(document["auditd.result"] == "fail")
    #expect(document["auditd.data.syscall"] == "execve")
    #expect(document["auditd.data.arch"] == "aarch64")
    #expect(document["user.name"] == "bob")  // from UID="bob", not from the local passwd (where 1000 is alice)
    #expect(document["user.group.name"] == "staff")
    #expect(document["host.name"] == "web-2")
    #expect(document["host.id"] == nil)  // another machine's log: no local host facts
    #expect(document["process.name"] == "sh")  // comm, as Auditbeat reports it
    #expect(document["process.args"] == ["./missing"])
  }

  @Test func otherSyscallsAreNotExecs() throws {
    #expect(AuditFixtures.mapper().document(for: try event(AuditFixtures.open), ingestedAt: 0) == nil)
    #expect(AuditSyscallTable.execName(arch: "c000003e", syscall: "322", enrichedName: nil) == "execveat")
    #expect(AuditSyscallTable.execName(arch: "40000003", syscall: "11", enrichedName: nil) == "execve")
    #expect(AuditSyscallTable.execName(arch: "c000003e", syscall: "11", enrichedName: nil) == nil)
  }
}
