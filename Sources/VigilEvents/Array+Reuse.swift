extension Array {
  /// Whether this spare array, emptied, holds `count` elements without reallocating and without more than about
  /// twice the room: buffers reused from event to event would otherwise all grow to the largest any event needed
  /// (held events' lists and fields, 23 MB more peak memory on a million events).
  public func isReusable(for count: Int) -> Bool {
    capacity >= count && capacity <= 2 * count + 4
  }
}
