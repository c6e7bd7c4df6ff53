import Foundation
import ODataGeneratorCore
import Testing

@Suite("Connector linter JSON reader")
struct LintJSONReaderTests {
    func read(_ text: String) throws -> LintJSONReader.Result {
        try LintJSONReader.read(Data(text.utf8))
    }

    func error(_ text: String) -> LintJSONReader.ParseError? {
        do {
            _ = try LintJSONReader.read(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("values, member order and exact number text are kept")
    func values() throws {
        let result = try read(#"{"b": [1, 2.50, -3e2, true, false, null], "a": "x\"\\\/\n\u00e9\ud83d\ude00"}"#)
        #expect(result.duplicates == [])
        #expect(result.value.members.map(\.key) == ["b", "a"])
        #expect(result.value["b"] == .array([.number("1"), .number("2.50"), .number("-3e2"), .bool(true), .bool(false), .null]))
        #expect(result.value["a"] == .string("x\"\\/\né😀"))
        #expect(result.value.resolve(pointer: "/b/1") == .number("2.50"))
        #expect(result.value.resolve(pointer: "/b/01") == nil)
    }

    @Test("duplicate keys are reported with pointer, line and column; the later value wins")
    func duplicates() throws {
        let result = try read("{\n  \"a\": {\"x/y\": 1,\n  \"x/y\": 2}\n}")
        #expect(result.duplicates == [.init(pointer: "/a/x~1y", key: "x/y", line: 3, column: 3)])
        #expect(result.value.resolve(pointer: "/a/x~1y") == .number("2"))
        #expect(result.value["a"]?.members.count == 1)
    }

    @Test("parse errors carry offset, line, column and the pointer being read", arguments: [
        (#"{"a": [1, 2,]}"#, 12, 1, 13, "/a/2"),
        ("{\"a\": {\"b\": tru}}", 15, 1, 16, "/a/b"),
        ("{\"a\": 01}", 7, 1, 8, "/a"),
        ("{\"a\": \"x\ny\"}", 8, 1, 9, "/a"),
        ("{\"a\": 1} x", 9, 1, 10, ""),
        ("{\n\"a\" 1}", 6, 2, 5, ""),
        ("", 0, 1, 1, ""),
        (#"{"a": "\x"}"#, 8, 1, 9, "/a"),
        (#"{"a": "\ud800"}"#, 13, 1, 14, "/a"),
    ])
    func parseErrors(_ text: String, _ offset: Int, _ line: Int, _ column: Int, _ pointer: String) {
        let e = error(text)
        #expect(e?.offset == offset, "\(String(describing: e))")
        #expect(e?.line == line)
        #expect(e?.column == column)
        #expect(e?.pointer == pointer)
    }

    @Test("invalid UTF-8, deep nesting and a byte order mark")
    func hostile() throws {
        var bytes = Array(#"{"a": "x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}".utf8)
        #expect(throws: LintJSONReader.ParseError.self) { try LintJSONReader.read(Data(bytes)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let e = error(deep)
        #expect(e?.message.contains("nesting deeper") == true)
        let bom = Data([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(try LintJSONReader.read(bom).value == .object([]))
    }

    @Test("a broken file is one IO001 at the place it breaks; the other files are still checked")
    func brokenFile() {
        var files = ConnectorLintFixtures.files
        files[ConnectorLinter.settingsFile] = Data(#"{"environment": 12,}"#.utf8)
        files[ConnectorLinter.propertiesFile] = Data(##"{"properties": {"iconBrandColor": "#000000", "capabilities": [], "extra": 1}}"##.utf8)
        let violations = ConnectorLinter.lint(files: files)
        let io = violations.filter { $0.rule == "IO001" }
        #expect(io.count == 1)
        #expect(io.first?.file == ConnectorLinter.settingsFile)
        #expect(io.first?.message.contains("line 1, column 20") == true)
        #expect(violations.contains { $0.rule == "MS002" && $0.pointer == "/properties/extra" })
        #expect(violations.contains { $0.rule == "PP010" && $0.file == ConnectorLinter.propertiesFile })
    }

    @Test("a schema nested 250 levels deep (500 JSON levels) is linted without exhausting the stack")
    func deepSchema() {
        var schema = #"{"type": "string", "format": "decimal"}"#
        for _ in 0..<250 { schema = #"{"type": "object", "properties": {"p": "# + schema + "}}" }
        var files = ConnectorLintFixtures.files
        var definition = EditableJSON(ConnectorLintFixtures.definition)
        definition.set("/definitions/Deep", try! JSONSerialization.jsonObject(with: Data(schema.utf8)))
        files[ConnectorLinter.definitionFile] = definition.data
        let violations = ConnectorLinter.lint(files: files)
        #expect(violations.contains { $0.rule == "PP007" && $0.pointer.hasSuffix("/p/format") })
    }
}
