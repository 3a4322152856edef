extension Event {
  /// Empties the event and sizes its field index for `fieldCount` fields, keeping buffer capacity.
  mutating func reset(fieldCount: Int) {
    for field in present { heads[field.index] = -1 }
    present.removeAll(keepingCapacity: true)
    slots.removeAll(keepingCapacity: true)
    unescaped.removeAll(keepingCapacity: true)
    bytes.removeAll(keepingCapacity: true)
    timestamp = nil
    index = nil
    documentID = nil
    fieldPaths = nil
    if heads.count < fieldCount {
      heads.append(contentsOf: repeatElement(-1, count: fieldCount - heads.count))
    }
  }
}
