extension Double {
  /// The value truncated toward zero, when it is finite and in `Int64` range.
  var exactInt64: Int64? {
    guard isFinite, self >= -9.223372036854775808e18, self < 9.223372036854775808e18 else { return nil }
    return Int64(self)
  }
}
