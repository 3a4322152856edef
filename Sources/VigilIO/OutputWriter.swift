#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered output to standard output or a file, for NDJSON results: bytes are collected and written in large
/// blocks, so printing many small documents costs one system call per block.
public final class OutputWriter {
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  private let blockSize = 1 << 16

  /// A writer to standard output.
  public init() {
    descriptor = STDOUT_FILENO
    ownsDescriptor = false
    buffer.reserveCapacity(blockSize)
  }

  /// A writer to a new file at `path` (replaced if it exists).
  public init(path: String) throws(InputError) {
    let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard opened >= 0 else {
      throw InputError("\(path): error: cannot write: \(String(cString: strerror(errno)).lowercased())")
    }
    descriptor = opened
    ownsDescriptor = true
    buffer.reserveCapacity(blockSize)
  }

  deinit {
    flush()
    if ownsDescriptor { close(descriptor) }
  }

  /// Appends bytes and a newline.
  public func writeLine<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    buffer.append(contentsOf: bytes)
    buffer.append(UInt8(ascii: "\n"))
    if buffer.count >= blockSize { flush() }
  }

  /// Appends a string and a newline.
  public func writeLine(_ text: String) {
    writeLine(text.utf8)
  }

  /// Writes out everything buffered.
  public func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { bytes in
      var written = 0
      while written < bytes.count {
        let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
        if result < 0 {
          if errno == EINTR { continue }
          break  // A closed pipe (`| head`) ends output; there is nowhere to report it.
        }
        written += result
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
