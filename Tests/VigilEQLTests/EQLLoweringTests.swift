import Testing
import VigilEQL

/// (query, event, matches?) tables for EQL event queries, with Elasticsearch's semantics: the EQL syntax and function
/// references, and the query DSL Elasticsearch translates filters to (`!=` and `not` are `must_not`, so they match
/// events without the field).
@Suite struct EQLLoweringTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var json: String
    var matches: Bool
    var note: String

    init(_ query: String, _ json: String, _ matches: Bool, _ note: String = "") {
      self.query = query
      self.json = json
      self.matches = matches
      self.note = note
    }

    var testDescription: String { "\(query) on \(json)\(note.isEmpty ? "" : " (\(note))")" }
  }

  static let process = #""event":{"category":"process"}"#

  static let categories: [Case] = [
    Case("process where true", #"{"event":{"category":"process"}}"#, true),
    Case("process where true", #"{"event":{"category":["network","process"]}}"#, true, "any value"),
    Case("process where true", #"{"event":{"category":"Process"}}"#, false, "a term query: case-sensitive"),
    Case("network where true", #"{"event":{"category":"process"}}"#, false),
    Case("process where true", #"{}"#, false, "no category"),
    Case("any where true", #"{}"#, true, "any: no category test"),
    Case(#""process" where true"#, #"{"event":{"category":"process"}}"#, true, "quoted category"),
    Case("process where false", #"{"event":{"category":"process"}}"#, false),
  ]

  static let equality: [Case] = [
    Case(#"any where process.name == "cmd.exe""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name == "cmd.exe""#, #"{"process":{"name":"CMD.EXE"}}"#, false, "== is case-sensitive"),
    Case(#"any where process.name == "cmd*""#, #"{"process":{"name":"cmd.exe"}}"#, false, "== takes no wildcards"),
    Case(#"any where process.name == "cmd*""#, #"{"process":{"name":"cmd*"}}"#, true),
    Case(#"any where "cmd.exe" == process.name"#, #"{"process":{"name":"cmd.exe"}}"#, true, "constant first"),
    Case(#"any where process.args == "-enc""#, #"{"process":{"args":["powershell","-enc","x"]}}"#, true, "any value"),
    Case(#"any where process.pid == 4"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid == 4"#, #"{"process":{"pid":"4"}}"#, true, "numeric string in a long field"),
    Case(#"any where process.pid == 4"#, #"{"process":{"pid":40}}"#, false),
    Case(#"any where process.pid == 4.0"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where source.ip == "10.0.0.1""#, #"{"source":{"ip":"10.0.0.1"}}"#, true),
    Case(#"any where source.ip == "10.0.0.0/8""#, #"{"source":{"ip":"10.1.2.3"}}"#, true, "term on ip takes CIDR"),
    Case(#"any where dll.code_signature.trusted == false"#, #"{"dll":{"code_signature":{"trusted":false}}}"#, true),
    Case(#"any where dll.code_signature.trusted == true"#, #"{"dll":{"code_signature":{"trusted":false}}}"#, false),
    Case(#"any where custom.flag == true"#, #"{"custom":{"flag":true}}"#, true, "unmapped boolean"),
    Case(#"any where custom.n == 5"#, #"{"custom":{"n":5}}"#, true, "unmapped number"),
    Case(#"any where custom.n == 5"#, #"{"custom":{"n":"5"}}"#, true, "unmapped string"),
    Case(#"any where custom.s == "abc""#, #"{"custom":{"s":"ABC"}}"#, false),
  ]

  static let negation: [Case] = [
    Case(#"any where process.name != "cmd.exe""#, #"{"process":{"name":"cmd.exe"}}"#, false),
    Case(#"any where process.name != "cmd.exe""#, #"{"process":{"name":"pwsh"}}"#, true),
    Case(#"any where process.name != "cmd.exe""#, #"{}"#, true, "must_not term: a missing field matches"),
    Case(#"any where process.name != "cmd.exe""#, #"{"process":{"name":null}}"#, true, "null: as missing"),
    Case(#"any where not process.name == "cmd.exe""#, #"{}"#, true, "not: must_not"),
    Case(#"any where process.args != "-enc""#, #"{"process":{"args":["a","-enc"]}}"#, false, "no value may match"),
    Case(#"any where process.args != "-enc""#, #"{"process":{"args":["a","b"]}}"#, true),
    Case(#"any where not process.pid > 4"#, #"{}"#, true),
    Case(#"any where not startsWith(process.name, "cmd")"#, #"{}"#, true, "not of a prefix query"),
    Case(#"any where not length(process.name) > 3"#, #"{}"#, true, "the multi-value rewrite puts not outside"),
    Case(#"any where not length(process.name) > 3"#, #"{"process":{"name":"ab"}}"#, true),
    Case(#"any where not (length(process.name) > 3 and process.pid == 1)"#, #"{}"#, true, "not of a bool query: must_not"),
    Case(#"any where not process.name : "cmd*""#, #"{"process":{"name":"CMD.exe"}}"#, false),
  ]

  static let nulls: [Case] = [
    Case(#"any where process.name == null"#, #"{}"#, true, "missing"),
    Case(#"any where process.name == null"#, #"{"process":{"name":null}}"#, true, "null"),
    Case(#"any where process.name == null"#, #"{"process":{"name":[]}}"#, true, "empty array"),
    Case(#"any where process.name == null"#, #"{"process":{"name":"x"}}"#, false),
    Case(#"any where process.name != null"#, #"{"process":{"name":"x"}}"#, true),
    Case(#"any where process.name != null"#, #"{"process":{"name":null}}"#, false),
    Case(#"any where process.name != null"#, #"{}"#, false),
    Case(#"any where null == process.name"#, #"{}"#, true),
    Case(#"any where ?custom.missing == null"#, #"{}"#, true, "optional field (ES test_extra.toml)"),
    Case(#"any where ?custom.missing == 123"#, #"{}"#, false, "ES test_extra.toml"),
    Case(#"any where ?custom.missing"#, #"{}"#, false, "implicit boolean (ES test_extra.toml)"),
    Case(#"any where ?custom.flag"#, #"{"custom":{"flag":true}}"#, true, "a boolean field as the condition"),
    Case(#"any where ?custom.missing != null"#, #"{"custom":{"missing":1}}"#, true),
    Case(#"any where custom.unknown == "x""#, #"{}"#, false, "an unknown field is null, not an error"),
    Case(#"any where ?process.name == "cmd.exe""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.pid < null"#, #"{"process":{"pid":1}}"#, false, "an ordering with null is never true"),
    Case(#"any where length(process.name) == null"#, #"{}"#, true, "a function of a missing field is null"),
    Case(#"any where length(process.name) != null"#, #"{}"#, false),
  ]

  static let matching: [Case] = [
    Case(#"any where process.name : "CMD.exe""#, #"{"process":{"name":"cmd.EXE"}}"#, true, ": ignores case"),
    Case(#"any where process.name : "cmd*""#, #"{"process":{"name":"CMD.exe"}}"#, true),
    Case(#"any where process.name : "c?d.exe""#, #"{"process":{"name":"CMD.exe"}}"#, true, "? is one character"),
    Case(#"any where process.name : "c?d.exe""#, #"{"process":{"name":"cmmd.exe"}}"#, false),
    Case(#"any where process.name : ("a*", "cmd.exe")"#, #"{"process":{"name":"CMD.EXE"}}"#, true, "a list"),
    Case(#"any where process.name : ("a*", "b")"#, #"{"process":{"name":"c"}}"#, false),
    Case(#"any where process.name : "ÉCLAIR.exe""#, #"{"process":{"name":"éclair.EXE"}}"#, true, "non-ASCII letters"),
    Case(#"any where file.path : "C:\\Windows\\*""#, #"{"file":{"path":"c:\\windows\\x.exe"}}"#, true, "backslash literal"),
    Case(#"any where file.path : """C:\Windows\*.exe""""#, #"{"file":{"path":"C:\\Windows\\x.exe"}}"#, true),
    Case(#"any where file.path : """C:\Windows\*.exe""""#, #"{"file":{"path":"C:\\Windows*.exe"}}"#, false, "\\* is not an escape"),
    Case(#"any where process.name like "cmd*""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name like "cmd*""#, #"{"process":{"name":"CMD.exe"}}"#, false, "like is case-sensitive"),
    Case(#"any where process.name like~ "cmd*""#, #"{"process":{"name":"CMD.exe"}}"#, true),
    Case(#"any where process.name like ("x", "*.exe")"#, #"{"process":{"name":"a.exe"}}"#, true),
    Case(#"any where process.name like "cmd.exe""#, #"{"process":{"name":"cmd.exe"}}"#, true, "no wildcard"),
    Case(#"any where process.args like "-e*""#, #"{"process":{"args":["x","-enc"]}}"#, true, "any value"),
    Case(#"any where process.command_line like "*-enc *""#, #"{"process":{"command_line":"pwsh -enc AAA"}}"#, true),
    Case(#"any where process.pid : "4*""#, #"{"process":{"pid":42}}"#, true, "a number's text"),
  ]

  static let regexes: [Case] = [
    Case(#"any where process.name regex "cmd\\.exe""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name regex "cmd""#, #"{"process":{"name":"cmd.exe"}}"#, false, "anchored"),
    Case(#"any where process.name regex ".*md.*""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name regex "CMD.*""#, #"{"process":{"name":"cmd.exe"}}"#, false, "case-sensitive"),
    Case(#"any where process.name regex~ "CMD.*""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name regex~ "[A-Z]+""#, #"{"process":{"name":"cmd"}}"#, false, "ASCII_CASE_INSENSITIVE: classes keep case"),
    Case(#"any where process.name regex ("a.*", "[0-9]{3}")"#, #"{"process":{"name":"123"}}"#, true),
    Case(#"any where process.name regex """\d+""""#, #"{"process":{"name":"123"}}"#, true, "Lucene 9 classes"),
    Case(#"any where process.name regex """\d+""""#, #"{"process":{"name":"ddd"}}"#, false),
  ]

  static let membership: [Case] = [
    Case(#"any where process.name in ("cmd.exe", "pwsh")"#, #"{"process":{"name":"pwsh"}}"#, true),
    Case(#"any where process.name in ("cmd.exe", "pwsh")"#, #"{"process":{"name":"PWSH"}}"#, false, "in is case-sensitive"),
    Case(#"any where process.name in~ ("cmd.exe", "pwsh")"#, #"{"process":{"name":"PWSH"}}"#, true),
    Case(#"any where process.name in ("cmd*")"#, #"{"process":{"name":"cmd.exe"}}"#, false, "no wildcards"),
    Case(#"any where process.name not in ("cmd.exe", "pwsh")"#, #"{"process":{"name":"bash"}}"#, true),
    Case(#"any where process.name not in ("cmd.exe", "pwsh")"#, #"{"process":{"name":"pwsh"}}"#, false),
    Case(#"any where process.name not in ("cmd.exe", "pwsh")"#, #"{}"#, true, "must_not terms"),
    Case(#"any where process.pid in (1, 4, 8)"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid in (1, 8)"#, #"{"process":{"pid":4}}"#, false),
    Case(#"any where process.args in ("-enc", "-e")"#, #"{"process":{"args":["x","-e"]}}"#, true),
    Case(#"any where process.pid in (1 + 1, 5)"#, #"{"process":{"pid":2}}"#, true, "constants fold"),
    Case(#"any where length(process.name) in (1, 2)"#, #"{"process":{"name":"ab"}}"#, true, "a script"),
    Case(#"any where length(process.name) not in (1, 2)"#, #"{}"#, true, "not outside the script"),
    Case(#"any where length(process.name) != 1"#, #"{}"#, false, "!= inside a script: null"),
  ]

  static let ranges: [Case] = [
    Case(#"any where process.pid > 4"#, #"{"process":{"pid":5}}"#, true),
    Case(#"any where process.pid > 4"#, #"{"process":{"pid":4}}"#, false),
    Case(#"any where process.pid >= 4"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid < 4"#, #"{"process":{"pid":[9,3]}}"#, true, "any value"),
    Case(#"any where 4 < process.pid"#, #"{"process":{"pid":5}}"#, true, "constant first"),
    Case(#"any where process.pid <= 4.5"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid > 4"#, #"{}"#, false),
    Case(#"any where process.name < "b""#, #"{"process":{"name":"abc"}}"#, true, "keyword byte order"),
    Case(#"any where process.name < "b""#, #"{"process":{"name":"B"}}"#, true, "upper case sorts first"),
    Case(#"any where process.name >= "b""#, #"{"process":{"name":"abc"}}"#, false),
    Case(#"any where source.ip > "10.0.0.1""#, #"{"source":{"ip":"10.0.0.2"}}"#, true),
    Case(#"any where source.ip > "10.0.0.1""#, #"{"source":{"ip":"9.0.0.2"}}"#, false, "by address, not text"),
    Case(#"any where @timestamp >= "2024-01-02T00:00:00Z""#, #"{"@timestamp":"2024-01-02T00:00:00.000Z"}"#, true),
    Case(#"any where @timestamp < "2024-01-02""#, #"{"@timestamp":"2024-01-01T23:59:59Z"}"#, true),
    Case(#"any where @timestamp > 1704067200000"#, #"{"@timestamp":"2024-01-01T00:00:01Z"}"#, true, "epoch milliseconds"),
    Case(#"any where custom.n > 10"#, #"{"custom":{"n":11}}"#, true, "unmapped number"),
  ]

  static let logic: [Case] = [
    Case(#"process where process.name == "a" and process.pid == 1"#, #"{\#(process),"process":{"name":"a","pid":1}}"#, true),
    Case(#"process where process.name == "a" and process.pid == 1"#, #"{\#(process),"process":{"name":"a","pid":2}}"#, false),
    Case(#"process where process.name == "x" or process.pid == 1"#, #"{\#(process),"process":{"name":"a","pid":1}}"#, true),
    Case(#"process where not (process.name == "x" or process.pid == 2)"#, #"{\#(process),"process":{"name":"a","pid":1}}"#, true),
  ]

  static let functions: [Case] = [
    Case(#"any where startsWith(process.name, "cmd")"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where startsWith(process.name, "CMD")"#, #"{"process":{"name":"cmd.exe"}}"#, false),
    Case(#"any where startsWith~(process.name, "CMD")"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where startsWith(process.name, "c*")"#, #"{"process":{"name":"c*.exe"}}"#, true, "* is literal"),
    Case(#"any where startsWith(process.name, "c*")"#, #"{"process":{"name":"cmd.exe"}}"#, false),
    Case(#"any where endsWith(process.name, ".exe")"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where endsWith~(process.name, ".EXE")"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where stringContains(process.command_line, "-enc")"#, #"{"process":{"command_line":"x -enc y"}}"#, true),
    Case(#"any where stringContains~(process.command_line, "-ENC")"#, #"{"process":{"command_line":"x -enc y"}}"#, true),
    Case(#"any where stringContains(process.args, "enc")"#, #"{"process":{"args":["a","-enc"]}}"#, true, "any value"),
    Case(#"any where cidrMatch(source.ip, "10.0.0.0/8", "192.168.0.0/16")"#, #"{"source":{"ip":"192.168.1.1"}}"#, true),
    Case(#"any where cidrMatch(source.ip, "10.0.0.0/8")"#, #"{"source":{"ip":"11.0.0.1"}}"#, false),
    Case(#"any where cidrMatch(source.ip, "::1/128")"#, #"{"source":{"ip":"::1"}}"#, true),
    Case(#"any where length(process.name) == 7"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where length(process.name) > 7"#, #"{"process":{"name":"cmd.exe"}}"#, false),
    Case(#"any where length(process.name) == 0"#, #"{"process":{"name":""}}"#, true),
    Case(#"any where length(process.name) > 0"#, #"{}"#, false, "null > 0 is null"),
    Case(#"any where between(file.path, "System32\\", ".exe") == "cmd""#, #"{"file":{"path":"C:\\System32\\cmd.exe"}}"#, true),
    Case(#"any where between(file.path, "system32\\", ".exe") == """#, #"{"file":{"path":"C:\\System32\\cmd.exe"}}"#, true, "case-sensitive: not found is empty"),
    Case(#"any where between~(file.path, "system32\\", ".exe") == "cmd""#, #"{"file":{"path":"C:\\System32\\cmd.exe"}}"#, true),
    Case(#"any where between(file.path, "\\", "\\") == "windows""#, #"{"file":{"path":"c:\\windows\\system32\\cmd.exe"}}"#, true),
    Case(#"any where between(file.path, "\\", "\\", true) == "windows\\system32""#, #"{"file":{"path":"c:\\windows\\system32\\cmd.exe"}}"#, true, "greedy"),
    Case(#"any where concat(process.name, "-", process.pid) == "cmd.exe-4""#, #"{"process":{"name":"cmd.exe","pid":4}}"#, true),
    Case(#"any where concat(process.name, "-", process.pid) == null"#, #"{"process":{"name":"cmd.exe"}}"#, true, "a null argument"),
    Case(#"any where indexOf(process.name, "e") == 3"#, #"{"process":{"name":"powershell.exe"}}"#, true),
    Case(#"any where indexOf(process.name, "e", 4) == 7"#, #"{"process":{"name":"powershell.exe"}}"#, true),
    Case(#"any where indexOf(process.name, "z") == null"#, #"{"process":{"name":"powershell.exe"}}"#, true, "not found is null"),
    Case(#"any where indexOf~(process.name, "E") == 3"#, #"{"process":{"name":"powershell.exe"}}"#, true),
    Case(#"any where indexOf(process.name, "") == 0"#, #"{"process":{"name":"powershell.exe"}}"#, true),
    Case(#"any where substring(process.name, -4) == ".exe""#, #"{"process":{"name":"regsvr32.exe"}}"#, true),
    Case(#"any where substring(process.name, 0, 8) == "regsvr32""#, #"{"process":{"name":"regsvr32.exe"}}"#, true),
    Case(#"any where substring(process.name, -12, -4) == "regsvr32""#, #"{"process":{"name":"regsvr32.exe"}}"#, true),
    Case(#"any where number(custom.s) == 1337"#, #"{"custom":{"s":"1337"}}"#, true),
    Case(#"any where number(custom.s, 16) == 4919"#, #"{"custom":{"s":"0x1337"}}"#, true),
    Case(#"any where number(custom.s) == 42.5"#, #"{"custom":{"s":"42.5"}}"#, true),
    Case(#"any where string(process.pid) == "4""#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where string(process.pid) : "4""#, #"{"process":{"pid":4}}"#, true, ": on a function result"),
    Case(#"any where substring(process.name, 0, 3) like~ "CM?""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where substring(process.name, 0, 3) regex "c.d""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where startsWith(process.name, process.parent.name)"#, #"{"process":{"name":"cmd.exe","parent":{"name":"cmd"}}}"#, true),
    Case(#"any where startsWith(process.name, process.parent.name)"#, #"{"process":{"name":"cmd.exe"}}"#, false, "null argument"),
    Case(#"any where stringContains(process.name, "m*e")"#, #"{"process":{"name":"cmd.exe"}}"#, true, "a wildcard query: * inside is a wildcard"),
    Case(#"any where endsWith(file.path, """\cmd.exe""")"#, #"{"file":{"path":"C:\\x\\notcmd.exe"}}"#, true, "Lucene wildcard: a backslash escapes"),
    Case(#"any where endsWith(file.path, "d.exe")"#, #"{"file":{"path":["a.exe","cmd.exe"]}}"#, true, "any value"),
    Case(#"any where cidrMatch(custom.ip, "10.0.0.0/8") == false"#, #"{"custom":{"ip":"11.0.0.1"}}"#, true),
  ]

  static let arithmetic: [Case] = [
    Case(#"any where process.pid + 1 == 5"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid - 1 == 3"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid * 2 == 8"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid / 3 == 1"#, #"{"process":{"pid":4}}"#, true, "integer division truncates"),
    Case(#"any where process.pid / 2.0 == 2.0"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid % 3 == 1"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where -process.pid == -4"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where add(process.pid, 1) == 5"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where subtract(process.pid, 1) == 3"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where multiply(process.pid, 2) == 8"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where divide(process.pid, 2) == 2"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where modulo(process.pid, 3) == 1"#, #"{"process":{"pid":4}}"#, true),
    Case(#"any where process.pid + 1 == 5"#, #"{}"#, false, "null + 1 is null"),
    Case(#"any where process.pid / 0 == 1"#, #"{"process":{"pid":4}}"#, false, "division by zero"),
    Case(#"any where process.pid + 1 == 5"#, #"{"process":{"pid":"4"}}"#, true, "a numeric field's string value"),
    Case(#"any where 1 + 2 == 3"#, #"{}"#, true, "constants"),
  ]

  static let multiValuedScripts: [Case] = [
    Case(#"any where length(process.args) == 1"#, #"{"process":{"args":["zzz","b"]}}"#, true, "scripts try every value"),
    Case(#"any where not length(process.args) > 2"#, #"{"process":{"args":["a","abcdef"]}}"#, false, "no value may pass"),
    Case(#"any where substring(process.args, 0, length(process.args) - 1) == "ab""#, #"{"process":{"args":["abc","x"]}}"#, true, "each reference its own value"),
    Case(#"any where substring(process.args, 0, length(process.args) - 1) == "a""#, #"{"process":{"args":["abc","xy"]}}"#, true, "abc cut at len(xy) - 1"),
    Case(#"any where stringContains(process.args, process.name)"#, #"{"process":{"args":["x","yab"],"name":["a","b"]}}"#, true, "every combination"),
    Case(#"any where stringContains(process.args, process.name)"#, #"{"process":{"args":["x","y"],"name":["a","b"]}}"#, false),
  ]

  /// Queries Elasticsearch rejects when it builds the search: comparisons without a constant side.
  static let rejected: [String] = [
    #"any where process.name == process.parent.name"#,
    #"any where process.pid < process.parent.pid"#,
    #"any where length(process.name) == length(process.parent.name)"#,
    #"any where process.name in (process.parent.name, "x")"#,
    #"any where process.pid == "abc""#,
    #"any where source.ip == "not an ip""#,
    #"any where cidrMatch(source.ip, "10.0.0.0/33")"#,
    #"any where process.name regex "a(""#,
  ]

  /// A `caseless` multi-field holds its parent's values lower-cased, and term and wildcard queries on it lower-case
  /// their constants: its comparisons ignore case.
  static let caseless: [Case] = [
    Case(#"any where process.name.caseless == "CMD.exe""#, #"{"process":{"name":"cmd.EXE"}}"#, true),
    Case(#"any where process.name.caseless != "cmd.exe""#, #"{"process":{"name":"CMD.EXE"}}"#, false),
    Case(#"any where process.name.caseless in ("x", "Cmd.exe")"#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.name.caseless like "CMD.*""#, #"{"process":{"name":"cmd.exe"}}"#, true),
    Case(#"any where process.parent.name.caseless like "cmd.*""#, #"{"process":{"parent":{"name":"sh"}}}"#, false),
    Case(#"any where process.name == "CMD.exe""#, #"{"process":{"name":"cmd.EXE"}}"#, false, "the parent itself"),
  ]

  @Test(arguments: categories + equality + negation + nulls + caseless)
  func basics(_ test: Case) throws {
    #expect(try EQLMatching.matches(test.query, test.json) == test.matches)
  }

  @Test(arguments: matching + regexes + membership + ranges + logic)
  func operators(_ test: Case) throws {
    #expect(try EQLMatching.matches(test.query, test.json) == test.matches)
  }

  @Test(arguments: functions + arithmetic + multiValuedScripts)
  func computed(_ test: Case) throws {
    #expect(try EQLMatching.matches(test.query, test.json) == test.matches)
  }

  @Test(arguments: rejected)
  func rejectedWithARange(_ query: String) throws {
    #expect(throws: EQLMatching.Failure.self) { try EQLMatching.compile(query) }
  }
}
