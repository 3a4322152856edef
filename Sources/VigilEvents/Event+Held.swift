extension Event {
  /// Some fields of a decoded event, kept apart from it: what the reorder buffer holds of an event, beside its text,
  /// for the executors that run on its turn, so that the text need not be decoded again.
  ///
  /// One buffer (one allocation per held event, none when no field is held): the counts of fields and of slots, then
  /// each field with its first slot (-2: present without values), then the slots (each field's linked among
  /// themselves, spans pointing into the event's text or into the unescaped bytes), then the unescaped bytes.
  public struct HeldFields: Sendable {
    var storage: [UInt8]
    var timestamp: Int64?

    /// Takes the buffer out, emptied, for ``Event/held(_:reusing:)`` to fill again; the fields are left empty.
    public mutating func takeStorage() -> [UInt8] {
      var taken: [UInt8] = []
      swap(&taken, &storage)
      taken.removeAll(keepingCapacity: true)
      return taken
    }
  }

  private typealias HeldHead = (field: UInt32, head: Int32)

  /// The values of those of `fields` that the event has, for ``restore(_:bytes:)``; kept in `spare`'s buffer
  /// (``HeldFields/takeStorage()``) when it is reusable for them (``Swift/Array/isReusable(for:)``).
  public func held(_ fields: [FieldID], reusing spare: consuming [UInt8] = []) -> HeldFields {
    var headCount = 0
    var slotCount = 0
    var unescapedCount = 0
    for field in fields where head(field) != -1 {
      headCount += 1
      var cursor = head(field)
      while cursor >= 0 {
        let slot = slots[Int(cursor)]
        slotCount += 1
        if slot.kind == .unescapedString { unescapedCount += Int(slot.count) }
        cursor = slot.next
      }
    }
    // An event whose rules read no field on its turn allocates nothing.
    if headCount == 0 { return HeldFields(storage: [], timestamp: timestamp) }
    let headsStart = 2 * MemoryLayout<UInt32>.stride
    let slotsStart = headsStart + headCount * MemoryLayout<HeldHead>.stride
    let unescapedStart = slotsStart + slotCount * MemoryLayout<Slot>.stride
    let size = unescapedStart + unescapedCount
    var storage = spare.isReusable(for: size) ? consume spare : []
    storage.removeAll(keepingCapacity: true)
    storage.append(contentsOf: repeatElement(0, count: size))
    storage.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: UInt32(headCount), toByteOffset: 0, as: UInt32.self)
      raw.storeBytes(of: UInt32(slotCount), toByteOffset: MemoryLayout<UInt32>.stride, as: UInt32.self)
      var headOffset = headsStart
      var slotIndex: Int32 = 0
      var unescapedOffset = 0
      for field in fields {
        let first = head(field)
        if first == -1 { continue }
        raw.storeBytes(
          of: (field.rawValue, first == -2 ? -2 : slotIndex), toByteOffset: headOffset, as: HeldHead.self)
        headOffset += MemoryLayout<HeldHead>.stride
        var cursor = first
        while cursor >= 0 {
          var slot = slots[Int(cursor)]
          cursor = slot.next
          if slot.kind == .unescapedString {
            let start = Int(slot.payload)
            let length = Int(slot.count)
            unescaped.withUnsafeBytes { source in
              raw.baseAddress!.advanced(by: unescapedStart + unescapedOffset)
                .copyMemory(from: source.baseAddress! + start, byteCount: length)
            }
            slot.payload = Int64(unescapedOffset)
            unescapedOffset += length
          }
          slot.next = cursor >= 0 ? slotIndex + 1 : -1
          raw.storeBytes(of: slot, toByteOffset: slotsStart + Int(slotIndex) * MemoryLayout<Slot>.stride, as: Slot.self)
          slotIndex += 1
        }
      }
    }
    return HeldFields(storage: storage, timestamp: timestamp)
  }

  /// Makes this event the one whose text is `bytes` (the text ``held(_:)`` was called on) with only the held fields,
  /// listed in ``fields`` in the order they were asked for. Reuses the event's buffers.
  public mutating func restore(_ held: HeldFields, bytes text: [UInt8]) {
    reset(fieldCount: 0)
    bytes = text
    timestamp = held.timestamp
    guard !held.storage.isEmpty else { return }
    held.storage.withUnsafeBytes { raw in
      let headCount = Int(raw.load(fromByteOffset: 0, as: UInt32.self))
      let slotCount = Int(raw.load(fromByteOffset: MemoryLayout<UInt32>.stride, as: UInt32.self))
      let headsStart = 2 * MemoryLayout<UInt32>.stride
      let slotsStart = headsStart + headCount * MemoryLayout<HeldHead>.stride
      let unescapedStart = slotsStart + slotCount * MemoryLayout<Slot>.stride
      for position in 0..<headCount {
        let (rawField, head) = raw.loadUnaligned(
          fromByteOffset: headsStart + position * MemoryLayout<HeldHead>.stride, as: HeldHead.self)
        let field = Int(rawField)
        if field >= heads.count { heads.append(contentsOf: repeatElement(-1, count: field + 1 - heads.count)) }
        heads[field] = head
        present.append(FieldID(rawValue: rawField))
      }
      for position in 0..<slotCount {
        let offset = slotsStart + position * MemoryLayout<Slot>.stride
        slots.append(raw.loadUnaligned(fromByteOffset: offset, as: Slot.self))
      }
      unescaped.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[unescapedStart...]))
    }
  }
}
