import Foundation

/// Writing to stdout and stderr without Foundation's `print` buffering surprises, and knowing whether they are
/// terminals.
enum StandardStreams {
  static func writeError(_ text: String) {
    fflush(nil)  // stdout first, so text printed before this stays before it
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Columns of the terminal on stdout, or `nil` when it is not a terminal.
  static var terminalWidth: Int? {
    guard outputIsTerminal else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
    return Int(size.ws_col)
  }
}
