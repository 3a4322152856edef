@testable import VigilEvents

/// Values rendered as short strings, so that expectations read as data: `s:text`, `i:42`, `d:1.5`, `b:true`,
/// `null`, `n:literal`, `o:{…}`.
func render(_ value: Value, in event: Event) -> String {
  switch value {
  case .null: "null"
  case .bool(let flag): "b:\(flag)"
  case .int(let number): "i:\(number)"
  case .double(let number): "d:\(number)"
  case .string: "s:" + event.string(value)!
  case .number: "n:" + event.string(value)!
  case .object: "o:" + event.string(value)!
  }
}

/// Every value of `path`, rendered; `nil` when the decoder does not know the path.
func rendered(_ path: String, in event: Event, decoder: EventDecoder) -> [String]? {
  guard let field = decoder.catalog.id(path) else { return nil }
  return event.values(field).map { render($0, in: event) }
}
