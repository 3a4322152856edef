import Testing
import VigilESQL
import VigilEvents

/// Each command over events gives the rows Elasticsearch would: query + events (JSON lines) → rows.
struct ESQLPipelineRuntimeTests {
  static let hosts = [
    #"{"@timestamp":"2024-05-01T10:00:00Z","host.name":"a","user.name":["bob","alice"],"destination.port":10,"event.outcome":"failure","process.name":"cmd.exe"}"#,
    #"{"@timestamp":"2024-05-01T10:20:00Z","host.name":"a","user.name":"bob","destination.port":20,"event.outcome":"success","process.name":"sh"}"#,
    #"{"@timestamp":"2024-05-01T11:40:00Z","host.name":"b","destination.port":30,"event.outcome":"failure"}"#,
  ]

  static let cases: [ESQLRuntimeCase] = [
    // WHERE: only true keeps a row; null (missing field, multi-value comparison) drops it.
    .init(#"FROM logs-* | WHERE process.name == "cmd.exe" | KEEP host.name"#, hosts, [#"{"host.name":"a"}"#]),
    .init(
      #"FROM logs-* | WHERE NOT process.name == "sh" | KEEP host.name, process.name"#, hosts,
      [#"{"host.name":"a","process.name":"cmd.exe"}"#]),
    .init(
      #"FROM logs-* | WHERE user.name == "bob" | KEEP destination.port"#, hosts, [#"{"destination.port":20}"#],
      warnings: 1),
    .init(
      #"FROM logs-* | WHERE process.name IS NULL OR destination.port >= 20 | KEEP destination.port"#, hosts,
      [#"{"destination.port":20}"#, #"{"destination.port":30}"#]),
    .init(
      "FROM logs-* | WHERE @timestamp >= NOW() - 1 hour | KEEP host.name", hosts, [#"{"host.name":"b"}"#]),
    .init(
      #"FROM logs-* | WHERE process.name LIKE "*.exe" OR process.name RLIKE "s.*" | KEEP process.name"#, hosts,
      [#"{"process.name":"cmd.exe"}"#, #"{"process.name":"sh"}"#]),
    // EVAL: later items see earlier ones; an existing column is replaced and moves to the end.
    .init(
      "FROM logs-* | WHERE host.name == \"b\" | EVAL p = destination.port * 2, q = p + 1, host.name = TO_UPPER(host.name) "
        + "| KEEP host.name, p, q", hosts, [#"{"host.name":"B","p":60,"q":61}"#]),
    .init(
      #"FROM logs-* | WHERE host.name == "b" | EVAL host.name = "x" | KEEP host.*, destination.port"#, hosts,
      [#"{"host.name":"x","destination.port":30}"#]),
    // WHERE and EVAL commands that open a pipeline: an event is tested on the columns they read before its row is
    // made; the rows that pass are those of the whole pipeline, with every column, and warnings count once.
    .init(
      "FROM logs-* | EVAL p = destination.port * 2 | WHERE p > 30 | KEEP host.name, p", hosts,
      [#"{"host.name":"a","p":40}"#, #"{"host.name":"b","p":60}"#]),
    .init(
      #"FROM logs-* | WHERE host.name == "a" | EVAL host.name = TO_UPPER(host.name), n = LENGTH(process.name) "#
        + "| WHERE n > 2 | KEEP host.name, n, destination.port", hosts,
      [#"{"host.name":"A","n":7,"destination.port":10}"#]),
    .init(
      #"FROM logs-* | WHERE destination.port > 0 | EVAL u = user.name == "bob" | WHERE destination.port < 25 "#
        + "| KEEP destination.port, u", hosts,
      [#"{"destination.port":10,"u":null}"#, #"{"destination.port":20,"u":true}"#], warnings: 1),
    .init(
      #"FROM logs-* | WHERE user.name == "bob" OR true | EVAL x = 1 | WHERE x == 1 | KEEP destination.port"#, hosts,
      [#"{"destination.port":10}"#, #"{"destination.port":20}"#, #"{"destination.port":30}"#], warnings: 1),
    // An MV_EXPAND among them: the filter runs on each row the expansion makes, warning as often as the pipeline.
    .init(
      #"FROM logs-* | MV_EXPAND user.name | WHERE user.name == "alice" | KEEP host.name, user.name"#, hosts,
      [#"{"host.name":"a","user.name":"alice"}"#], warnings: 0),
    .init(#"FROM logs-* | MV_EXPAND a | WHERE b == 1 | KEEP a"#, [#"{"a":["x","y"],"b":[1,2]}"#], [], warnings: 2),
    .init(
      #"FROM logs-* | MV_EXPAND a | WHERE b == 1 OR a == "y" | KEEP a"#, [#"{"a":["x","y"],"b":[1,2]}"#],
      [#"{"a":"y"}"#], warnings: 2),
    .init(
      #"FROM logs-* | MV_EXPAND a | EVAL n = LENGTH(a) | WHERE n > 1 | MV_EXPAND b | WHERE b > 1 | KEEP a, b"#,
      [#"{"a":["x","yy","zz"],"b":[1,2]}"#, #"{"a":"yyy","b":[3]}"#],
      [#"{"a":"yy","b":2}"#, #"{"a":"zz","b":2}"#, #"{"a":"yyy","b":3}"#], warnings: 0),
    // STATS … BY: COUNT(*) counts rows, COUNT(x) values (each value of a multi-value).
    .init(
      "FROM logs-* | STATS c = COUNT(*), n = COUNT(user.name), d = COUNT_DISTINCT(user.name), v = VALUES(user.name) "
        + "BY host.name",
      hosts,
      [
        #"{"c":2,"n":3,"d":2,"v":["alice","bob"],"host.name":"a"}"#, #"{"c":1,"n":0,"d":0,"v":null,"host.name":"b"}"#,
      ]),
    // A STATS right after the first WHERE reads the event's fields (metadata too) as one after other commands does.
    .init(
      "FROM logs-* METADATA _id | WHERE destination.port > 15 | STATS ids = VALUES(_id), c = COUNT(*) BY host.name "
        + "| SORT host.name", hosts,
      [#"{"ids":"doc1","c":1,"host.name":"a"}"#, #"{"ids":"doc2","c":1,"host.name":"b"}"#]),
    .init(
      "FROM logs-* METADATA _id | WHERE destination.port > 15 | EVAL p = destination.port "
        + "| STATS ids = VALUES(_id), c = COUNT(*) BY host.name | SORT host.name", hosts,
      [#"{"ids":"doc1","c":1,"host.name":"a"}"#, #"{"ids":"doc2","c":1,"host.name":"b"}"#]),
    // BY a multi-valued field: the row counts in the group of each value; a missing value is the null group.
    .init(
      "FROM logs-* | STATS c = COUNT(*) BY user.name | SORT user.name", hosts,
      [#"{"c":1,"user.name":"alice"}"#, #"{"c":2,"user.name":"bob"}"#, #"{"c":1,"user.name":null}"#]),
    .init(
      "FROM logs-* | STATS lo = MIN(destination.port), hi = MAX(destination.port), s = SUM(destination.port), "
        + "m = AVG(destination.port), first = MIN(@timestamp)", hosts,
      [#"{"lo":10,"hi":30,"s":60,"m":20.0,"first":"2024-05-01T10:00:00.000Z"}"#]),
    // Two multi-valued BY columns: every combination of their values.
    .init(
      "FROM logs-* | STATS c = COUNT(*) BY a = custom.a, b = custom.b | SORT a, b",
      [#"{"custom":{"a":["x","y"],"b":[1,2]}}"#],
      [#"{"c":1,"a":"x","b":1}"#, #"{"c":1,"a":"x","b":2}"#, #"{"c":1,"a":"y","b":1}"#, #"{"c":1,"a":"y","b":2}"#]),
    // Aggregates read every value of a multi-value; SUM of doubles is a double.
    .init(
      "FROM logs-* | STATS s = SUM(custom.n), a = AVG(custom.n), d = COUNT_DISTINCT(custom.n), v = VALUES(@timestamp)",
      [#"{"@timestamp":"2024-05-01T10:00:00Z","custom":{"n":[1.5,2.5]}}"#, #"{"custom":{"n":1.5}}"#],
      [#"{"s":5.5,"a":1.8333333333333333,"d":2,"v":"2024-05-01T10:00:00.000Z"}"#]),
    // Without BY, STATS gives one row even when no row reaches it; with BY, none.
    .init(
      #"FROM logs-* | WHERE host.name == "zzz" | STATS c = COUNT(*), m = MAX(destination.port)"#, hosts,
      [#"{"c":0,"m":null}"#]),
    .init(#"FROM logs-* | WHERE host.name == "zzz" | STATS c = COUNT(*) BY host.name"#, hosts, []),
    // Filtered aggregates and expressions over aggregates.
    .init(
      #"FROM logs-* | STATS f = COUNT(*) WHERE event.outcome == "failure", t = COUNT(*), "#
        + "r = ROUND(COUNT(*) * 100.0 / 3, 1) WHERE event.outcome == \"failure\"", hosts,
      [#"{"f":2,"t":3,"r":66.7}"#]),
    // Keywords group and count by their bytes: NFC and NFD `é` are two values, as in Elasticsearch.
    .init(
      "FROM logs-* | STATS c = COUNT(*), d = COUNT_DISTINCT(user.name) BY user.name | SORT c",
      [#"{"user.name":"\u00e9"}"#, #"{"user.name":"e\u0301"}"#, #"{"user.name":"e\u0301"}"#],
      [#"{"c":1,"d":1,"user.name":"\#u{e9}"}"#, #"{"c":2,"d":1,"user.name":"e\#u{301}"}"#]),
    // COUNT_DISTINCT and VALUES of the same values keep one set; a filter makes other values.
    .init(
      "FROM logs-* | STATS d = COUNT_DISTINCT(user.name), v = VALUES(user.name), "
        + #"fd = COUNT_DISTINCT(user.name) WHERE event.outcome == "success", "#
        + #"fv = VALUES(user.name) WHERE event.outcome == "success", p = VALUES(destination.port)"#, hosts,
      [#"{"d":2,"v":["alice","bob"],"fd":1,"fv":"bob","p":[10,20,30]}"#]),
    .init(
      "FROM logs-* | STATS hosts = MV_SLICE(VALUES(host.name), 0, 0), n = COUNT(*) + 1", hosts,
      [#"{"hosts":"a","n":4}"#]),
    // FIRST/LAST: the value at the smallest/largest sort key.
    .init(
      "FROM logs-* | STATS f = FIRST(destination.port, @timestamp), l = LAST(destination.port, @timestamp), "
        + "p = LAST(process.name, @timestamp)", hosts, [#"{"f":10,"l":30,"p":null}"#]),
    // BY an expression, and unnamed columns named after their text.
    .init(
      "FROM logs-* | STATS COUNT(*) BY w = DATE_TRUNC(1 hour, @timestamp)", hosts,
      [#"{"COUNT(*)":2,"w":"2024-05-01T10:00:00.000Z"}"#, #"{"COUNT(*)":1,"w":"2024-05-01T11:00:00.000Z"}"#]),
    // BUCKET with a span groups like DATE_TRUNC (dates) or flooring (numbers).
    .init(
      "FROM logs-* | STATS c = COUNT(*) BY b = BUCKET(destination.port, 15) | SORT b", hosts,
      [#"{"c":1,"b":0.0}"#, #"{"c":1,"b":15.0}"#, #"{"c":1,"b":30.0}"#]),
    // MATCH with fuzziness on a keyword: within that many edits (a transposition is one).
    .init(
      #"FROM logs-* | WHERE MATCH(process.name, "svchost.exe", {"fuzziness": 1}) | KEEP process.name"#,
      [
        #"{"process.name":"svch0st.exe"}"#, #"{"process.name":"scvhost.exe"}"#, #"{"process.name":"svchost.exe"}"#,
        #"{"process.name":"svhst.exe"}"#, #"{"process.name":"SVCHOST.EXE"}"#, #"{"process.name":"svchostt.exe"}"#,
        #"{"process.name":"svchöst.exe"}"#,
      ],
      [
        #"{"process.name":"svch0st.exe"}"#, #"{"process.name":"scvhost.exe"}"#, #"{"process.name":"svchost.exe"}"#,
        #"{"process.name":"svchostt.exe"}"#, #"{"process.name":"svchöst.exe"}"#,
      ]),
    // MATCH and the : operator: a match query on the field (analysed words on text fields).
    .init(
      #"FROM logs-* | WHERE MATCH(message, "Denied") AND event.action : "logon" | KEEP message"#,
      [
        #"{"message":"access denied for bob","event":{"action":"logon"}}"#,
        #"{"message":"access granted","event":{"action":"logon"}}"#,
        #"{"message":"access denied","event":{"action":"logoff"}}"#,
      ], [#"{"message":"access denied for bob"}"#]),
    .init(
      #"FROM logs-* | WHERE MATCH_PHRASE(message, "denied for") | KEEP message"#,
      [#"{"message":"access denied for bob"}"#, #"{"message":"for denied"}"#], [#"{"message":"access denied for bob"}"#]
    ),
    // INLINE STATS adds the group's aggregates to every row.
    .init(
      "FROM logs-* | INLINE STATS c = COUNT(*) BY host.name | KEEP destination.port, c", hosts,
      [#"{"destination.port":10,"c":2}"#, #"{"destination.port":20,"c":2}"#, #"{"destination.port":30,"c":1}"#]),
    // INLINE STATS keeps one row per input row: a multi-valued key joins no group.
    .init(
      "FROM logs-* | INLINE STATS c = COUNT(*) BY user.name | KEEP destination.port, c, user.name", hosts,
      [
        #"{"destination.port":10,"c":null,"user.name":["alice","bob"]}"#,
        #"{"destination.port":20,"c":2,"user.name":"bob"}"#,
        #"{"destination.port":30,"c":1,"user.name":null}"#,
      ]),
    .init(
      "FROM logs-* | INLINE STATS t = TOP(destination.port, 2, \"desc\") | KEEP t | LIMIT 1", hosts, [#"{"t":[30,20]}"#]
    ),
    // KEEP: by pattern order, an exact name placing its column over a wildcard; DROP and RENAME.
    .init(
      #"FROM logs-* | WHERE host.name == "b" | KEEP event.*, host.name, @timestamp"#, hosts,
      [#"{"event.outcome":"failure","host.name":"b","@timestamp":"2024-05-01T11:40:00.000Z"}"#]),
    .init(
      #"FROM logs-* | WHERE host.name == "b" | KEEP host.name, destination.port | DROP dest*"#, hosts,
      [#"{"host.name":"b"}"#]),
    .init(
      #"FROM logs-* | WHERE host.name == "b" | KEEP host.name, destination.port | RENAME destination.port AS port"#,
      hosts, [#"{"host.name":"b","port":30}"#]),
    // SORT: nulls last ascending, first descending, unless told.
    .init(
      "FROM logs-* | SORT process.name | KEEP process.name", hosts,
      [#"{"process.name":"cmd.exe"}"#, #"{"process.name":"sh"}"#, #"{"process.name":null}"#]),
    .init(
      "FROM logs-* | SORT process.name DESC | KEEP process.name", hosts,
      [#"{"process.name":null}"#, #"{"process.name":"sh"}"#, #"{"process.name":"cmd.exe"}"#]),
    .init(
      "FROM logs-* | SORT process.name ASC NULLS FIRST | KEEP process.name", hosts,
      [#"{"process.name":null}"#, #"{"process.name":"cmd.exe"}"#, #"{"process.name":"sh"}"#]),
    .init(
      "FROM logs-* | SORT host.name DESC, destination.port | KEEP destination.port | LIMIT 2", hosts,
      [#"{"destination.port":30}"#, #"{"destination.port":10}"#]),
    // A multi-valued sort key sorts by its smallest value ascending.
    .init(
      "FROM logs-* | WHERE host.name == \"a\" | SORT user.name | KEEP destination.port", hosts,
      [#"{"destination.port":10}"#, #"{"destination.port":20}"#]),
    .init("FROM logs-* | LIMIT 1 | KEEP host.name", hosts, [#"{"host.name":"a"}"#]),
    // MV_EXPAND: one row per value.
    .init(
      #"FROM logs-* | WHERE destination.port == 10 | MV_EXPAND user.name | KEEP user.name"#, hosts,
      [#"{"user.name":"alice"}"#, #"{"user.name":"bob"}"#]),
    .init(
      "FROM logs-* | MV_EXPAND user.name | STATS c = COUNT(*) BY user.name | SORT c DESC, user.name", hosts,
      [#"{"c":2,"user.name":"bob"}"#, #"{"c":1,"user.name":"alice"}"#, #"{"c":1,"user.name":null}"#]),
    // DISSECT and GROK: non-matching input gives nulls.
    .init(
      #"FROM logs-* | DISSECT message "%{method} %{path} %{status}" | KEEP method, path, status"#,
      [#"{"message":"GET /index.html 200"}"#, #"{"message":"garbage"}"#],
      [#"{"method":"GET","path":"/index.html","status":"200"}"#, #"{"method":null,"path":null,"status":null}"#]),
    .init(
      #"FROM logs-* | DISSECT message "%{+who} %{+who} %{?skip}:%{rest}" APPEND_SEPARATOR="." | KEEP who, rest"#,
      [#"{"message":"jane doe x:tail"}"#], [#"{"who":"jane.doe","rest":"tail"}"#]),
    .init(
      #"FROM logs-* | DISSECT message "%{a->} %{b}" | KEEP a, b"#, [#"{"message":"left     right"}"#],
      [#"{"a":"left","b":"right"}"#]),
    .init(
      #"FROM logs-* | GROK message "%{WORD:method} %{NOTSPACE:path} %{INT:status:int}" | KEEP method, path, status"#,
      [#"{"message":"GET /a 404"}"#, #"{"message":"nothing"}"#],
      [#"{"method":"GET","path":"/a","status":404}"#, #"{"method":null,"path":null,"status":null}"#]),
    .init(
      #"FROM logs-* | GROK url.original "(?<Esql.scheme>[a-z]+)://%{URIHOST:Esql.host}" | KEEP Esql.*"#,
      [#"{"url.original":"see https://evil.example.com:8443/x"}"#],
      [#"{"Esql.scheme":"https","Esql.host":"evil.example.com:8443"}"#]),
    // METADATA columns.
    .init(
      #"FROM logs-* METADATA _id, _index | WHERE host.name == "b" | KEEP _id, _index, host.name"#, hosts,
      [#"{"_id":"doc2","_index":null,"host.name":"b"}"#]),
    .init(
      #"FROM logs-* METADATA _index | KEEP _index"#,
      [#"{"data_stream":{"type":"logs","dataset":"system.auth","namespace":"default"}}"#],
      [#"{"_index":"logs-system.auth-default"}"#]),
    // METADATA _source and JSON_EXTRACT read the original document.
    .init(
      #"FROM logs-* METADATA _source | EVAL m = JSON_EXTRACT(_source, "sip.method") | KEEP m"#,
      [#"{"sip":{"method":"OPTIONS"}}"#, #"{"other":1}"#], [#"{"m":"OPTIONS"}"#, #"{"m":null}"#]),
    // No KEEP and no STATS: every field is a column, sorted by name.
    .init(
      #"FROM logs-* | WHERE host.name == "b""#, hosts,
      [
        #"{"@timestamp":"2024-05-01T11:40:00.000Z","destination.port":30,"event.outcome":"failure","host.name":"b"}"#
      ]),
  ]

  @Test(arguments: cases)
  func runs(_ test: ESQLRuntimeCase) throws {
    let result = try ESQLRuntimeHarness.run(test.query, test.events)
    #expect(ESQLRuntimeHarness.rows(result) == test.rows)
    if let warnings = test.warnings { #expect(result.warnings == warnings) }
  }

  /// Without LIMIT after the last STATS, Elasticsearch returns at most 1000 rows; with one, up to 10,000.
  @Test func defaultLimitIsOneThousandRows() throws {
    let events = (0..<1005).map { #"{"destination.port":\#($0)}"# }
    let result = try ESQLRuntimeHarness.run("FROM logs-* | KEEP destination.port", events)
    #expect(result.rows.count == 1000)
    let limited = try ESQLRuntimeHarness.run("FROM logs-* | KEEP destination.port | LIMIT 5000", events)
    #expect(limited.rows.count == 1005)
    let grouped = try ESQLRuntimeHarness.run(
      "FROM logs-* | LIMIT 5000 | STATS c = COUNT(*) BY destination.port", events)
    #expect(grouped.rows.count == 1000)
    let stats = try ESQLRuntimeHarness.run("FROM logs-* | STATS c = COUNT(*)", events)
    #expect(ESQLRuntimeHarness.rows(stats) == [#"{"c":1005}"#])
  }

  @Test func rowsMapBackToTheirEvents() throws {
    let result = try ESQLRuntimeHarness.run(
      #"FROM logs-* METADATA _id | WHERE host.name == "a" | MV_EXPAND user.name | KEEP _id, user.name"#, Self.hosts)
    #expect(result.rows.map(\.source) == [0, 0, 1])
    let (filtered, fields) = try ESQLRuntimeHarness.program(#"FROM logs-* | WHERE host.name == "b" | KEEP host.name"#)
    var run = filtered.start(now: ESQLRuntimeHarness.now)
    let decoder = EventDecoder(catalog: fields.catalog)
    for (index, line) in Self.hosts.enumerated() { run.feed(try decoder.decode(line), source: 100 + index) }
    #expect(run.finish().rows.map(\.source) == [102])
    let (program, _) = try ESQLRuntimeHarness.program("FROM logs-* | STATS c = COUNT(*) BY host.name")
    #expect(program.isAggregating)
    let (expanding, _) = try ESQLRuntimeHarness.program("FROM logs-* | MV_EXPAND user.name | MV_EXPAND event.action")
    #expect(!expanding.isAggregating)
    #expect(expanding.expandedColumns == ["user.name", "event.action"])
    let aggregated = try ESQLRuntimeHarness.run("FROM logs-* | STATS c = COUNT(*) BY host.name", Self.hosts)
    #expect(aggregated.rows.map(\.source) == [nil, nil])
  }
}
