import Foundation
import ODataTestSupport
import ODataGeneratorCore
import Testing

/// Compares the linter with the independent checker `../shared/tools/connector-check.py` (Microsoft's schemas
/// through jsonschema, openapi-spec-validator, the FNO.md rules) on the good fixture and on every bad case of
/// the rule table. Needs the Python peers and `../shared`; skips otherwise.
@Suite("Connector linter against the reference checker")
struct ReferenceCheckerComparisonTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checker = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/connector-check.py")

    static var python: String? { TestPeers.python }

    static var available: Bool { python != nil && FileManager.default.fileExists(atPath: checker.path) }

    /// Cases the reference cannot be configured for (it has no operation-count option).
    static let notComparable: Set<String> = ["PP003: more operations than allowed"]

    /// Cases where this linter is deliberately stricter than the reference, and why.
    static let stricter: [String: String] = [
        "SW001: response key that is not a status code":
            "600 matches the schema's ^[0-9]{3}$ but is no HTTP status code (RFC 9110: 100-599)",
        "PP007: $ref to a nested member":
            "Microsoft's schema says $refs should only point to objects immediately under #/definitions, #/parameters or #/responses; FNO.md item 7 repeats it",
    ]

    /// Runs the checker on each folder in one Python process; returns the rule IDs it reported per folder.
    func referenceRules(_ folders: [(dir: URL, maxBytes: Int)]) throws -> [[String]] {
        let driver = """
            import importlib.util, io, json, sys, contextlib
            spec = importlib.util.spec_from_file_location("connector_check", sys.argv[1])
            mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
            for arg in sys.argv[2:]:
                d, m = arg.rsplit(":", 1)
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    mod.main([d, "--json", "--max-bytes", m])
                print(",".join(sorted({v["rule"] for v in json.loads(out.getvalue())["violations"]})))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", driver, Self.checker.path] + folders.map { "\($0.dir.path):\($0.maxBytes)" }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(folders.count).map { $0.split(separator: ",").map(String.init) }
    }

    @Test("the reference finds the good fixture clean and every bad case broken",
          .enabled(if: available, "needs ../shared/tools/connector-check.py and the Python peers (bash Tests/Peers/setup-venv.sh); skipping"))
    func agree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-compare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [(dir: URL, maxBytes: Int)] = []
        var cases: [LintCase?] = [nil]
        func write(_ files: [String: Data], _ name: String, _ maxBytes: Int) throws {
            let dir = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (file, data) in files { try data.write(to: dir.appendingPathComponent(file)) }
            folders.append((dir, maxBytes))
        }
        try write(ConnectorLintFixtures.files, "good", 1_048_576)
        for (i, lintCase) in LintCases.all.enumerated() where !Self.notComparable.contains(lintCase.testDescription) {
            var files = ConnectorLintFixtures.files
            lintCase.change(&files)
            try write(files, "case\(i)", lintCase.options.maximumDefinitionBytes)
            cases.append(lintCase)
        }
        let results = try referenceRules(folders)
        #expect(results.count == folders.count)
        #expect(results.first == [], "the reference reports \(results.first ?? []) on the good fixture")
        var sameRule = 0
        for (lintCase, rules) in zip(cases, results).dropFirst() {
            guard let lintCase else { continue }
            if let why = Self.stricter[lintCase.testDescription] {
                #expect(rules.isEmpty, "\(lintCase.testDescription): the reference now reports \(rules); drop it from the stricter list")
                print("note: \(lintCase.testDescription): stricter than the reference: \(why)")
                continue
            }
            #expect(!rules.isEmpty, "\(lintCase.testDescription): the reference finds nothing wrong")
            if rules.contains(lintCase.rule) {
                sameRule += 1
            } else {
                print("note: \(lintCase.testDescription): the reference reports \(rules) instead")
            }
        }
        print("note: the reference reports the same rule ID for \(sameRule) of \(cases.count - 1) bad cases")
    }
}
