/// The result of parsing one datagram from the process events connector.
public struct ProcConnectorBatch: Sendable, Equatable {
  /// The events, in the order the datagram holds them.
  public var events: [ProcConnectorEvent] = []
  /// Messages that were cut short or inconsistent (a length pointing past the end, a payload too small).
  public var malformed = 0
  /// Netlink messages that are not process events (other connector ids, `NLMSG_NOOP`).
  public var ignored = 0
  /// `NLMSG_ERROR` and `NLMSG_OVERRUN` messages: the kernel telling us something went wrong.
  public var errors = 0

  public init() {}
}
