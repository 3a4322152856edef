/// One line of an auditd log: `type=SYSCALL msg=audit(1700000000.123:456): key=value ...`.
public struct AuditRecord: Sendable, Equatable {
  /// One `key=value` pair; `quoted` tells a literal (`"..."`, `'...'`) from a bare value, which auditd writes in
  /// hex for arguments, paths and titles that hold spaces or unusual bytes.
  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String
    public var quoted: Bool

    public init(name: String, value: String, quoted: Bool) {
      self.name = name
      self.value = value
      self.quoted = quoted
    }
  }

  /// The record type (`SYSCALL`, `EXECVE`, `CWD`, `PATH`, `PROCTITLE`, `EOE`, or `UNKNOWN[1234]`).
  public var type: String
  /// Milliseconds since the epoch, from `audit(seconds.millis:serial)`.
  public var timestampMilliseconds: Int64
  /// The event serial: records of one event share it.
  public var serial: UInt64
  /// The `node=` prefix auditd adds when configured to name the host.
  public var node: String?
  /// The fields after `msg=audit(...):`, in order; enriched logs add upper-case names (`UID="root"`) after a
  /// 0x1D separator.
  public var fields: [Field]

  public init(type: String, timestampMilliseconds: Int64, serial: UInt64, node: String? = nil, fields: [Field]) {
    self.type = type
    self.timestampMilliseconds = timestampMilliseconds
    self.serial = serial
    self.node = node
    self.fields = fields
  }

  /// The first field named `name`.
  public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

  /// The value of field `name` as written, without decoding.
  public subscript(name: String) -> String? { field(name)?.value }

  /// The value of field `name`, decoding bare hex values (`2F746D70` is `/tmp`); `(null)` and `?` are `nil`.
  public func decoded(_ name: String) -> String? {
    guard let field = field(name) else { return nil }
    if field.quoted { return field.value }
    if field.value == "(null)" || field.value == "?" { return nil }
    return AuditRecord.hexDecoded(field.value) ?? field.value
  }

  /// Decodes an even-length hex string; `nil` when it is not one.
  public static func hexDecoded(_ text: String, nulAs replacement: UInt8? = nil) -> String? {
    let digits = Array(text.utf8)
    guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
      let byte = high << 4 | low
      if byte == 0, let replacement { bytes.append(replacement) } else { bytes.append(byte) }
      index += 2
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
