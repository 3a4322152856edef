extension Event {
  /// The data stream name `type-dataset-namespace` from the first values of the event's `data_stream.type`,
  /// `data_stream.dataset` and `data_stream.namespace` fields (given by their ids), when all three are strings.
  public func dataStreamName(type: FieldID, dataset: FieldID, namespace: FieldID) -> String? {
    var name: [UInt8] = []
    guard appendDataStreamName(type: type, dataset: dataset, namespace: namespace, to: &name) else { return nil }
    return String(decoding: name, as: UTF8.self)
  }

  /// Appends the bytes of ``dataStreamName(type:dataset:namespace:)`` to `out`; `false` (nothing appended) when the
  /// event has no such name.
  public func appendDataStreamName(type: FieldID, dataset: FieldID, namespace: FieldID, to out: inout [UInt8]) -> Bool {
    guard case .string(let type)? = first(type), case .string(let dataset)? = first(dataset),
      case .string(let namespace)? = first(namespace)
    else { return false }
    out += bytes(type)
    out.append(UInt8(ascii: "-"))
    out += bytes(dataset)
    out.append(UInt8(ascii: "-"))
    out += bytes(namespace)
    return true
  }
}
