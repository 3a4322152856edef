extension Event {
  /// The event time for a rule with `timestamp_override`: the override field's value when present and valid, else
  /// `@timestamp`, in nanoseconds since the epoch. The override field must be among the decoded fields.
  public func timestamp(override field: FieldID?) -> Int64? {
    if let field, let value = first(field), let nanos = timestampNanoseconds(value) { return nanos }
    return timestamp
  }

  /// Nanoseconds since the epoch for a date value: a date string, or a number of epoch milliseconds.
  public func timestampNanoseconds(_ value: Value) -> Int64? {
    switch value {
    case .string(let span): Timestamp.parse(bytes(span))
    case .int(let millis): Timestamp.fromEpochMilliseconds(millis)
    case .double(let millis): millis.isFinite && abs(millis) < 9.2e12 ? Int64((millis * 1_000_000).rounded()) : nil
    case .null, .bool, .number, .object: nil
    }
  }
}
