import Dispatch

extension Array where Element: Sendable {
  /// `map` run on every core, results in the order of the elements.
  public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    nonisolated(unsafe) let shared = results
    withUnsafeBufferPointer { elements in
      nonisolated(unsafe) let source = elements
      DispatchQueue.concurrentPerform(iterations: source.count) { index in
        shared[index] = transform(source[index])
      }
    }
    return results.map { $0! }
  }
}
