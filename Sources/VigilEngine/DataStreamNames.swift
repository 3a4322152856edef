import VigilEvents

/// The data stream names of a scan's events, kept so that an event's index (`type-dataset-namespace`) is not made
/// as a new string for each event: a scan meets a few streams many times over.
public struct DataStreamNames: Sendable {
  /// The names met, up to ``capacity``, with their bytes.
  private var known: [(bytes: [UInt8], name: String)] = []
  private var scratch: [UInt8] = []

  /// Names kept at most; past them, names are made each time (a scan of that many streams is rare).
  static let capacity = 32

  public init() {}

  /// The data stream name of `event`, from the ids of `data_stream.type`, `.dataset` and `.namespace`.
  mutating func name(of event: Event, fields: (type: FieldID, dataset: FieldID, namespace: FieldID)) -> String? {
    scratch.removeAll(keepingCapacity: true)
    guard
      event.appendDataStreamName(type: fields.type, dataset: fields.dataset, namespace: fields.namespace, to: &scratch)
    else { return nil }
    if let found = known.first(where: { $0.bytes == scratch }) { return found.name }
    let name = String(decoding: scratch, as: UTF8.self)
    if known.count < Self.capacity { known.append((scratch, name)) }
    return name
  }
}
