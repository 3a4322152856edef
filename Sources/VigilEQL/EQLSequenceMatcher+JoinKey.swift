import VigilEvents
import VigilQuery

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension EQLSequenceMatcher {
  /// An event's join key for a stage, read from the event's bytes without building values: each key field's value
  /// encoded after a type tag (text with its length), and a hash of that encoding computed once.
  ///
  /// Keys are equal exactly when their encodings are, that is when their values are pairwise equal with the same
  /// type: text (strings, big numbers and opaque objects alike) byte for byte, as Elasticsearch compares keywords;
  /// numbers as `Int64` or `Double` (`1` and `1.0` differ, `-0.0` equals `0.0`); a missing `?optional` key as
  /// `null`. The hash only spreads keys: equal hashes are confirmed by comparing encodings.
  ///
  /// A multi-valued key field makes an event join on each of its values, as Elasticsearch's sequences and samples
  /// do: the event has one key per combination of its key fields' values (``combinations(_:_:)``).
  struct JoinKey: Hashable {
    private(set) var encoding: [UInt8] = []
    private(set) var hash: UInt64 = 0

    private enum Tag: UInt8 {
      case null, `false`, `true`, int, double, text
    }

    /// What ``read(_:_:)`` found.
    enum Reading {
      /// A required key field has no value: the event has no key.
      case missing
      /// The event's one key.
      case key
      /// A key field has several values: the key read holds the first of each, and the event's keys are
      /// ``combinations(_:_:)``.
      case multiValued
    }

    /// `event`'s key for `stage` (the first value of a multi-valued key field), or `nil` when a required key field
    /// has no value.
    init?(_ stage: Stage, _ event: Event) {
      guard read(stage, event) != .missing else { return nil }
    }

    /// An empty key, to be filled by ``read(_:_:)``.
    init() {}

    /// Replaces the key with `event`'s for `stage`, reusing the encoding's storage when no one else holds it; the
    /// key is undefined when the event has none (``Reading/missing``).
    mutating func read(_ stage: Stage, _ event: Event) -> Reading {
      encoding.removeAll(keepingCapacity: true)
      var multiValued = false
      for (position, field) in stage.keys.enumerated() {
        var first = Value.null
        _ = event.containsValue(field) { value in
          guard !value.isNull else { return false }
          if first.isNull {
            first = value
            return false
          }
          multiValued = true
          return true
        }
        if first.isNull, !stage.keyIsOptional[position] { return .missing }
        append(first, event)
      }
      // Tables keep the buffer of every key they store, and a buffer is reused at the capacity it grew to: after a
      // long key, the next keys get buffers of their own size again.
      if encoding.capacity > 2 * encoding.count + 64 { encoding = encoding.withUnsafeBufferPointer { Array($0) } }
      hash = encoding.withUnsafeBytes { ByteHash.hash($0) }
      return multiValued ? .multiValued : .key
    }

    /// Every key of `event` for `stage`: one per combination of the key fields' distinct non-null values, in key
    /// field order (the first field's values vary slowest); none when a required key field has no value.
    static func combinations(_ stage: Stage, _ event: Event) -> [JoinKey] {
      var keys = [JoinKey()]
      for (position, field) in stage.keys.enumerated() {
        // Each distinct value's encoding.
        var values: [[UInt8]] = []
        _ = event.containsValue(field) { value in
          guard !value.isNull else { return false }
          var one = JoinKey()
          one.append(value, event)
          if !values.contains(one.encoding) { values.append(one.encoding) }
          return false
        }
        if values.isEmpty {
          guard stage.keyIsOptional[position] else { return [] }
          values = [[Tag.null.rawValue]]
        }
        keys = keys.flatMap { key in
          values.map { value in
            var longer = key
            longer.encoding += value
            return longer
          }
        }
      }
      for index in keys.indices { keys[index].hash = keys[index].encoding.withUnsafeBytes { ByteHash.hash($0) } }
      return keys
    }

    private mutating func append(_ value: Value, _ event: Event) {
      switch value {
      case .null: encoding.append(Tag.null.rawValue)
      case .bool(let bool): encoding.append(bool ? Tag.true.rawValue : Tag.false.rawValue)
      case .int(let int): append(.int, UInt64(bitPattern: int))
      // `-0.0 == 0.0`, as the values compare.
      case .double(let double): append(.double, (double == 0 ? 0 : double).bitPattern)
      case .string(let span), .number(let span), .object(let span):
        append(.text, UInt64(span.count))
        event.withBytes(span) { encoding.append(contentsOf: $0) }
      }
    }

    private mutating func append(_ tag: Tag, _ word: UInt64) {
      encoding.append(tag.rawValue)
      withUnsafeBytes(of: word.littleEndian) { encoding.append(contentsOf: $0) }
    }

    /// The key's values, in key order (text decoded as UTF-8, invalid bytes replaced).
    var values: [ScalarValue] {
      var values: [ScalarValue] = []
      var offset = 0
      func word() -> UInt64 {
        defer { offset += 8 }
        return encoding.withUnsafeBytes {
          UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
      }
      while offset < encoding.count {
        let tag = Tag(rawValue: encoding[offset])!
        offset += 1
        switch tag {
        case .null: values.append(.null)
        case .false: values.append(.bool(false))
        case .true: values.append(.bool(true))
        case .int: values.append(.int(Int64(bitPattern: word())))
        case .double: values.append(.double(Double(bitPattern: word())))
        case .text:
          let count = Int(word())
          values.append(.string(String(decoding: encoding[offset..<offset + count], as: UTF8.self)))
          offset += count
        }
      }
      return values
    }

    static func == (left: JoinKey, right: JoinKey) -> Bool {
      guard left.hash == right.hash, left.encoding.count == right.encoding.count else { return false }
      return left.encoding.withUnsafeBytes { left in
        right.encoding.withUnsafeBytes { right in
          left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
        }
      }
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(hash)
    }
  }
}
