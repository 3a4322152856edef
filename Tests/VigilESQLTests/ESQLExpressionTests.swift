import Testing
import VigilESQL

/// How expressions group: ES|QL precedence is OR < AND < NOT < LIKE/RLIKE/IN/IS NULL/: < comparison < + - < * / %
/// < unary minus < :: cast.
struct ESQLExpressionTests {
  @Test(
    "precedence and associativity",
    arguments: [
      ("a OR b AND c", "(OR a (AND b c))"),
      ("a AND b OR c", "(OR (AND a b) c)"),
      ("NOT a AND b", "(AND (NOT a) b)"),
      ("NOT a OR NOT b", "(OR (NOT a) (NOT b))"),
      ("NOT NOT a", "(NOT (NOT a))"),
      ("NOT a == 1", "(NOT (== a 1:i))"),
      ("NOT a LIKE \"x*\"", "(NOT (LIKE a \"x*\"))"),
      ("a == 1 AND b != 2", "(AND (== a 1:i) (!= b 2:i))"),
      ("a + 1 > b * 2", "(> (+ a 1:i) (* b 2:i))"),
      ("a - b - c", "(- (- a b) c)"),
      ("a / b * c % d", "(% (* (/ a b) c) d)"),
      ("a + b * c", "(+ a (* b c))"),
      ("(a + b) * c", "(* (+ a b) c)"),
      ("-a * b", "(* (- a) b)"),
      ("- -a", "(- (- a))"),
      ("-x::long", "(- (:: x long))"),
      ("a::double / b::double", "(/ (:: a double) (:: b double))"),
      ("x::string::keyword", "(:: (:: x string) keyword)"),
      ("a + b LIKE \"1*\"", "(LIKE (+ a b) \"1*\")"),
      ("a == b IN (true)", "(IN (== a b) true)"),
      ("a IS NULL OR b IS NOT NULL", "(OR (IS-NULL a) (IS-NOT-NULL b))"),
      ("a NOT IN (1, 2 + 3)", "(NOT-IN a 1:i (+ 2:i 3:i))"),
      ("NOT a IN (1)", "(NOT (IN a 1:i))"),
      ("a NOT LIKE \"x\"", "(NOT-LIKE a \"x\")"),
      ("a LIKE (\"a*\", \"b?\")", "(LIKE-LIST a \"a*\" \"b?\")"),
      ("a NOT RLIKE (\".*\")", "(NOT-RLIKE-LIST a \".*\")"),
      ("a RLIKE \"\"\"\\d+\"\"\"", "(RLIKE a \"\\d+\")"),
      ("f : \"x\" AND NOT g::string : \"y\"", "(AND (: f \"x\") (NOT (: (:: g string) \"y\")))"),
      ("@timestamp >= NOW() - 7 days", "(>= @timestamp (- NOW() 7 days:t))"),
      ("a =~ \"X\"", "(=~ a \"X\")"),
      ("(a OR b) AND c", "(AND (OR a b) c)"),
    ])
  func grouping(text: String, tree: String) {
    let parsed = ESQLParser.parseExpression(text)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.expression.map(ESQLTree.render) == tree)
  }

  @Test(
    "literals",
    arguments: [
      ("42", "42:i"),
      ("9223372036854775807", "9223372036854775807:i"),
      ("9223372036854775808", "9.223372036854776e+18:d"),
      ("1.5", "1.5:d"),
      ("1.", "1.0:d"),
      (".25", "0.25:d"),
      ("1e3", "1000.0:d"),
      ("2.5E-3", "0.0025:d"),
      ("\"a\\\"b\\\\c\\td\"", "\"a\\\"b\\\\c\\td\""),
      ("\"\"\"C:\\Windows\\\"\"\"", "\"C:\\\\Windows\\\\\""),
      ("\"\"\"say \"hi\"\"\"\"", "\"say \\\"hi\\\"\""),
      ("\"\"", "\"\""),
      ("null", "null"),
      ("NULL", "null"),
      ("TRUE", "true"),
      ("false", "false"),
      ("1 hour", "1 hour:t"),
      ("15 minutes", "15 minutes:t"),
      ("7 DAYS", "7 days:t"),
      ("5m", "5 minutes:t"),
      ("30s", "30 seconds:t"),
      ("2 weeks", "2 weeks:t"),
      ("1 yr", "1 year:t"),
      ("[1, 2, 3]", "[1, 2, 3]"),
      ("[\"a\", \"b\"]", "[\"a\", \"b\"]"),
      ("[-1, 2.5]", "[-1, 2.5]"),
    ])
  func literal(text: String, tree: String) {
    let parsed = ESQLParser.parseExpression(text)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.expression.map(ESQLTree.render) == tree)
  }

  @Test(
    "fields and calls",
    arguments: [
      ("process.name", "process.name"),
      ("`process.name`", "process.name"),
      ("`host`.`os`.type", "host.os.type"),
      ("`we``ird`", "we`ird"),
      ("@timestamp", "@timestamp"),
      ("_id", "_id"),
      ("Esql.data_stream_namespace.values", "Esql.data_stream_namespace.values"),
      ("user.first", "user.first"),
      ("count(*)", "COUNT(*)"),
      ("Count_Distinct(host.id)", "COUNT_DISTINCT(host.id)"),
      ("now()", "NOW()"),
      ("case(a > 1, \"x\", \"y\")", "CASE((> a 1:i), \"x\", \"y\")"),
      ("match(process.name, \"svchost\", {\"fuzziness\": 1})", "MATCH(process.name, \"svchost\", {fuzziness})"),
      ("to_lower(a::string)", "TO_LOWER((:: a string))"),
      ("first(a, @timestamp)", "FIRST(a, @timestamp)"),
    ])
  func names(text: String, tree: String) {
    let parsed = ESQLParser.parseExpression(text)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.expression.map(ESQLTree.render) == tree)
  }
}
