import ArgumentParser
import Foundation
import ODataGeneratorCore

/// `odata-generator lint-connector DIR`: checks a Power Platform custom-connector folder offline.
struct LintConnector: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint-connector",
        abstract: "Check a Power Platform custom-connector folder (apiDefinition.swagger.json, apiProperties.json, settings.json) offline.",
        discussion: """
            Checks Microsoft's connector schemas (MS001-MS003), Swagger 2.0 structure (SW001), the files themselves \
            (IO001) and the Power Platform rules PP001-PP010 (--list-rules prints them). settings.json is optional.

            Text output: one line per violation, "RULE message at file#pointer", then a summary line \
            "N violations in M rules" (or "ok: no violations").

            JSON output (--format json) is one document on standard output:
            {"ok": bool, "directory": string,
             "violations": [{"rule": string, "message": string, "file": string, "pointer": string}],
             "summary": {"violations": int, "rules": {"RULE": count, ...}}}
            Violations are sorted by file (definition, properties, settings), JSON pointer, rule.

            Exit status: 0 = no violations, 1 = violations, 2 = usage error or a directory that cannot be read.
            """
    )

    @Argument(help: "The connector folder.")
    var directory: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "The size limit of the definition file in bytes (the Power Platform's is 1048576).")
    var maxBytes: Int = 1_048_576

    @Option(help: "The maximum number of operations (the Power Platform's is 256).")
    var maxOperations: Int = 256

    @Flag(help: "Print the rules and exit.")
    var listRules = false

    func validate() throws {
        if !listRules && directory == nil { throw ValidationError("Missing the connector folder (DIR).") }
        if maxBytes < 1 || maxOperations < 1 { throw ValidationError("--max-bytes and --max-operations must be positive.") }
    }

    func run() throws {
        if listRules {
            for rule in ConnectorLintRule.all { print("\(rule.id)  \(rule.summary)") }
            return
        }
        let path = directory ?? "."
        let violations: [ConnectorLintViolation]
        do {
            violations = try ConnectorLinter.lint(directory: URL(fileURLWithPath: path),
                                                  options: ConnectorLintOptions(maximumDefinitionBytes: maxBytes, maximumOperations: maxOperations))
        } catch {
            writeStandardError("error: \(path): cannot read the connector folder (\(error))\n")
            exitProcess(ODataGenerator.Status.usage)
        }
        var counts: [String: Int] = [:]
        for v in violations { counts[v.rule, default: 0] += 1 }
        switch format {
        case .json:
            print(Self.json(directory: path, violations: violations, counts: counts))
        case .text:
            for v in violations {
                let location = v.file + (v.pointer.isEmpty ? "" : "#" + v.pointer)
                print("\(v.rule) \(v.message) at \(location)")
            }
            if violations.isEmpty {
                print("ok: no violations in \(path)")
            } else {
                print("\(violations.count) violation\(violations.count == 1 ? "" : "s") in \(counts.count) rule\(counts.count == 1 ? "" : "s")")
            }
        }
        exitProcess(violations.isEmpty ? ODataGenerator.Status.ok : ODataGenerator.Status.documentErrors)
    }

    /// The JSON contract, with keys in a fixed order.
    static func json(directory: String, violations: [ConnectorLintViolation], counts: [String: Int]) -> String {
        var out = "{\n  \"ok\": \(violations.isEmpty),\n  \"directory\": \(JSONWriter.quote(directory)),\n  \"violations\": ["
        for (i, v) in violations.enumerated() {
            out += (i == 0 ? "\n" : ",\n")
            out += "    {\"rule\": \(JSONWriter.quote(v.rule)), \"message\": \(JSONWriter.quote(v.message)), \"file\": \(JSONWriter.quote(v.file)), \"pointer\": \(JSONWriter.quote(v.pointer))}"
        }
        out += violations.isEmpty ? "],\n" : "\n  ],\n"
        let rules = counts.keys.sorted().map { "\(JSONWriter.quote($0)): \(counts[$0]!)" }.joined(separator: ", ")
        out += "  \"summary\": {\"violations\": \(violations.count), \"rules\": {\(rules)}}\n}"
        return out
    }
}
