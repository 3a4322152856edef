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
    if ci, shape == .prefix || shape == .suffix || shape == .contains, let matched = matchesLoweringASCII(input) {
      return matched
    }
    return shape == .matchAll || matchesGeneral(input, caseInsensitive: ci)
  }

  /// For a case-insensitive pattern of a literal shape: lowers an ASCII `input` a word at a time and compares it with
  /// the folded literal; `nil` for other input (non-ASCII input may fold in ways byte comparison misses).
  @usableFromInline
  func matchesLoweringASCII(_ input: UnsafeRawBufferPointer) -> Bool? {
    let shape = shape
    // The closures capture the literal's bytes, not the pattern: capturing it retained each of its arrays.
    return literalBytes.withUnsafeBytes { literal in
      ByteHash.withLoweredASCII(input, limit: WildcardList.foldingLimit) {
        Self.matchesLiteral(shape, literal, $0) ?? false
      }
    }
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

  /// The general case: `?`, inner `*`s, or scalars compared after folding.
  @usableFromInline
  func matchesGeneral(_ input: UnsafeRawBufferPointer, caseInsensitive ci: Bool) -> Bool {
    program.matches(input, caseInsensitive: ci)
  }
}
