import Testing
import VigilRules

struct ConcurrentMapTests {
  @Test func resultsFollowTheOrderOfTheElements() {
    // Results of different sizes, made on every core, each a value that owns memory.
    let numbers = Array(0..<5_000)
    let texts = numbers.concurrentMap { String(repeating: "x", count: $0 % 97) + String($0) }
    #expect(texts == numbers.map { String(repeating: "x", count: $0 % 97) + String($0) })
  }

  @Test func noElementsGiveNoResults() {
    let none: [Int] = []
    #expect(none.concurrentMap { [$0] }.isEmpty)
  }
}
