import Foundation
import Testing

/// `odata-generator lint-connector`: exit statuses, the text lines and the JSON contract.
@Suite("lint-connector CLI")
struct LintConnectorCLITests {
    let cli = CLITests()

    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir.path
    }

    @Test("the sample's exported connector is clean: exit 0 and an ok line")
    func exportIsClean() throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let export = try cli.run(["connector", CLITests.sample, "--output-directory", dir])
        #expect(export.status == 0, "\(export.stderr)")
        let lint = try cli.run(["lint-connector", dir])
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(lint.stdout == "ok: no violations in \(dir)\n")
        let json = try cli.run(["lint-connector", dir, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["ok"] as? Bool == true)
        #expect((object?["violations"] as? [Any])?.isEmpty == true)
        #expect((object?["summary"] as? [String: Any])?["violations"] as? Int == 0)
    }

    @Test("violations: one RULE message at file#pointer line each, a summary line, exit 1")
    func violationsText() throws {
        let dir = try folder(["apiDefinition.swagger.json": #"{"swagger": "2.0", "swagger": "2.0"}"#])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try cli.run(["lint-connector", dir])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("IO001 ") && $0.hasSuffix(" at apiDefinition.swagger.json#/swagger") })
        #expect(lines.contains { $0.hasPrefix("IO001 ") && $0.hasSuffix(" at apiProperties.json") })
        #expect(lines.contains { $0.hasPrefix("PP001 ") })
        let pattern = #/^[A-Z]{2}\d{3} .+ at (apiDefinition\.swagger|apiProperties|settings)\.json(#.*)?$/#
        for line in lines.dropLast() { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
        #expect(lines.last?.wholeMatch(of: #/\d+ violations in \d+ rules/#) != nil, "\(lines.last ?? "")")
    }

    @Test("JSON output follows the documented contract and matches the text output")
    func violationsJSON() throws {
        let dir = try folder(["apiDefinition.swagger.json": #"{"swagger": "3.0", "info": {}}"#, "settings.json": "{\"x\": 1}"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = try cli.run(["lint-connector", dir, "--format", "json"])
        let text = try cli.run(["lint-connector", dir])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["ok", "directory", "violations", "summary"])
        #expect(object["ok"] as? Bool == false)
        let violations = try #require(object["violations"] as? [[String: String]])
        for v in violations { #expect(Set(v.keys) == ["rule", "message", "file", "pointer"]) }
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["violations"] as? Int == violations.count)
        let rules = try #require(summary["rules"] as? [String: Int])
        #expect(rules.values.reduce(0, +) == violations.count)
        #expect(rules["MS003"] == 1)
        let textLines = text.stdout.split(separator: "\n").dropLast().map(String.init)
        #expect(textLines == violations.map { "\($0["rule"]!) \($0["message"]!) at \($0["file"]!)\($0["pointer"]!.isEmpty ? "" : "#" + $0["pointer"]!)" })
        // Same input, same bytes.
        #expect(try cli.run(["lint-connector", dir, "--format", "json"]).stdout == json.stdout)
    }

    @Test("a folder that does not exist is exit 2 with a message; --list-rules lists every rule")
    func usage() throws {
        let missing = try cli.run(["lint-connector", "/nonexistent/connector"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/connector"))
        #expect(missing.stdout.isEmpty)
        let file = try cli.temporaryFile("{}", name: "apiDefinition.swagger.json")
        #expect(try cli.run(["lint-connector", file]).status == 2)
        let rules = try cli.run(["lint-connector", "--list-rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.split(separator: "\n").map { String($0.prefix(5)) }
            == ["IO001", "SW001", "MS001", "MS002", "MS003"] + (1...10).map { String(format: "PP%03d", $0) })
        #expect(try cli.run(["lint-connector"]).status == 2)
    }
}
