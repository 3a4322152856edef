/// The byte layout of process events connector messages, and their parser and builder.
///
/// A datagram holds one or more netlink messages, each `struct nlmsghdr` (16 bytes) + `struct cn_msg` (20 bytes)
/// + payload. For process events the payload is `struct proc_event`: `what` (u32), `cpu` (u32), `timestamp_ns`
/// (u64), then a union whose layout depends on `what`. All fields are in host byte order (little-endian here).
public enum ProcConnectorMessage {
  /// `NETLINK_CONNECTOR`, the netlink protocol number.
  public static let netlinkProtocol: Int32 = 11
  /// `CN_IDX_PROC` and `CN_VAL_PROC`: the connector id of process events; also the multicast group.
  public static let processIndex: UInt32 = 1
  public static let processValue: UInt32 = 1
  /// `PROC_CN_MCAST_LISTEN` and `PROC_CN_MCAST_IGNORE`.
  public static let listen: UInt32 = 1
  public static let ignore: UInt32 = 2

  static let netlinkHeaderSize = 16
  static let connectorHeaderSize = 20
  static let eventHeaderSize = 16

  enum What {
    static let none: UInt32 = 0
    static let fork: UInt32 = 0x0000_0001
    static let exec: UInt32 = 0x0000_0002
    static let exit: UInt32 = 0x8000_0000
  }

  enum NetlinkType {
    static let noop: UInt16 = 1
    static let error: UInt16 = 2
    static let done: UInt16 = 3
    static let overrun: UInt16 = 4
  }

  /// The message that subscribes a connector socket to process events (`op` ``listen``) or unsubscribes it.
  public static func subscription(op: UInt32 = listen, portID: UInt32 = 0) -> [UInt8] {
    var bytes: [UInt8] = []
    let total = netlinkHeaderSize + connectorHeaderSize + 4
    append32(UInt32(total), to: &bytes)
    append16(NetlinkType.done, to: &bytes)
    append16(0, to: &bytes)  // flags
    append32(0, to: &bytes)  // sequence
    append32(portID, to: &bytes)
    append32(processIndex, to: &bytes)
    append32(processValue, to: &bytes)
    append32(0, to: &bytes)  // cn_msg.seq
    append32(0, to: &bytes)  // cn_msg.ack
    append16(4, to: &bytes)  // cn_msg.len
    append16(0, to: &bytes)  // cn_msg.flags
    append32(op, to: &bytes)
    return bytes
  }

  /// Parses a datagram received from a connector socket. Never traps: bad lengths are counted as malformed.
  public static func parse(_ bytes: [UInt8]) -> ProcConnectorBatch {
    bytes.withUnsafeBytes { parse($0) }
  }

  /// Parses a datagram received from a connector socket.
  public static func parse(_ buffer: UnsafeRawBufferPointer) -> ProcConnectorBatch {
    var batch = ProcConnectorBatch()
    var offset = 0
    while buffer.count - offset >= netlinkHeaderSize {
      let length = Int(read32(buffer, offset))
      guard length >= netlinkHeaderSize, length <= buffer.count - offset else {
        batch.malformed += 1
        return batch
      }
      let type = read16(buffer, offset + 4)
      switch type {
      case NetlinkType.error, NetlinkType.overrun: batch.errors += 1
      case NetlinkType.done: parseConnector(buffer, from: offset + netlinkHeaderSize, to: offset + length, into: &batch)
      default: batch.ignored += 1
      }
      offset += (length + 3) & ~3  // NLMSG_ALIGN
    }
    if offset < buffer.count { batch.malformed += 1 }  // a tail too short for a header
    return batch
  }

  private static func parseConnector(
    _ buffer: UnsafeRawBufferPointer, from start: Int, to end: Int, into batch: inout ProcConnectorBatch
  ) {
    guard end - start >= connectorHeaderSize else {
      batch.malformed += 1
      return
    }
    guard read32(buffer, start) == processIndex, read32(buffer, start + 4) == processValue else {
      batch.ignored += 1
      return
    }
    let sequence = read32(buffer, start + 8)
    let payloadLength = Int(read16(buffer, start + 16))
    let payload = start + connectorHeaderSize
    guard payloadLength >= eventHeaderSize, payloadLength <= end - payload else {
      batch.malformed += 1
      return
    }
    let what = read32(buffer, payload)
    let cpu = read32(buffer, payload + 4)
    let timestamp = UInt64(read32(buffer, payload + 8)) | UInt64(read32(buffer, payload + 12)) << 32
    let data = payload + eventHeaderSize
    let available = payloadLength - eventHeaderSize
    func int(_ index: Int) -> Int32 { Int32(bitPattern: read32(buffer, data + 4 * index)) }
    func word(_ index: Int) -> UInt32 { read32(buffer, data + 4 * index) }

    let kind: ProcConnectorEvent.Kind
    switch what {
    case What.none:
      guard available >= 4 else {
        batch.malformed += 1
        return
      }
      kind = .acknowledgement(error: word(0))
    case What.fork:
      guard available >= 16 else {
        batch.malformed += 1
        return
      }
      kind = .fork(parentPID: int(0), parentTGID: int(1), childPID: int(2), childTGID: int(3))
    case What.exec:
      guard available >= 8 else {
        batch.malformed += 1
        return
      }
      kind = .exec(pid: int(0), tgid: int(1))
    case What.exit:
      guard available >= 16 else {
        batch.malformed += 1
        return
      }
      let hasParent = available >= 24
      kind = .exit(
        pid: int(0), tgid: int(1), exitCode: word(2), exitSignal: word(3),
        parentPID: hasParent ? int(4) : nil, parentTGID: hasParent ? int(5) : nil)
    default:
      kind = .other(what: what)
    }
    batch.events.append(ProcConnectorEvent(kind: kind, cpu: cpu, sequence: sequence, timestampNanoseconds: timestamp))
  }

  private static func read32(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    UInt32(buffer[offset]) | UInt32(buffer[offset + 1]) << 8 | UInt32(buffer[offset + 2]) << 16
      | UInt32(buffer[offset + 3]) << 24
  }

  private static func read16(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
    UInt16(buffer[offset]) | UInt16(buffer[offset + 1]) << 8
  }

  private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
  }

  private static func append16(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }
}
