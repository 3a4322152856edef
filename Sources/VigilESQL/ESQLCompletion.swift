/// The arguments of `COMPLETION [target =] prompt WITH {"inference_id": "…"}` (or the older
/// `COMPLETION prompt WITH inference_id [AS target]`).
///
/// Vigil parses it so that the rule loads, but cannot run it: it calls a large language model in Elasticsearch.
public struct ESQLCompletion: Hashable, Sendable {
  /// The output column; `nil` means the default, `completion`.
  public var target: String?
  public var prompt: ESQLExpression
  /// The `WITH {…}` options; the older form's inference id is stored as an `inference_id` entry.
  public var options: [ESQLMapEntry]

  public init(target: String?, prompt: ESQLExpression, options: [ESQLMapEntry]) {
    self.target = target
    self.prompt = prompt
    self.options = options
  }

  /// The column the command writes.
  public var outputColumn: String { target ?? "completion" }

  /// The `inference_id` option, when given.
  public var inferenceID: String? {
    for entry in options where entry.key == "inference_id" {
      if case .string(let id) = entry.value { return id }
    }
    return nil
  }
}
