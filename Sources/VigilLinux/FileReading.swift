import Glibc

/// Small, allocation-light file reads for /proc and /etc, with the errno kept for reporting.
enum FileReading {
  /// The outcome of a read.
  enum Outcome: Equatable {
    case bytes([UInt8])
    case missing
    case denied
    case failed(Int32)
  }

  /// Reads up to `limit` bytes of a file (files in /proc report size 0, so this reads until EOF).
  static func read(_ path: String, limit: Int = 1 << 20) -> Outcome {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return outcome(errno) }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while result.count < limit {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit - result.count)) }
      if count < 0 {
        if errno == EINTR { continue }
        return outcome(errno)
      }
      if count == 0 { break }
      result.append(contentsOf: chunk[0..<count])
    }
    return .bytes(result)
  }

  /// Reads a file as UTF-8 text (invalid bytes repaired), or `nil` when it cannot be read.
  static func text(_ path: String) -> String? {
    guard case .bytes(let bytes) = read(path) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The target of a symbolic link.
  static func link(_ path: String) -> (target: String?, outcome: Outcome) {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { return (nil, outcome(errno)) }
    let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
    return (String(decoding: bytes, as: UTF8.self), .bytes([]))
  }

  private static func outcome(_ code: Int32) -> Outcome {
    switch code {
    case ENOENT, ESRCH, ENOTDIR: .missing
    case EACCES, EPERM: .denied
    default: .failed(code)
    }
  }
}
