/// The fields Vigil uses from `/proc/PID/status` (`Name`, `PPid`, `Uid`, `Gid`).
struct ProcStatus: Equatable {
  var name: String?
  var parentPID: Int32?
  /// Real, effective, saved and file-system ids, in that order.
  var userIDs: [UInt32] = []
  var groupIDs: [UInt32] = []
  var effectiveCapabilities: UInt64?
  var permittedCapabilities: UInt64?

  init(_ bytes: [UInt8]) {
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
      let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
      let value = line[(colon + 1)...]
      switch key {
      case "Name":
        // The name is the one value with escapes: the kernel writes `\n` and `\\` for those bytes.
        let raw = String(decoding: value.drop { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: " ") }, as: UTF8.self)
        name = raw.replacingEscapes()
      case "PPid": parentPID = Int32(Self.words(value).first ?? "")
      case "Uid": userIDs = Self.words(value).compactMap { UInt32($0) }
      case "Gid": groupIDs = Self.words(value).compactMap { UInt32($0) }
      case "CapEff": effectiveCapabilities = Self.words(value).first.flatMap { UInt64($0, radix: 16) }
      case "CapPrm": permittedCapabilities = Self.words(value).first.flatMap { UInt64($0, radix: 16) }
      default: continue
      }
    }
  }

  private static func words(_ bytes: ArraySlice<UInt8>) -> [String] {
    bytes.split { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: " ") }.map { String(decoding: $0, as: UTF8.self) }
  }
}

extension String {
  fileprivate func replacingEscapes() -> String {
    guard contains("\\") else { return self }
    var result = ""
    var escaping = false
    for character in self {
      if escaping {
        result.append(character == "n" ? "\n" : character)
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else {
        result.append(character)
      }
    }
    return result
  }
}
