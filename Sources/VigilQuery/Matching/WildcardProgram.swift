/// A wildcard pattern's segments laid out for matching: the bytes and scalars of all segments in two pools, and
/// per segment its ranges in them. Matching borrows the pools once; a segment is then a plain view
/// (``WildcardSegmentView``), where a ``WildcardSegment`` read from an array retained its two arrays.
@usableFromInline
final class WildcardProgram: Sendable {
  private struct Segment {
    var bytes: Range<Int>
    var elements: Range<Int>
    var isPlainBytes: Bool
    var isFoldedASCII: Bool
  }

  private let segments: [Segment]
  private let bytes: [UInt8]
  private let elements: [UInt32]
  private let hasStar: Bool

  init(_ segments: [WildcardSegment], hasStar: Bool) {
    var bytes: [UInt8] = []
    var elements: [UInt32] = []
    self.segments = segments.map { segment in
      let byteStart = bytes.count
      let elementStart = elements.count
      bytes += segment.bytes
      elements += segment.elements
      return Segment(
        bytes: byteStart..<bytes.count, elements: elementStart..<elements.count, isPlainBytes: segment.isPlainBytes,
        isFoldedASCII: segment.isFoldedASCII)
    }
    self.bytes = bytes
    self.elements = elements
    self.hasStar = hasStar
  }

  /// Greedy leftmost matching of the segments: anchored first, anchored last, inner ones leftmost in between.
  func matches(_ input: UnsafeRawBufferPointer, caseInsensitive ci: Bool) -> Bool {
    segments.withUnsafeBufferPointer { segments in
      bytes.withUnsafeBytes { bytes in
        elements.withUnsafeBufferPointer { elements in
          func view(_ position: Int) -> WildcardSegmentView {
            let segment = segments[position]
            return WildcardSegmentView(
              bytes: UnsafeRawBufferPointer(rebasing: bytes[segment.bytes]),
              elements: UnsafeBufferPointer(rebasing: elements[segment.elements]), isPlainBytes: segment.isPlainBytes,
              isFoldedASCII: segment.isFoldedASCII)
          }
          let n = input.count
          guard hasStar else { return view(0).matchForward(input, at: 0, caseInsensitive: ci) == n }
          guard let start = view(0).matchForward(input, at: 0, caseInsensitive: ci) else { return false }
          guard let end = view(segments.count - 1).matchBackward(input, endingAt: n, caseInsensitive: ci),
            end >= start
          else { return false }
          var position = start
          for inner in segments.indices.dropFirst().dropLast() {
            guard let after = view(inner).search(input, from: position, limit: end, caseInsensitive: ci) else {
              return false
            }
            position = after
          }
          return true
        }
      }
    }
  }
}

/// A segment of a ``WildcardProgram``, borrowed from its pools: copying one retains nothing.
struct WildcardSegmentView {
  /// UTF-8 of `elements` when there is no `?`.
  let bytes: UnsafeRawBufferPointer
  /// Scalars (folded when case-insensitive), with ``WildcardSegment/anyScalar`` for `?`.
  let elements: UnsafeBufferPointer<UInt32>
  /// See ``WildcardSegment/isPlainBytes``.
  let isPlainBytes: Bool
  /// See ``WildcardSegment/isFoldedASCII``.
  let isFoldedASCII: Bool

  /// Matches this segment at `i`; returns the index just past it, or `nil`.
  func matchForward(_ p: UnsafeRawBufferPointer, at i: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      return ByteSearch.equal(p, at: i, bytes) ? i + bytes.count : nil
    }
    if isFoldedASCII {
      switch foldedASCIICompare(p, at: i) {
      case .some(true): return i + bytes.count
      case .some(false): return nil
      case .none: break  // non-ASCII input: take the scalar path
      }
    }
    return matchScalars(p, at: i, caseInsensitive: ci)
  }

  /// Compares `bytes` with the lower-cased input at `i`: `true`/`false`, or `nil` when a non-ASCII input byte is met
  /// before a mismatch.
  @inline(__always)
  func foldedASCIICompare(_ p: UnsafeRawBufferPointer, at i: Int) -> Bool? {
    let m = bytes.count
    var k = 0
    while k < m {
      guard i + k < p.count else { return false }
      let b = p[i + k]
      if b >= 0x80 { return nil }
      if CaseFolding.asciiLower(b) != bytes[k] { return false }
      k += 1
    }
    return true
  }

  /// Scalar-by-scalar forward match (handles `?` and folding of any scalar).
  func matchScalars(_ p: UnsafeRawBufferPointer, at i: Int, caseInsensitive ci: Bool) -> Int? {
    let n = p.count
    var j = i
    for e in elements {
      guard j < n else { return nil }
      let b = p[j]
      if b < 0x80 {
        if e != WildcardSegment.anyScalar && UInt32(ci ? CaseFolding.asciiLower(b) : b) != e { return nil }
        j += 1
        continue
      }
      let (s, len) = UTF8Scalars.decode(p, at: j)
      if e != WildcardSegment.anyScalar && (ci ? CaseFolding.lowercase(s) : s) != e { return nil }
      j += len
    }
    return j
  }

  /// Matches this segment so that it ends exactly at `end`; returns where it starts, or `nil`.
  func matchBackward(_ p: UnsafeRawBufferPointer, endingAt end: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      let start = end - bytes.count
      return ByteSearch.equal(p, at: start, bytes) ? start : nil
    }
    if isFoldedASCII {
      let start = end - bytes.count
      guard start >= 0 else { return nil }  // every pattern scalar needs at least one input byte
      switch foldedASCIICompare(p, at: start) {
      case .some(true): return start
      case .some(false):
        // A mismatch after a non-ASCII byte could still be a match through multi-byte folding; decide on scalars.
        var hasNonASCII = false
        for k in start..<end where p[k] >= 0x80 {
          hasNonASCII = true
          break
        }
        if !hasNonASCII { return nil }
      case .none: break
      }
    }
    var j = end
    var k = elements.count
    while k > 0 {
      k -= 1
      guard j > 0 else { return nil }
      let e = elements[k]
      let (s, len) = UTF8Scalars.decodeBackward(p, endingAt: j)
      if e != WildcardSegment.anyScalar && (ci ? CaseFolding.lowercase(s) : s) != e { return nil }
      j -= len
    }
    return j
  }

  /// Finds the leftmost occurrence starting at or after `from` and ending at or before `limit`; returns its end.
  func search(_ p: UnsafeRawBufferPointer, from: Int, limit: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      return ByteSearch.firstIndex(of: bytes, in: p, from: from, limit: limit).map { $0 + bytes.count }
    }
    var i = from
    if isFoldedASCII, let first = bytes.first {
      // Jump between candidates: either case of the first byte, or a non-ASCII byte (it may fold to ASCII).
      let upper = (0x61...0x7A).contains(first) ? first ^ 0x20 : first
      while let k = ByteSearch.firstCandidate(in: p, from: i, limit: limit, first, upper) {
        if let end = matchForward(p, at: k, caseInsensitive: ci), end <= limit { return end }
        i = k + (p[k] < 0x80 ? 1 : UTF8Scalars.decode(p, at: k).length)
      }
      return nil
    }
    while i < limit {
      if let end = matchForward(p, at: i, caseInsensitive: ci), end <= limit { return end }
      i += p[i] < 0x80 ? 1 : UTF8Scalars.decode(p, at: i).length
    }
    return nil
  }
}
