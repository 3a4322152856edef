/// The reserved words of Elasticsearch EQL. They are lower case only: `AND` is an identifier.
enum EQLKeyword: String, CaseIterable, Sendable {
  case and, any, by, `false`, `in`
  case inInsensitive = "in~"
  case join, like
  case likeInsensitive = "like~"
  case maxspan, not,
    null, of, or, regex
  case regexInsensitive = "regex~"
  case sample, sequence, `true`, until, `where`, with
}
