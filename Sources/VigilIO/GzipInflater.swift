import CZlib

/// zlib's inflate over a stream of gzip members (concatenated members are read one after another).
final class GzipInflater {
  private var stream = z_stream()
  private let input: UnsafeMutableRawBufferPointer
  private var inputEnded = false
  private var memberEnded = false

  init() throws(InputError) {
    input = .allocate(byteCount: 1 << 18, alignment: 16)
    let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      input.deallocate()
      throw InputError("cannot start gzip decompression (zlib error \(status))")
    }
  }

  deinit {
    inflateEnd(&stream)
    input.deallocate()
  }

  /// Inflates into `buffer`, pulling compressed bytes from `readRaw`; 0 means the end of the last member.
  func inflate(
    into buffer: UnsafeMutableRawBufferPointer, readRaw: (UnsafeMutableRawBufferPointer) throws(InputError) -> Int
  ) throws(InputError) -> Int {
    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = UInt32(buffer.count)
    while stream.avail_out > 0 {
      if stream.avail_in == 0 && !inputEnded {
        let n = try readRaw(input)
        if n == 0 {
          inputEnded = true
        } else {
          stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
          stream.avail_in = UInt32(n)
        }
      }
      if memberEnded {
        // Another member follows only when there is more input.
        guard stream.avail_in > 0 else { break }
        inflateReset(&stream)
        memberEnded = false
      }
      if stream.avail_in == 0 && inputEnded {
        guard memberEnded else {
          // Hand out what was inflated; the next call reports the truncation.
          if stream.avail_out < UInt32(buffer.count) { break }
          throw InputError("truncated gzip stream (the file ends inside compressed data)")
        }
        break
      }
      let status = CZlib.inflate(&stream, Z_NO_FLUSH)
      switch status {
      case Z_STREAM_END:
        memberEnded = true
      case Z_OK, Z_BUF_ERROR:
        break
      default:
        let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        throw InputError("corrupt gzip data: \(reason)")
      }
    }
    return buffer.count - Int(stream.avail_out)
  }
}
