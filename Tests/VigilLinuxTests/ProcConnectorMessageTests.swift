import Testing

@testable import VigilLinux

@Suite struct ProcConnectorMessageTests {
  @Test func parsesAnExecRecordedOnThisKernel() {
    // Captured from kernel 6.18 (recv on a CN_IDX_PROC socket): exec of pid 0x7231 on cpu 1, cn seq 2.
    let payload = ConnectorBytes.hex("02000000010000007c8676e201020000317200003172000000000000000000000000000000000000")
    let batch = ProcConnectorMessage.parse(ConnectorBytes.message(payload, sequence: 2))
    #expect(batch.malformed == 0)
    #expect(
      batch.events == [
        ProcConnectorEvent(
          kind: .exec(pid: 0x7231, tgid: 0x7231), cpu: 1, sequence: 2, timestampNanoseconds: 0x0000_0201_e276_867c)
      ])
  }

  @Test func parsesForkWithParentAndChild() {
    let batch = ProcConnectorMessage.parse(ConnectorBytes.fork(parent: 100, child: 200, sequence: 7))
    #expect(batch.events.map(\.kind) == [.fork(parentPID: 100, parentTGID: 100, childPID: 200, childTGID: 200)])
    #expect(batch.events.first?.sequence == 7)
  }

  @Test func parsesExitWithStatusSignalAndParent() {
    let batch = ProcConnectorMessage.parse(ConnectorBytes.exit(pid: 300, status: 3 << 8, parent: 1))
    #expect(
      batch.events.map(\.kind) == [
        .exit(pid: 300, tgid: 300, exitCode: 768, exitSignal: 17, parentPID: 1, parentTGID: 1)
      ])
  }

  @Test func exitFromOlderKernelsHasNoParent() {
    let payload = ConnectorBytes.event(what: 0x8000_0000, words: [5, 5, 0, 17], pad: false)
    let batch = ProcConnectorMessage.parse(ConnectorBytes.message(payload))
    #expect(
      batch.events.map(\.kind) == [.exit(pid: 5, tgid: 5, exitCode: 0, exitSignal: 17, parentPID: nil, parentTGID: nil)]
    )
  }

  @Test func unknownEventsAreKeptByTheirWhatValue() {
    let payload = ConnectorBytes.event(what: 0x200, words: [9, 9, 0x6c6c_6568, 0x6f])  // PROC_EVENT_COMM
    let batch = ProcConnectorMessage.parse(ConnectorBytes.message(payload))
    #expect(batch.events.map(\.kind) == [.other(what: 0x200)])
    #expect(batch.malformed == 0)
  }

  @Test func acknowledgementCarriesTheError() {
    let payload = ConnectorBytes.event(what: 0, words: [1])
    #expect(
      ProcConnectorMessage.parse(ConnectorBytes.message(payload)).events.map(\.kind) == [.acknowledgement(error: 1)])
  }

  @Test func readsSeveralMessagesInOneDatagram() {
    let bytes =
      ConnectorBytes.fork(parent: 1, child: 2) + ConnectorBytes.exec(pid: 2)
      + ConnectorBytes.exit(pid: 2, status: 0, parent: 1)
    let batch = ProcConnectorMessage.parse(bytes)
    #expect(batch.events.count == 3)
    #expect(batch.malformed == 0)
  }

  @Test func truncatedDatagramsAreCountedNotTrusted() {
    let full = ConnectorBytes.exec(pid: 42)
    for length in [1, 15, 16, 30, 36, 50, full.count - 1] {
      let batch = ProcConnectorMessage.parse(Array(full.prefix(length)))
      #expect(batch.events.isEmpty, "prefix of \(length) bytes")
      #expect(batch.malformed == 1, "prefix of \(length) bytes")
    }
  }

  @Test func payloadShorterThanItsEventIsMalformed() {
    // A header that claims a fork but carries only 8 bytes of union.
    let payload = ConnectorBytes.event(what: 1, words: [1, 1], pad: false)
    let batch = ProcConnectorMessage.parse(ConnectorBytes.message(payload))
    #expect(batch.events.isEmpty)
    #expect(batch.malformed == 1)
  }

  @Test func connectorLengthPastTheMessageIsMalformed() {
    var bytes = ConnectorBytes.exec(pid: 42)
    bytes[32] = 200  // cn_msg.len
    #expect(ProcConnectorMessage.parse(bytes).malformed == 1)
  }

  @Test func otherConnectorsAndNetlinkErrorsAreSeparated() {
    let foreign = ConnectorBytes.message(ConnectorBytes.event(what: 2, words: [1, 1]), index: 4, value: 1)
    let error = ConnectorBytes.message([0, 0, 0, 0], type: 2)
    let batch = ProcConnectorMessage.parse(foreign + error)
    #expect(batch.events.isEmpty)
    #expect(batch.ignored == 1)
    #expect(batch.errors == 1)
  }

  @Test func subscriptionIsAListenRequestToTheProcConnector() {
    let bytes = ProcConnectorMessage.subscription()
    #expect(bytes.count == 40)
    #expect(Array(bytes[0..<4]) == ConnectorBytes.u32(40))  // nlmsg_len
    #expect(Array(bytes[4..<6]) == ConnectorBytes.u16(3))  // NLMSG_DONE
    #expect(Array(bytes[16..<24]) == ConnectorBytes.u32(1) + ConnectorBytes.u32(1))  // CN_IDX_PROC, CN_VAL_PROC
    #expect(Array(bytes[32..<34]) == ConnectorBytes.u16(4))  // cn_msg.len
    #expect(Array(bytes[36..<40]) == ConnectorBytes.u32(1))  // PROC_CN_MCAST_LISTEN
  }
}

@Suite struct SequenceTrackerTests {
  @Test func countsGapsPerCPU() {
    var tracker = SequenceTracker()
    #expect(tracker.record(cpu: 0, sequence: 10) == 0)  // first number seen starts the count
    #expect(tracker.record(cpu: 1, sequence: 0) == 0)
    #expect(tracker.record(cpu: 0, sequence: 11) == 0)
    #expect(tracker.record(cpu: 1, sequence: 1) == 0)
    #expect(tracker.record(cpu: 0, sequence: 15) == 3)
    #expect(tracker.record(cpu: 1, sequence: 2) == 0)
    #expect(tracker.lost == 3)
  }

  @Test func aLowerNumberRestartsTheCountWithoutLoss() {
    var tracker = SequenceTracker()
    tracker.record(cpu: 0, sequence: 100)
    #expect(tracker.record(cpu: 0, sequence: 3) == 0)
    #expect(tracker.record(cpu: 0, sequence: 4) == 0)
    #expect(tracker.lost == 0)
  }
}
