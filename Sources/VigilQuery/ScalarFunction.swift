/// The functions a ``ScalarExpression`` can call: Elasticsearch EQL's string, network and math functions.
public enum ScalarFunction: String, Hashable, Sendable, CaseIterable {
  case add, between, cidrMatch, concat, divide, endsWith, indexOf, length, modulo, multiply, number, startsWith,
    string, stringContains, substring, subtract
}
