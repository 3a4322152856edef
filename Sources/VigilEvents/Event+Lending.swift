extension Event {
  /// Calls `body` with this event lent rather than copied. Passing an event kept in a class or an array copies it,
  /// and a copy retains each of its buffers; this moves it out for the call and back after it.
  @inlinable
  public mutating func lend<Result>(_ body: (Event) throws -> Result) rethrows -> Result {
    var lent = Event()
    swap(&lent, &self)
    defer { swap(&lent, &self) }
    return try body(lent)
  }
}
