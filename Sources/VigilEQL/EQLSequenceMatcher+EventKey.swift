extension EQLSequenceMatcher {
  /// The join key of the event being processed for one key group, kept between events so that its storage is
  /// reused.
  struct EventKey {
    var key = JoinKey()
    /// The matcher's clock when `key` was read (0: never).
    var clock = 0
    /// Whether the event has the key (its required key fields have values).
    var isPresent = false
  }
}
