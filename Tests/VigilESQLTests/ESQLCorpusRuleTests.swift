import Testing
import VigilESQL
import VigilTestSupport

/// Real corpus rules over events written to trigger them (and events that must not).
struct ESQLCorpusRuleTests {
  static func rule(_ suffix: String) throws -> String? {
    guard let queries = try CorpusQuery.all(language: "esql") else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return nil
    }
    return queries.first { $0.path.hasSuffix(suffix) }?.text
  }

  /// An aggregating rule: failures from many users, then a success, from one source on one appliance.
  @Test func sonicwallFailuresFollowedBySuccess() throws {
    guard let query = try Self.rule("credential_access_sonicwall_login_failures_followed_by_success.toml") else {
      return
    }
    func event(_ second: Int, _ action: String, _ user: String, _ code: String, ip: String = "1.2.3.4") -> String {
      let time = "2024-05-01T10:\(String(format: "%02d", second / 60)):\(String(format: "%02d", second % 60))Z"
      return
        #"{"@timestamp":"\#(time)","data_stream":{"dataset":"sonicwall_firewall.log"},"event":{"action":"\#(action)","code":"\#(code)"},"source":{"ip":"\#(ip)"},"user":{"name":"\#(user)"},"observer":{"serial_number":"SN1"}}"#
    }
    let events = [
      event(0, "login-failure", "u1", "30"), event(1, "login-failure", "u2", "30"),
      event(2, "login-failure", "u3", "30"),
      event(3, "login-failure", "u1", "30"), event(4, "login-failure", "u2", "30"),
      event(60, "login-success", "u1", "235"),
      event(5, "login-failure", "u1", "30", ip: "5.6.7.8"), event(6, "login-success", "u1", "235", ip: "5.6.7.8"),
    ]
    let result = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(
      ESQLRuntimeHarness.rows(result) == [
        #"{"source.ip":"1.2.3.4","Esql.failed_logins":5,"Esql.successful_logins":1,"Esql.failed_user_count":3,"#
          + #""Esql.failed_user_names":["u1","u2","u3"],"Esql.successful_user_names":"u1","#
          + #""Esql.failure_event_codes":"30","Esql.success_event_codes":"235","#
          + #""Esql.first_failure":"2024-05-01T10:00:00.000Z","Esql.last_failure":"2024-05-01T10:00:04.000Z","#
          + #""Esql.first_success":"2024-05-01T10:01:00.000Z","Esql.last_success":"2024-05-01T10:01:00.000Z","#
          + #""Esql.appliance_id":"SN1","Esql.failure_to_success_seconds":60}"#
      ])
  }

  /// A non-aggregating rule: rows map back to the script-block event that has enough backtick escapes.
  @Test func powershellBacktickObfuscation() throws {
    guard let query = try Self.rule("windows/defense_evasion_posh_obfuscation_backtick.toml") else { return }
    let obfuscated = String(repeating: "I`E ", count: 24)
    let events = [
      #"{"event":{"code":"4104"},"powershell":{"file":{"script_block_text":"\#(obfuscated)"}},"host":{"name":"w1"}}"#,
      #"{"event":{"code":"4104"},"powershell":{"file":{"script_block_text":"Write-Host `n a`b"}},"host":{"name":"w2"}}"#,
    ]
    let result = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(result.rows.count == 1)
    #expect(result.rows.first?.source == 0)
    #expect(result.rows.first?["Esql.script_block_pattern_count"] == .integer(24))
    #expect(result.rows.first?["_id"] == .string("doc0"))
    #expect(result.rows.first?["host.name"] == .string("w1"))
  }

  /// Fuzzy MATCH on process.name, then exclusions by lower-cased path; `KEEP *` keeps every field.
  @Test func svchostMasquerading() throws {
    guard let query = try Self.rule("windows/defense_evasion_masquerading_as_svchost.toml") else { return }
    func event(_ name: String, _ path: String) -> String {
      #"{"event":{"category":"process","type":"start"},"process":{"name":"\#(name)","executable":"\#(path)"}}"#
    }
    let events = [
      event("svch0st.exe", #"C:\\Users\\Public\\svch0st.exe"#),
      event("svchost.exe", #"C:\\Windows\\System32\\svchost.exe"#),
      event("notepad.exe", #"C:\\Windows\\notepad.exe"#),
    ]
    let result = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(result.rows.map(\.source) == [0])
    #expect(result.rows.first?["process.executable"] == .string(#"C:\Users\Public\svch0st.exe"#))
    #expect(result.rows.first?["_id"] == .string("doc0"))
  }
}
