import Testing
import VigilTestSupport

@testable import VigilEngine

/// The reorder buffer lets elements out earliest first (ties in arrival order) once the window has passed them,
/// whether they arrived in order (its fast run) or not (its heap).
struct TimeOrderBufferTests {
  /// A plain model of the buffer: everything held in one array, the minimum searched for.
  struct Model {
    let window: Int64
    let capacity: Int
    var held: [(time: Int64, arrival: Int, id: Int)] = []
    var latest = Int64.min
    var arrivals = 0

    mutating func insert(_ id: Int, at time: Int64) {
      latest = max(latest, time)
      held.append((time, arrivals, id))
      arrivals += 1
    }

    mutating func next(draining: Bool) -> Int? {
      guard let first = held.indices.min(by: { (held[$0].time, held[$0].arrival) < (held[$1].time, held[$1].arrival) })
      else { return nil }
      guard draining || held.count > capacity || held[first].time <= latest &- window else { return nil }
      return held.remove(at: first).id
    }
  }

  /// Mostly sorted input with runs of late and equal times, and input in reverse: the same elements come out in the
  /// same order as from the model, at every step.
  @Test(arguments: [0, 1, 2])
  func elementsComeOutInTimeOrderAsFromAPlainModel(_ shape: Int) {
    var generator = SplitMix64(seed: UInt64(shape) + 7)
    var buffer = TimeOrderBuffer<Int>(windowNanoseconds: 50, capacity: 400)
    var model = Model(window: 50, capacity: 400)
    var clock: Int64 = 0
    var fromBuffer: [Int] = []
    var fromModel: [Int] = []
    for id in 0..<5_000 {
      let time: Int64
      switch shape {
      case 0: time = clock + Int64(generator.next() % 100) - 80  // often late within the window
      case 1: time = Int64(generator.next() % 3) == 0 ? clock : clock - 10  // ties and small steps back
      default: time = 10_000 - Int64(id)  // reverse order
      }
      clock += Int64(generator.next() % 4)
      buffer.insert(id, at: time)
      model.insert(id, at: time)
      while let next = buffer.next() { fromBuffer.append(next) }
      while let next = model.next(draining: false) { fromModel.append(next) }
      #expect(fromBuffer.count == fromModel.count)
    }
    while let next = buffer.next(draining: true) { fromBuffer.append(next) }
    while let next = model.next(draining: true) { fromModel.append(next) }
    #expect(fromBuffer == fromModel)
    #expect(fromBuffer.count == 5_000)
  }
}
