/// Builds process connector datagrams byte by byte, as the kernel lays them out (little-endian), for tests.
enum ConnectorBytes {
  static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
  static func u16(_ value: UInt16) -> [UInt8] {
    [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
  }
  static func i32(_ value: Int32) -> [UInt8] { u32(UInt32(bitPattern: value)) }

  /// A `struct proc_event`: what, cpu, timestamp_ns, then the union's words, padded to the kernel's 40 bytes.
  static func event(what: UInt32, cpu: UInt32 = 0, timestamp: UInt64 = 0, words: [UInt32], pad: Bool = true) -> [UInt8]
  {
    var bytes = u32(what) + u32(cpu) + u32(UInt32(truncatingIfNeeded: timestamp)) + u32(UInt32(timestamp >> 32))
    for word in words { bytes += u32(word) }
    if pad, bytes.count < 40 { bytes += [UInt8](repeating: 0, count: 40 - bytes.count) }
    return bytes
  }

  /// `nlmsghdr` + `cn_msg` around a payload.
  static func message(
    _ payload: [UInt8], sequence: UInt32 = 0, index: UInt32 = 1, value: UInt32 = 1, type: UInt16 = 3
  ) -> [UInt8] {
    let connector = u32(index) + u32(value) + u32(sequence) + u32(0) + u16(UInt16(payload.count)) + u16(0) + payload
    return u32(UInt32(16 + connector.count)) + u16(type) + u16(0) + u32(0) + u32(0) + connector
  }

  static func exec(pid: Int32, cpu: UInt32 = 0, sequence: UInt32 = 0, timestamp: UInt64 = 0) -> [UInt8] {
    message(event(what: 2, cpu: cpu, timestamp: timestamp, words: [UInt32(pid), UInt32(pid)]), sequence: sequence)
  }

  static func fork(parent: Int32, child: Int32, childThread: Int32? = nil, sequence: UInt32 = 0) -> [UInt8] {
    let words = [parent, parent, childThread ?? child, child].map { UInt32(bitPattern: $0) }
    return message(event(what: 1, words: words), sequence: sequence)
  }

  static func exit(pid: Int32, status: UInt32, parent: Int32, sequence: UInt32 = 0) -> [UInt8] {
    let words = [UInt32(pid), UInt32(pid), status, 17, UInt32(parent), UInt32(parent)]
    return message(event(what: 0x8000_0000, words: words), sequence: sequence)
  }

  static func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(index, offsetBy: 2)
      bytes.append(UInt8(text[index..<next], radix: 16)!)
      index = next
    }
    return bytes
  }
}
