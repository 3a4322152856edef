import VigilQuery

extension KQLLowering {
  /// `field:"value"` for a field and value given as data (Kibana filters, exception entries): Elasticsearch's
  /// `match_phrase` on that field, by the field's type.
  public static func phrase(field: String, value: String, fields: inout FieldResolver) -> LoweringResult {
    lower(.match(field: KQLLiteral(field, quoted: true), value: .init(.value(KQLLiteral(value, quoted: true)), range: 0..<0)), fields: &fields)
  }

  /// `field:*`: the field has a non-null value.
  public static func exists(field: String, fields: inout FieldResolver) -> LoweringResult {
    lower(.match(field: KQLLiteral(field, quoted: true), value: .init(.value(KQLLiteral("*")), range: 0..<0)), fields: &fields)
  }

  private static func lower(_ kind: KQLNode.Kind, fields: inout FieldResolver) -> LoweringResult {
    lower(KQLQuery(text: "", root: KQLNode(kind, range: 0..<0)), fields: &fields)
  }
}
