/// A constant value in an EQL query. Strings hold their unescaped value.
public enum EQLLiteral: Hashable, Sendable {
  case null
  case boolean(Bool)
  /// An integer literal; integers too large for 64 bits become ``decimal(_:)``, as in Elasticsearch.
  case integer(Int64)
  case decimal(Double)
  case string(String)
}
