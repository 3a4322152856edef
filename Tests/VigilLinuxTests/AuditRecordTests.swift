import Testing

@testable import VigilLinux

@Suite struct AuditRecordTests {
  @Test func parsesTypeTimestampSerialAndFields() throws {
    let record = try #require(AuditRecord.parse(AuditFixtures.curl[0][...]))
    #expect(record.type == "SYSCALL")
    #expect(record.timestampMilliseconds == 1_700_000_000_123)
    #expect(record.serial == 456)
    #expect(record.node == nil)
    #expect(record["syscall"] == "59")
    #expect(record["comm"] == "curl")
    #expect(record.field("comm")?.quoted == true)
    #expect(record.field("a0")?.quoted == false)
    #expect(record["key"] == "exec")
  }

  @Test func bareValuesAreHexAndQuotedValuesLiteral() throws {
    let execve = try #require(AuditRecord.parse(AuditFixtures.curl[1][...]))
    #expect(execve.decoded("a2") == "http://example.com/a b")
    #expect(execve.decoded("a1") == "-s")
    let syscall = try #require(AuditRecord.parse(AuditFixtures.open[0][...]))
    #expect(syscall.decoded("key") == nil)  // (null)
  }

  @Test func shortFractionsAreScaledToMilliseconds() throws {
    let record = try #require(AuditRecord.parse(AuditFixtures.enrichedFailure[0][...]))
    #expect(record.timestampMilliseconds == 1_700_000_001_500)
    #expect(record.node == "web-2")
    #expect(record["SYSCALL"] == "execve")
    #expect(record["AUID"] == "bob")
    #expect(record["key"] == "(null)")
  }

  @Test func userSpaceMessagesExposeTheirNestedFields() throws {
    let line =
      #"type=USER_CMD msg=audit(1610876676.623:460): pid=14178 uid=1002 auid=1002 ses=15 msg='cwd="/home/alice" cmd=62617368 terminal=pts/1 res=success'"#
    let record = try #require(AuditRecord.parse(line[...]))
    #expect(record.type == "USER_CMD")
    #expect(record["cwd"] == "/home/alice")
    #expect(record.decoded("cmd") == "bash")
    #expect(record["res"] == "success")
  }

  @Test func linesThatAreNotRecordsAreRejected() {
    for line in [
      "", "hello world", "type=SYSCALL arch=c000003e", "type=SYSCALL msg=audit(abc:1): x=1", "msg=audit(1.0:1): x=1",
    ] {
      #expect(AuditRecord.parse(line[...]) == nil, "\(line)")
    }
  }
}

@Suite struct AuditEventAssemblerTests {
  func records(_ lines: [String]) -> [AuditRecord] { lines.compactMap { AuditRecord.parse($0[...]) } }

  @Test func interleavedRecordsJoinByTheirSerial() {
    var assembler = AuditEventAssembler()
    // Records of 456 and 457 alternate, as they do when two CPUs log at once.
    let a = records(AuditFixtures.curl)
    let b = records(AuditFixtures.open)
    var closed: [AuditEvent] = []
    for record in [a[0], b[0], a[1], b[1], a[2], a[3], b[2], a[4], a[5], a[6]] { closed += assembler.add(record) }
    #expect(closed.map(\.serial) == [457, 456])
    #expect(closed.map(\.records.count) == [2, 6])  // EOE closes the event and is not kept
    #expect(closed.allSatisfy { $0.ended })
    #expect(assembler.pending == 0)
  }

  @Test func eventsWithoutEOECloseAtTheEnd() {
    var assembler = AuditEventAssembler()
    var closed: [AuditEvent] = []
    for record in records(AuditFixtures.lsWithoutEnd) { closed += assembler.add(record) }
    #expect(closed.isEmpty)
    closed = assembler.finish()
    #expect(closed.map(\.serial) == [458])
    #expect(closed.first?.ended == false)
    #expect(assembler.closedWithoutEnd == 1)
  }

  @Test func eventsWithoutEOECloseWhenMuchNewerRecordsArrive() {
    var assembler = AuditEventAssembler(maximumAgeMilliseconds: 2000)
    for record in records(AuditFixtures.lsWithoutEnd) { _ = assembler.add(record) }
    let later = AuditRecord.parse(#"type=SYSCALL msg=audit(1700000005.000:900): arch=c000003e syscall=59"#[...])!
    #expect(assembler.add(later).map(\.serial) == [458])
    #expect(assembler.pending == 1)
  }

  @Test func tooManyOpenEventsCloseTheOldest() {
    var assembler = AuditEventAssembler(maximumPending: 2)
    var closed: [AuditEvent] = []
    for serial in 1...4 {
      closed += assembler.add(
        AuditRecord(type: "SYSCALL", timestampMilliseconds: 0, serial: UInt64(serial), fields: []))
    }
    #expect(closed.map(\.serial) == [1, 2])
  }
}
