extension Event {
  /// The data stream name `type-dataset-namespace` from the first values of the event's `data_stream.type`,
  /// `data_stream.dataset` and `data_stream.namespace` fields (given by their ids), when all three are strings.
  public func dataStreamName(type: FieldID, dataset: FieldID, namespace: FieldID) -> String? {
    guard case .string(let type)? = first(type), case .string(let dataset)? = first(dataset),
      case .string(let namespace)? = first(namespace)
    else { return nil }
    var name: [UInt8] = []
    name.reserveCapacity(type.range.count + dataset.range.count + namespace.range.count + 2)
    name += bytes(type)
    name.append(UInt8(ascii: "-"))
    name += bytes(dataset)
    name.append(UInt8(ascii: "-"))
    name += bytes(namespace)
    return String(decoding: name, as: UTF8.self)
  }
}
