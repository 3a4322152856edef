extension WildcardPattern {
  /// Whether the UTF-8 `input` matches the whole pattern. Allocation-free.
  @inlinable
  public func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    matches(input, caseInsensitive: caseInsensitive)
  }

  /// Whether `input`, ASCII already lower-cased, matches: a case-insensitive pattern (whose literals are stored
  /// folded) then compares bytes directly. Lists of patterns fold an input once this way instead of once per pattern.
  @inlinable
  public func matches(foldedASCII input: UnsafeRawBufferPointer) -> Bool {
    matches(input, caseInsensitive: false)
  }

  @inlinable
  func matches(_ input: UnsafeRawBufferPointer, caseInsensitive ci: Bool) -> Bool {
    if ci, shape == .exact {
      return literalBytes.withUnsafeBytes { CaseFolding.equalFolded(input, folded: $0) }
    }
    if !ci, let matched = literalBytes.withUnsafeBytes({ Self.matchesLiteral(shape, $0, input) }) { return matched }
    return shape == .matchAll || matchesGeneral(input, caseInsensitive: ci)
  }

  /// Whether `input` matches a pattern of a simple shape (exact, prefix, suffix, contains, match-all) whose literal
  /// is `literal`, compared byte for byte; `nil` for the other shapes. Lists of patterns keep their literals
  /// elsewhere and call this too.
  @inlinable
  static func matchesLiteral(_ shape: Shape, _ literal: UnsafeRawBufferPointer, _ input: UnsafeRawBufferPointer)
    -> Bool?
  {
    let n = input.count
    switch shape {
    case .exact: return n == literal.count && ByteSearch.equal(input, at: 0, literal)
    case .prefix: return ByteSearch.equal(input, at: 0, literal)
    case .suffix: return ByteSearch.equal(input, at: n - literal.count, literal)
    case .contains: return ByteSearch.firstIndex(of: literal, in: input, from: 0, limit: n) != nil
    case .matchAll: return true
    case .prefixSuffix, .general: return nil
    }
  }

  /// Whether `string` matches the whole pattern (convenience for tests and compile-time use).
  public func matches(_ string: String) -> Bool {
    var s = string
    return s.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
  }

  /// Greedy leftmost matching of the segments: anchored first, anchored last, inner ones leftmost in between.
  @usableFromInline
  func matchesGeneral(_ input: UnsafeRawBufferPointer, caseInsensitive ci: Bool) -> Bool {
    // Borrow the segments through a buffer pointer: no retain/release of their arrays per call.
    segments.withUnsafeBufferPointer { segments in
      let n = input.count
      guard hasStar else { return segments[0].matchForward(input, at: 0, caseInsensitive: ci) == n }
      guard let start = segments[0].matchForward(input, at: 0, caseInsensitive: ci) else { return false }
      guard let end = segments[segments.count - 1].matchBackward(input, endingAt: n, caseInsensitive: ci),
        end >= start
      else { return false }
      var pos = start
      var k = 1
      while k < segments.count - 1 {
        guard let after = segments[k].search(input, from: pos, limit: end, caseInsensitive: ci) else { return false }
        pos = after
        k += 1
      }
      return true
    }
  }
}

extension WildcardSegment {
  /// Matches this segment at `i`; returns the index just past it, or `nil`.
  @inlinable
  func matchForward(_ p: UnsafeRawBufferPointer, at i: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      return bytes.withUnsafeBytes { ByteSearch.equal(p, at: i, $0) } ? i + bytes.count : nil
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
  @inlinable @inline(__always)
  func foldedASCIICompare(_ p: UnsafeRawBufferPointer, at i: Int) -> Bool? {
    let m = bytes.count
    return bytes.withUnsafeBufferPointer { needle -> Bool? in
      var k = 0
      while k < m {
        guard i + k < p.count else { return false }
        let b = p[i + k]
        if b >= 0x80 { return nil }
        if CaseFolding.asciiLower(b) != needle[k] { return false }
        k += 1
      }
      return true
    }
  }

  /// Scalar-by-scalar forward match (handles `?` and folding of any scalar).
  @inlinable
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
  @inlinable
  func matchBackward(_ p: UnsafeRawBufferPointer, endingAt end: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      let start = end - bytes.count
      return bytes.withUnsafeBytes { ByteSearch.equal(p, at: start, $0) } ? start : nil
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
  @inlinable
  func search(_ p: UnsafeRawBufferPointer, from: Int, limit: Int, caseInsensitive ci: Bool) -> Int? {
    if isPlainBytes {
      return bytes.withUnsafeBytes { needle in
        ByteSearch.firstIndex(of: needle, in: p, from: from, limit: limit).map { $0 + needle.count }
      }
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
