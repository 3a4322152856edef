extension Event {
  /// The values of one field of an ``Event``, in document order.
  public struct Values: Sequence, IteratorProtocol, Sendable {
    @usableFromInline let slots: [Slot]
    @usableFromInline var cursor: Int32

    @inlinable
    init(slots: [Slot], first: Int32) {
      self.slots = slots
      self.cursor = first
    }

    /// Whether the field has no values.
    @inlinable
    public var isEmpty: Bool { cursor < 0 }

    @inlinable
    public mutating func next() -> Value? {
      guard cursor >= 0 else { return nil }
      let slot = slots[Int(cursor)]
      cursor = slot.next
      return slot.value
    }
  }
}
