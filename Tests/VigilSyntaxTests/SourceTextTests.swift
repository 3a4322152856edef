import Testing
import VigilSyntax

struct SourceTextTests {
  @Test("byte offsets map to 1-based lines and columns", arguments: [
    (0, 1, 1), (2, 1, 3), (4, 2, 1), (6, 2, 3), (9, 3, 1),
  ])
  func locations(offset: Int, line: Int, column: Int) {
    let source = SourceText(name: "t", text: "abc\nd\u{e9}f\nxyz")
    #expect(source.location(ofByte: offset) == SourceLocation(line: line, column: column))
  }

  @Test func offsetOfLocationRoundTrips() {
    let source = SourceText(name: "t", text: "abc\nd\u{e9}f\r\nxyz")
    for offset in [0, 1, 4, 5, 7, 10, 12] {
      #expect(source.offset(of: source.location(ofByte: offset)) == offset)
    }
    #expect(source.line(2) == "d\u{e9}f")
  }

  @Test func rendersCaretUnderRange() {
    let source = SourceText(name: "q.eql", text: "process where\n  name == 'x'")
    let diagnostic = Diagnostic.error("eql.syntax", "single quotes are not strings", at: 24..<27)
    let rendered = DiagnosticRenderer().render(diagnostic, in: source)
    #expect(rendered == """
      q.eql:2:11: error: single quotes are not strings
            name == 'x'
                    ^~~
      """)
  }

  @Test func rendersWholeFileDiagnosticWithoutPosition() {
    let source = SourceText(name: "r.toml", text: "")
    let rendered = DiagnosticRenderer().render(.error("x", "empty file"), in: source)
    #expect(rendered == "r.toml: error: empty file")
  }

  @Test func shiftMovesRange() {
    #expect(Diagnostic.error("x", "m", at: 1..<3).shifted(by: 10).range == 11..<13)
  }
}
