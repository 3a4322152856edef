import Testing

@testable import VigilLinux

@Suite struct ProcessEventBuilderTests {
  func documents(_ bytes: [UInt8], _ builder: inout ProcessEventBuilder) -> [ECSDocument] {
    builder.documents(for: ProcConnectorMessage.parse(bytes))
  }

  @Test func execIsDescribedFieldByFieldLikeDefend() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    let document = try #require(documents(ConnectorBytes.exec(pid: 100, timestamp: 4_000_000_000), &builder).first)
    let entity = ProcessEventBuilder.entityID(hostID: "abc", pid: 100, startTicks: 12345)
    #expect(entity == "YWJjLTEwMC0xMjM0NQ==")  // base64("abc-100-12345")
    let expected: [(String, ECSValue)] = [
      ("@timestamp", "2023-11-14T22:13:19.000Z"),  // realtime - monotonic + kernel timestamp
      ("agent.type", "vigil"),
      ("data_stream.dataset", "endpoint.events.process"),
      ("data_stream.namespace", "default"),
      ("data_stream.type", "logs"),
      ("ecs.version", .string(ECSVersion.current)),
      ("event.action", "exec"),
      ("event.category", ["process"]),
      ("event.dataset", "endpoint.events.process"),
      ("event.ingested", "2023-11-14T22:13:20.000Z"),
      ("event.kind", "event"),
      ("event.module", "endpoint"),
      ("event.sequence", 1),
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
      ("process.pid", 100),
      ("process.entity_id", .string(entity)),
      ("process.name", "curl"),
      ("process.executable", "/usr/bin/curl"),
      ("process.args", ["curl", "-s", "http://example.com/a b"]),
      ("process.args_count", 3),
      ("process.command_line", "curl -s http://example.com/a b"),
      ("process.working_directory", "/home/alice"),
      ("process.interactive", true),  // it has a controlling terminal
      ("process.user.id", "0"),
      ("process.user.name", "root"),
      ("process.real_user.id", "1000"),
      ("process.real_user.name", "alice"),
      ("process.group.id", "1000"),
      ("process.group.name", "alice"),
      ("process.real_group.id", "1000"),
      ("process.real_group.name", "alice"),
      ("process.start", "2023-11-14T22:15:23.450Z"),  // btime + 12345 ticks / 100
      ("process.thread.capabilities.effective", ["CAP_SETUID"]),
      ("process.thread.capabilities.permitted", ["CAP_SETGID", "CAP_SETUID"]),
      ("process.parent.pid", 1),
      ("process.parent.entity_id", "YWJjLTEtMQ=="),
      ("process.parent.name", "systemd"),
      ("process.parent.executable", "/usr/lib/systemd/systemd"),
      ("process.parent.args", ["/sbin/init"]),
      ("process.parent.args_count", 1),
      ("process.parent.command_line", "/sbin/init"),
      ("process.parent.working_directory", "/"),
      ("process.parent.interactive", false),
      ("process.parent.user.id", "0"),
      ("process.parent.user.name", "root"),
      ("process.parent.real_user.id", "0"),
      ("process.parent.real_user.name", "root"),
      ("process.parent.group.id", "0"),
      ("process.parent.group.name", "root"),
      ("process.parent.real_group.id", "0"),
      ("process.parent.real_group.name", "root"),
      ("process.group_leader.pid", 100),
      ("process.group_leader.entity_id", .string(entity)),
      ("process.group_leader.name", "curl"),
      ("process.group_leader.executable", "/usr/bin/curl"),
      ("process.session_leader.pid", 90),  // not in /proc: only its pid is known
      ("user.id", "0"),
      ("user.name", "root"),
      ("user.Ext.real.id", "1000"),
      ("user.Ext.real.name", "alice"),
      ("group.id", "1000"),
      ("group.name", "alice"),
      ("group.Ext.real.id", "1000"),
      ("group.Ext.real.name", "alice"),
    ]
    for (name, value) in expected {
      #expect(document[name] == value, "\(name)")
    }
    #expect(document.fields.map(\.name) == expected.map(\.0))  // nothing else, in this order
  }

  @Test func forkDescribesTheChildAsACopyOfItsParent() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }
    // By the time /proc is read, the child has already exec'd ls: the fork must still show curl's image.
    try fixture.addProcess(
      pid: 101, command: "ls", name: "ls", parent: 100, group: 100, session: 90, start: 12400,
      uids: "1000\t0\t0\t0", gids: "1000\t1000\t1000\t1000", cmdline: ["ls", "-l"], exe: "/usr/bin/ls",
      cwd: "/home/alice")
    var builder = fixture.builder()
    let document = try #require(documents(ConnectorBytes.fork(parent: 100, child: 101), &builder).first)
    #expect(document["event.action"] == "fork")
    #expect(document["event.type"] == ["start"])
    #expect(document["process.pid"] == 101)
    #expect(document["process.executable"] == "/usr/bin/curl")
    #expect(document["process.args"] == ["curl", "-s", "http://example.com/a b"])
    #expect(
      document["process.entity_id"]
        == .string(ProcessEventBuilder.entityID(hostID: "abc", pid: 101, startTicks: 12400)))
    #expect(document["process.parent.pid"] == 100)
    #expect(document["process.parent.executable"] == "/usr/bin/curl")
    #expect(
      document["process.parent.entity_id"]
        == .string(ProcessEventBuilder.entityID(hostID: "abc", pid: 100, startTicks: 12345)))
    // The exec that follows describes the new image, with the same entity id.
    let exec = try #require(documents(ConnectorBytes.exec(pid: 101), &builder).first)
    #expect(exec["process.executable"] == "/usr/bin/ls")
    #expect(exec["process.entity_id"] == document["process.entity_id"])
  }

  @Test func threadsAreNotProcesses() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    let bytes =
      ConnectorBytes.fork(parent: 100, child: 100, childThread: 150)
      + ConnectorBytes.message(ConnectorBytes.event(what: 0x8000_0000, words: [150, 100, 0, 0, 1, 1]))
    #expect(documents(bytes, &builder).isEmpty)
    #expect(builder.statistics.threadEvents == 2)
  }

  @Test func exitReportsTheExitCodeAndWhatTheCacheKnows() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    _ = documents(ConnectorBytes.exec(pid: 100), &builder)
    try fixture.folder.write("proc/100/stat", "")  // the process is gone from /proc now
    let ended = try #require(documents(ConnectorBytes.exit(pid: 100, status: 9 << 8, parent: 1), &builder).first)
    #expect(ended["event.action"] == "end")
    #expect(ended["event.type"] == ["end"])
    #expect(ended["process.exit_code"] == 9)
    #expect(ended["process.executable"] == "/usr/bin/curl")
    #expect(ended["process.args"] == ["curl", "-s", "http://example.com/a b"])
    #expect(ended["process.parent.name"] == "systemd")
    #expect(builder.cache[100] == nil)
  }

  @Test func killedBySignalReads128PlusTheSignal() {
    #expect(ProcessEventBuilder.exitCode(status: 9) == 137)
    #expect(ProcessEventBuilder.exitCode(status: 0) == 0)
    #expect(ProcessEventBuilder.exitCode(status: 1 << 8) == 1)
  }

  @Test func aProcessGoneBeforeProcIsReadIsStillReported() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    // pid 555 forks from curl and is gone before we look: the fork copies the parent, the exec knows lineage only.
    let batch = documents(ConnectorBytes.fork(parent: 100, child: 555) + ConnectorBytes.exec(pid: 555), &builder)
    #expect(batch.count == 2)
    let exec = try #require(batch.last)
    #expect(exec["event.action"] == "exec")
    #expect(exec["process.pid"] == 555)
    #expect(exec["process.executable"] == nil)
    #expect(exec["process.parent.pid"] == 100)
    #expect(exec["process.parent.name"] == "curl")
    #expect(exec["user.id"] == "0")  // credentials carried from the fork
    #expect(builder.statistics.vanished == 1)
  }

  @Test func anUnknownProcessWithNoHistoryHasItsPidOnly() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    // No fork seen: the exec waits for one (it may come from another CPU), then goes out with what is known.
    #expect(documents(ConnectorBytes.exec(pid: 777, timestamp: 4_000_000_000), &builder).isEmpty)
    let arrival = ProcFixture.clock.monotonic()
    #expect(builder.nextForkDeadline == arrival + builder.forkWaitNanoseconds)
    #expect(builder.releaseExecsAwaitingFork(by: arrival + builder.forkWaitNanoseconds - 1).isEmpty)
    let released = builder.releaseExecsAwaitingFork(by: arrival + builder.forkWaitNanoseconds)
    let document = try #require(released.first)
    #expect(released.count == 1)
    #expect(document["process.pid"] == 777)
    #expect(document["process.parent.pid"] == nil)
    #expect(document["event.action"] == "exec")
    #expect(document["@timestamp"] == "2023-11-14T22:13:19.000Z")  // the exec's own time, not the release's
    #expect(builder.nextForkDeadline == nil)
    #expect(builder.statistics.vanished == 1)
    #expect(builder.statistics.execsHeldForFork == 1)
  }

  /// The connector orders messages per CPU only: a child's exec, sent from one CPU, can come before its fork, sent
  /// from another. When the child is gone before /proc is read, its exec waits for the fork, and goes out right
  /// after it with the parent and credentials the fork told.
  @Test func anExecThatComesBeforeItsForkWaitsForIt() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    #expect(documents(ConnectorBytes.exec(pid: 555), &builder).isEmpty)
    let batch = documents(ConnectorBytes.fork(parent: 100, child: 555), &builder)
    #expect(batch.map { $0["event.action"] } == ["fork", "exec"])
    let exec = try #require(batch.last)
    #expect(exec["process.pid"] == 555)
    #expect(exec["process.parent.pid"] == 100)
    #expect(exec["process.parent.name"] == "curl")
    #expect(exec["user.id"] == "0")  // credentials carried from the fork
    #expect(builder.nextForkDeadline == nil)
    #expect(builder.releaseExecsAwaitingFork(by: nil).isEmpty)
  }

  /// An exit can come before the fork too: the held exec goes out before the exit, with the parent the exit names.
  @Test func anExitReleasesTheExecWaitingForItsFork() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    #expect(documents(ConnectorBytes.exec(pid: 556), &builder).isEmpty)
    let batch = documents(ConnectorBytes.exit(pid: 556, status: 0, parent: 100), &builder)
    #expect(batch.map { $0["event.action"] } == ["exec", "end"])
    #expect(batch.first?["process.parent.pid"] == 100)
    #expect(batch.first?["process.parent.name"] == "curl")
    #expect(builder.nextForkDeadline == nil)
  }

  /// Another process's fork, or a thread the process starts, does not release the exec.
  @Test func onlyItsOwnForkOrExitReleasesAnExec() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    #expect(documents(ConnectorBytes.exec(pid: 557), &builder).isEmpty)
    #expect(documents(ConnectorBytes.fork(parent: 100, child: 558), &builder).map { $0["process.pid"] } == [558])
    #expect(documents(ConnectorBytes.fork(parent: 557, child: 557, childThread: 559), &builder).isEmpty)
    #expect(builder.nextForkDeadline != nil)
    #expect(builder.releaseExecsAwaitingFork(by: nil).map { $0["process.pid"] } == [557])
  }

  @Test func sequenceGapsAndMalformedMessagesAreCounted() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    _ = documents(ConnectorBytes.exec(pid: 100, sequence: 1), &builder)
    _ = documents(ConnectorBytes.exec(pid: 100, sequence: 5), &builder)
    _ = documents(Array(ConnectorBytes.exec(pid: 100).prefix(20)), &builder)
    builder.recordOverrun()
    #expect(builder.statistics.lostMessages == 3)
    #expect(builder.statistics.malformed == 1)
    #expect(builder.statistics.overruns == 1)
    #expect(builder.statistics.hasDrops)
    #expect(builder.statistics.summary.contains("dropped 3"))
  }

  @Test func unknownEventsAndAcknowledgementsMakeNoDocument() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }  // the files live until the test ends
    var builder = fixture.builder()
    let bytes =
      ConnectorBytes.message(ConnectorBytes.event(what: 0, words: [0]))
      + ConnectorBytes.message(ConnectorBytes.event(what: 0x40, words: [100, 100, 0, 0]))
    #expect(documents(bytes, &builder).isEmpty)
    #expect(builder.statistics.otherEvents == 1)
  }

  @Test func theCacheStaysWithinItsCapacity() {
    var cache = ProcessCache(capacity: 3)
    for pid in 1...10 { cache.insert(ProcessSnapshot(pid: Int32(pid))) }
    #expect(cache.count == 3)
    #expect(cache[10] != nil && cache[8] != nil && cache[7] == nil)
    #expect(cache.evicted == 7)
  }
}
