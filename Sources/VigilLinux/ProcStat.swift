/// The fields Vigil uses from `/proc/PID/stat`.
struct ProcStat: Equatable {
  var command: String
  var parentPID: Int32
  var processGroupID: Int32
  var sessionID: Int32
  var terminal: Int32
  var startTicks: UInt64

  /// Parses the one-line file. The command sits in parentheses and may itself hold spaces and `)`, so the
  /// fields after it are found from the last `)`.
  init?(_ bytes: [UInt8]) {
    guard let open = bytes.firstIndex(of: UInt8(ascii: "(")), let close = bytes.lastIndex(of: UInt8(ascii: ")")),
      open < close
    else { return nil }
    command = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
    let rest = bytes[(close + 1)...].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    // rest[0] is the state, then ppid, pgrp, session, tty_nr, ...; starttime is field 22 of the line.
    guard rest.count > 19, let parent = Int32(rest[1]), let group = Int32(rest[2]), let session = Int32(rest[3]),
      let terminal = Int32(rest[4]), let start = UInt64(rest[19])
    else { return nil }
    parentPID = parent
    processGroupID = group
    sessionID = session
    self.terminal = terminal
    startTicks = start
  }
}
