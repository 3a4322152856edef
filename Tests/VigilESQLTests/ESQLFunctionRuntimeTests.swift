import Testing
import VigilESQL

/// Each scalar function and operator, evaluated by `EVAL r = …` over one event, gives Elasticsearch's value.
struct ESQLFunctionRuntimeTests {
  static let event = """
    {"@timestamp":"2024-05-01T10:00:00.000Z","host.name":"Host-A","process.name":"cmd.exe","destination.port":443,\
    "source.ip":"10.1.2.3","message":"  hello world  ","process.command_line":"powershell -enc SQBFAFgA",\
    "url.original":"a%20b+c","process.pid":-7,"custom.ratio":2.5,"custom.list":["b","a","b"],"custom.nums":[3,1,2,1],\
    "custom.block":"10.0.0.0/8","source.geo.location":{"lat":48.8566,"lon":2.3522},\
    "custom.doc":"{\\"a\\":{\\"b\\":[1,{\\"c\\":\\"x\\"}]}}"}
    """

  static let cases: [(String, String)] = [
    (#"CASE(destination.port == 443, "https", "other")"#, #""https""#),
    (#"CASE(destination.port == 80, "http")"#, "null"),
    (#"CASE(missing.flag, "x", "fallback")"#, #""fallback""#),
    ("COALESCE(missing.field, host.name)", #""Host-A""#),
    ("COALESCE(missing.field, null)", "null"),
    ("TO_LOWER(host.name)", #""host-a""#),
    ("TO_UPPER(host.name)", #""HOST-A""#),
    ("TO_STRING(destination.port)", #""443""#),
    ("TO_STRING(custom.ratio)", #""2.5""#),
    ("TO_STRING(@timestamp)", #""2024-05-01T10:00:00.000Z""#),
    ("TO_STRING(true)", #""true""#),
    ("TO_STRING(custom.nums)", #"["1","1","2","3"]"#),
    (#"TO_INTEGER("42")"#, "42"),
    ("TO_IP(source.ip)", #""10.1.2.3""#),
    (#"TO_IP("10.1.2.300")"#, "null"),
    (#"CIDR_MATCH(TO_IP("192.168.1.9"), "192.168.0.0/16")"#, "true"),
    (#"MV_CONTAINS(custom.list, "a")"#, "true"),
    (#"MV_CONTAINS(custom.list, "z")"#, "false"),
    (#"MV_CONTAINS(custom.list, MV_APPEND("a", "b"))"#, "true"),
    (#"TO_INTEGER("x")"#, "null"),
    ("TO_LONG(custom.ratio)", "3"),
    ("TO_DOUBLE(destination.port)", "443.0"),
    ("destination.port::string", #""443""#),
    (#""1.5"::double"#, "1.5"),
    ("LENGTH(host.name)", "6"),
    ("LENGTH(custom.list)", "null"),
    ("LENGTH(missing.field)", "null"),
    ("SUBSTRING(host.name, 1, 4)", #""Host""#),
    ("SUBSTRING(host.name, -1)", #""A""#),
    (#"CONCAT(host.name, ":", TO_STRING(destination.port))"#, #""Host-A:443""#),
    (#"CONCAT(host.name, missing.field)"#, "null"),
    (#"CONCAT(host.name, custom.list)"#, "null"),
    (#"REPLACE(host.name, "(\\w+)-(\\w)", "$2_$1")"#, #""A_Host""#),
    (#"REPLACE(process.command_line, "\\s+", "")"#, #""powershell-encSQBFAFgA""#),
    (#"REPLACE("a\r\nb", "\r", "")"#, #""a\nb""#),
    (#"LENGTH(REPLACE("x🔥y", "🔥", ""))"#, "2"),
    (#"SPLIT(process.command_line, " ")"#, #"["powershell","-enc","SQBFAFgA"]"#),
    (#"STARTS_WITH(process.name, "cmd")"#, "true"),
    (#"ENDS_WITH(process.name, ".EXE")"#, "false"),
    (#"LOCATE(process.name, ".")"#, "4"),
    (#"LOCATE(process.name, "z")"#, "0"),
    ("TRIM(message)", #""hello world""#),
    ("ROUND(custom.ratio)", "3.0"),
    ("ROUND(3.14159, 2)", "3.14"),
    ("ROUND(1250, -2)", "1300"),
    ("ABS(process.pid)", "7"),
    ("LEAST(3, destination.port, 10)", "3"),
    ("GREATEST(3, destination.port)", "443"),
    (#"CIDR_MATCH(source.ip, "10.0.0.0/8", "192.168.0.0/16")"#, "true"),
    (#"CIDR_MATCH(source.ip, "192.168.0.0/16")"#, "false"),
    // Constant blocks are parsed once; one that is no block matches nothing, the others still do.
    (#"CIDR_MATCH(source.ip, "not-a-block", "10.0.0.0/8")"#, "true"),
    (#"CIDR_MATCH(source.ip, "not-a-block")"#, "false"),
    (#"CIDR_MATCH(source.ip, ["192.168.0.0/16", "10.0.0.0/8"])"#, "true"),
    (#"CIDR_MATCH(TO_IP("fe80::1"), "FE80::/10")"#, "true"),
    (#"CIDR_MATCH(custom.nums, "10.0.0.0/8")"#, "null"),
    // A block from a column is read per row.
    ("CIDR_MATCH(source.ip, custom.block)", "true"),
    (#"CIDR_MATCH(source.ip, custom.block, "192.168.0.0/16")"#, "true"),
    ("IP_PREFIX(source.ip, 16, 0)", #""10.1.0.0""#),
    ("MV_COUNT(custom.nums)", "4"),
    ("MV_COUNT(custom.list)", "2"),
    ("MV_DEDUPE(custom.nums)", "[1,2,3]"),
    ("MV_FIRST(custom.nums)", "1"),
    ("MV_LAST(custom.nums)", "3"),
    ("MV_MIN(custom.nums)", "1"),
    ("MV_MAX(custom.nums)", "3"),
    ("MV_SUM(custom.nums)", "7"),
    ("MV_AVG(custom.nums)", "1.75"),
    (#"MV_SORT(custom.nums, "DESC")"#, "[3,2,1,1]"),
    ("MV_SLICE(custom.nums, 1, 2)", "[1,2]"),
    ("MV_SLICE(custom.nums, -1)", "3"),
    (#"MV_CONCAT(custom.list, ",")"#, #""a,b""#),
    ("MV_FIRST(host.name)", #""Host-A""#),
    (#"MV_INTERSECTION(custom.nums, [2, 3, 9])"#, "[2,3]"),
    ("ST_X(source.geo.location)", "2.3522"),
    ("ST_Y(source.geo.location)", "48.8566"),
    (#"TO_STRING(TO_GEOPOINT("POINT(2.5 1.0)"))"#, #""POINT (2.5 1.0)""#),
    (#"ROUND(ST_DISTANCE(source.geo.location, TO_GEOPOINT("POINT (-0.1276 51.5072)")) / 1000.0, 1)"#, "343.5"),
    (#"JSON_EXTRACT(custom.doc, "a.b[1].c")"#, #""x""#),
    (#"JSON_EXTRACT(custom.doc, "$.a.b[0]")"#, #""1""#),
    (#"JSON_EXTRACT(custom.doc, "a.b")"#, #""[1,{\"c\":\"x\"}]""#),
    (#"JSON_EXTRACT(custom.doc, "a.missing")"#, "null"),
    ("URL_DECODE(url.original)", #""a b c""#),
    (#"URL_ENCODE("a b/c")"#, #""a+b%2Fc""#),
    (#"URL_ENCODE_COMPONENT("a b/c")"#, #""a%20b%2Fc""#),
    (#"BYTE_LENGTH("é")"#, "2"),
    ("POW(2, 10)", "1024.0"),
    ("SQRT(-1)", "null"),
    ("LOG10(1000)", "3.0"),
    ("SIGNUM(process.pid)", "-1.0"),
    (#"DATE_EXTRACT("hour_of_day", @timestamp)"#, "10"),
    ("DAY_NAME(@timestamp)", #""Wednesday""#),
    ("MONTH_NAME(@timestamp)", #""May""#),
    ("MV_MEDIAN(custom.nums)", "1"),
    ("MV_UNION(custom.nums, [5, 1])", "[1,2,3,5]"),
    (#"FROM_BASE64("aGVsbG8=")"#, #""hello""#),
    (#"DATE_FORMAT("yyyy-MM-dd", @timestamp)"#, #""2024-05-01""#),
    ("NOW()", #""2024-05-01T12:00:00.000Z""#),
    (#"DATE_DIFF("minute", @timestamp, NOW())"#, "120"),
    (#"DATE_DIFF("hours", NOW(), @timestamp)"#, "-2"),
    ("DATE_TRUNC(1 hour, @timestamp + 34 minutes)", #""2024-05-01T10:00:00.000Z""#),
    ("DATE_TRUNC(15 minutes, @timestamp + 34 minutes)", #""2024-05-01T10:30:00.000Z""#),
    ("DATE_TRUNC(1 day, @timestamp)", #""2024-05-01T00:00:00.000Z""#),
    ("DATE_TRUNC(1 week, @timestamp)", #""2024-04-29T00:00:00.000Z""#),
    ("DATE_TRUNC(1 month, @timestamp)", #""2024-05-01T00:00:00.000Z""#),
    ("DATE_TRUNC(1 year, @timestamp)", #""2024-01-01T00:00:00.000Z""#),
    ("@timestamp - 1 day", #""2024-04-30T10:00:00.000Z""#),
    ("@timestamp + 1 month", #""2024-06-01T10:00:00.000Z""#),
    ("destination.port + 1", "444"),
    ("destination.port / 2", "221"),
    ("destination.port / 2.0", "221.5"),
    ("destination.port % 7", "2"),
    ("destination.port * custom.ratio", "1107.5"),
    ("-destination.port", "-443"),
    ("destination.port / 0", "null"),
    ("9223372036854775807 + destination.port", "null"),
    ("destination.port + missing.field", "null"),
    ("custom.nums + 1", "null"),
    (#"host.name == "Host-A""#, "true"),
    (#"host.name =~ "host-a""#, "true"),
    (#"host.name == "host-a""#, "false"),
    (#"host.name != missing.field"#, "null"),
    // Strings order by their UTF-8 bytes: upper case before lower case, a prefix first, non-ASCII last.
    (#"host.name < "host-a""#, "true"),
    (#"host.name > "Host-""#, "true"),
    (#"host.name < "Host-A ""#, "true"),
    (#"host.name >= "Host-A""#, "true"),
    (#"host.name < "Hé""#, "true"),
    // Equality is of bytes, whichever side the field is on: KELVIN SIGN is canonically equivalent to `K`, and NFD
    // `é` to NFC `é`, but neither is the same keyword.
    ("\"Host-\u{212A}\" == \"Host-K\"", "false"),
    ("\"Host-K\" == \"Host-\u{212A}\"", "false"),
    ("\"e\u{301}\" != \"\u{e9}\"", "true"),
    ("\"\u{e9}\" != \"e\u{301}\"", "true"),
    ("\"Host-\u{212A}\" =~ \"host-k\"", "true"),
    (#"host.name IN ("x", "Host-A")"#, "true"),
    // Four or more constant strings are hashed: same answers, including for other operand types.
    (#"host.name IN ("a", "b", "c", "Host-A")"#, "true"),
    (#"host.name IN ("a", "b", "c", "host-a")"#, "false"),
    (#"host.name NOT IN ("a", "b", "c", "d")"#, "true"),
    (#"custom.list IN ("a", "b", "c", "d")"#, "null"),
    (#"missing.field IN ("a", "b", "c", "d")"#, "null"),
    (#"source.ip IN ("a", "b", "c", "10.1.2.3")"#, "true"),
    (#"@timestamp IN ("a", "b", "c", "2024-05-01T10:00:00.000Z")"#, "true"),
    (#"destination.port IN ("a", "b", "c", "443")"#, "false"),
    (#"@timestamp > "2024-05-01T09:00:00Z""#, "true"),
    (#"source.ip == "10.1.2.3""#, "true"),
    (#"process.name LIKE "*.exe""#, "true"),
    (#"process.name LIKE "CMD*""#, "false"),
    (#"process.name LIKE "c?d.exe""#, "true"),
    (#"process.name NOT LIKE ("*.bat", "*.ps1")"#, "true"),
    (#"process.name RLIKE "c[a-z]d\\.exe""#, "true"),
    (#"process.name RLIKE "cmd""#, "false"),
    (#"destination.port IN (80, 443)"#, "true"),
    (#"destination.port IN (80, null)"#, "null"),
    (#"destination.port NOT IN (80, 8080)"#, "true"),
    ("missing.field IS NULL", "true"),
    ("custom.nums IS NOT NULL", "true"),
    ("custom.nums == 1", "null"),
    ("missing.flag OR true", "true"),
    ("missing.flag AND false", "false"),
    ("missing.flag AND true", "null"),
    ("NOT missing.flag", "null"),
  ]

  @Test(arguments: cases)
  func evaluates(_ expression: String, _ expected: String) throws {
    let result = try ESQLRuntimeHarness.run("FROM logs-* | EVAL r = \(expression) | KEEP r", [Self.event])
    #expect(ESQLRuntimeHarness.rows(result) == [expected == "null" ? "{\"r\":null}" : "{\"r\":\(expected)}"])
  }

  @Test func singleValueOperationsOnMultiValuesWarn() throws {
    let result = try ESQLRuntimeHarness.run(
      "FROM logs-* | EVAL a = custom.nums + 1, b = LENGTH(custom.list), c = custom.nums == 1 | KEEP a, b, c",
      [Self.event])
    #expect(ESQLRuntimeHarness.rows(result) == [#"{"a":null,"b":null,"c":null}"#])
    #expect(result.warnings == 3)
  }
}

/// An `IN` of four or more constant strings, which is hashed, gives what a short one, compared item by item, gives:
/// with operands of other types, multi-values, and texts that are canonically equivalent but differ in bytes.
struct ESQLHashedInTests {
  static let event = #"""
    {"host.name":"Host-A","custom.nfc":"\u00e9","custom.nfd":"e\u0301","custom.kelvin":"\u212a",\#
    "source.ip":"10.1.2.3","destination.port":443,"custom.list":["a","b"],"@timestamp":"2024-05-01T10:00:00.000Z"}
    """#

  static let operands = [
    "host.name", "custom.nfc", "custom.nfd", "custom.kelvin", "source.ip", "destination.port", "custom.list",
    "missing.field", "@timestamp",
  ]
  static let items = [
    "Host-A", "host-a", "\u{e9}", "e\u{301}", "\u{212a}", "K", "10.1.2.3", "443", "a", "2024-05-01T10:00:00.000Z",
  ]

  @Test(arguments: operands)
  func hashedInAgreesWithComparisons(_ operand: String) throws {
    for item in Self.items {
      for negation in ["", "NOT "] {
        let short = "\(operand) \(negation)IN (\"\(item)\", \"x\")"
        let hashed = "\(operand) \(negation)IN (\"\(item)\", \"x\", \"y\", \"z\")"
        let result = try ESQLRuntimeHarness.run(
          "FROM logs-* | EVAL a = \(short), b = \(hashed) | KEEP a, b", [Self.event])
        let row = try #require(result.rows.first)
        #expect(row["a"] == row["b"], "\(hashed)")
        #expect(result.warnings == (operand == "custom.list" ? 2 : 0), "\(hashed)")
      }
    }
  }
}

/// Extreme arguments give `null` (or a value), never a trap.
struct ESQLRuntimeRobustnessTests {
  static let expressions = [
    "LOCATE(host.name, \"A\", -9223372036854775807)", "SUBSTRING(host.name, -9223372036854775807, 9223372036854775807)",
    "REPEAT(host.name, 9223372036854775807)", "SPACE(9223372036854775807)",
    "IP_PREFIX(source.ip, 9223372036854775807, 0)",
    "DATE_TRUNC(999999999 years, @timestamp)", "@timestamp + 9223372036854775807 days",
    "@timestamp - 2000000 years", "@timestamp + 300 years", "@timestamp + 9223372036854775807 hours",
    "DATE_TRUNC(1000000000000 hours, @timestamp)", "-9223372036854775807 - 2", "ABS(-9223372036854775807 - 1)",
    "9223372036854775807 * 2", "(-9223372036854775807 - 1) / -1", "(-9223372036854775807 - 1) % -1",
    "ROUND(9223372036854775807, -30)", "ROUND(1.5, 9223372036854775807)", "MV_SLICE(custom.nums, -9223372036854775807)",
    "TO_DATETIME(9223372036854775807)", "TO_INTEGER(1e300)", "DATE_DIFF(\"years\", TO_DATETIME(0), @timestamp)",
    "TO_LONG(\"-9223372036854775809\")", "JSON_EXTRACT(custom.doc, \"[99999999999999999999]\")",
  ]

  @Test(arguments: expressions)
  func doesNotTrap(_ expression: String) throws {
    let result = try ESQLRuntimeHarness.run(
      "FROM logs-* | EVAL r = \(expression) | KEEP r", [ESQLFunctionRuntimeTests.event])
    #expect(result.rows.count == 1)
  }
}
