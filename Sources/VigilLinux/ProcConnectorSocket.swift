import Glibc

/// A netlink socket subscribed to the kernel's process events connector. It owns its file descriptor.
///
/// Receiving blocks in `poll` (no busy loop), waking for a datagram or when a wake descriptor (see ``StopSignal``)
/// becomes readable. Receive from one thread at a time; sending from another is safe.
public final class ProcConnectorSocket: @unchecked Sendable {
  /// What a receive produced.
  public enum Reception: Equatable {
    case datagram([UInt8])
    /// The socket's buffer overflowed (`ENOBUFS`): the kernel dropped messages we will never see.
    case overrun
    /// The wake descriptor became readable: the caller asked to stop.
    case woken
    case timedOut
  }

  public let descriptor: Int32
  private var buffer = [UInt8](repeating: 0, count: 64 << 10)

  /// Opens a connector socket and joins the process events multicast group, asking for a receive buffer of
  /// `receiveBufferBytes` (forced past the system limit when privileged).
  public init(receiveBufferBytes: Int32 = 8 << 20) throws(LinuxSensorError) {
    let fd = socket(
      AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), ProcConnectorMessage.netlinkProtocol)
    guard fd >= 0 else {
      let code = errno
      switch code {
      case EPERM, EACCES: throw .permissionDenied(operation: "opening a NETLINK_CONNECTOR socket")
      case EPROTONOSUPPORT, EAFNOSUPPORT: throw .connectorUnavailable(reason: LinuxSensorError.message(code))
      default: throw .system(operation: "socket(AF_NETLINK, NETLINK_CONNECTOR)", errno: code)
      }
    }
    descriptor = fd
    var size = receiveBufferBytes
    let length = socklen_t(MemoryLayout<Int32>.size)
    if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
      _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, length)
    }
    // struct sockaddr_nl: family (u16), pad (u16), pid (u32, 0: the kernel picks), groups (u32 bit mask).
    var address = sockaddr_storage()
    let bound = withUnsafeMutableBytes(of: &address) { raw -> Int32 in
      raw.storeBytes(of: UInt16(AF_NETLINK), toByteOffset: 0, as: UInt16.self)
      raw.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
      raw.storeBytes(of: ProcConnectorMessage.processIndex, toByteOffset: 8, as: UInt32.self)
      return bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), 12)
    }
    guard bound == 0 else {
      let code = errno
      close(fd)
      if code == EPERM || code == EACCES { throw .permissionDenied(operation: "joining the process events group") }
      throw .system(operation: "bind(NETLINK_CONNECTOR, CN_IDX_PROC)", errno: code)
    }
  }

  deinit { close(descriptor) }

  /// Sends a listen (or ignore) request. The kernel answers with an acknowledgement event.
  public func send(op: UInt32 = ProcConnectorMessage.listen) throws(LinuxSensorError) {
    let message = ProcConnectorMessage.subscription(op: op)
    let sent = message.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
    guard sent == message.count else {
      let code = errno
      if code == EPERM || code == EACCES { throw .permissionDenied(operation: "subscribing to process events") }
      throw .system(operation: "send(PROC_CN_MCAST_LISTEN)", errno: code)
    }
  }

  /// Waits for the next datagram, a wake-up on any of `wake`, or the timeout (`-1`: none).
  public func receive(wake: [Int32] = [], timeoutMilliseconds: Int32 = -1) throws(LinuxSensorError) -> Reception {
    var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
    for fd in wake { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
    while true {
      let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
      if ready < 0 {
        if errno == EINTR { continue }
        throw .system(operation: "poll", errno: errno)
      }
      if ready == 0 { return .timedOut }
      if descriptors.dropFirst().contains(where: { $0.revents != 0 }) { return .woken }
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
      if count >= 0 { return .datagram(Array(buffer[0..<count])) }
      switch errno {
      case ENOBUFS: return .overrun
      case EAGAIN, EINTR: continue
      case let code: throw .system(operation: "recv(NETLINK_CONNECTOR)", errno: code)
      }
    }
  }
}
