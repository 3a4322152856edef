/// Lower-casing for case-insensitive comparisons, as Elasticsearch's case-insensitive term and wildcard queries
/// compare: character by character, after the simple lower-case mapping.
enum CaseFold {
  @inline(__always)
  static func lowerASCII(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes where byte >= 0x80 { return false }
    return true
  }

  /// Lower-cases each Unicode scalar by its own lower-case mapping (one scalar to one or more).
  static func lowercased(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        result.append(Unicode.Scalar(lowerASCII(UInt8(scalar.value))))
      } else {
        result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    return String(result)
  }
}
