import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a source's bytes in chunks, inflating gzip (detected by its magic bytes) on the way.
final class ByteStream {
  private let fd: Int32
  private let ownsDescriptor: Bool
  private var gzip: GzipInflater?
  /// Raw bytes read ahead while sniffing for gzip.
  private var pending: [UInt8] = []

  /// Opens `source`; throws a message without the path.
  init(_ source: EventSource) throws(InputError) {
    switch source {
    case .standardInput:
      fd = 0
      ownsDescriptor = false
    case .file(let path):
      fd = open(path, O_RDONLY)
      guard fd >= 0 else { throw InputError(String(cString: strerror(errno)).lowercased()) }
      ownsDescriptor = true
    }
    var head = [UInt8](repeating: 0, count: 2)
    var got = 0
    while got < 2 {
      let n = head.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + got, 2 - got) }
      if n < 0 && errno == EINTR { continue }
      guard n >= 0 else { throw InputError(String(cString: strerror(errno)).lowercased()) }
      if n == 0 { break }
      got += n
    }
    pending = Array(head[0..<got])
    if got == 2 && head[0] == 0x1F && head[1] == 0x8B { gzip = try GzipInflater() }
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// Fills up to `buffer.count` bytes; 0 means the end of the source.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    if let gzip {
      return try gzip.inflate(into: buffer) { raw throws(InputError) in try readRaw(into: raw) }
    }
    return try readRaw(into: buffer)
  }

  private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
    if !pending.isEmpty {
      let count = min(pending.count, buffer.count)
      pending.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
      pending.removeFirst(count)
      return count
    }
    while true {
      let n = systemRead(fd, buffer.baseAddress!, buffer.count)
      if n >= 0 { return n }
      if errno != EINTR { throw InputError(String(cString: strerror(errno)).lowercased()) }
    }
  }
}

/// `read(2)`, named apart from the methods called `read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
