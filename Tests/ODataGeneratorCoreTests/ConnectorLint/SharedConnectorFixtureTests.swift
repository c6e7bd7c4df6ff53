import Foundation
import ODataGeneratorCore
import Testing

/// Runs the linter on the independent checker's fixtures in `../shared/tools/testdata/connector` (when present):
/// `good/` must be clean and every other folder must fire a rule its `EXPECTED` file names.
@Suite("Connector linter on the shared fixtures")
struct SharedConnectorFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/tools/testdata/connector")

    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
            }
            .sorted()
    }

    @Test("good/ is clean; each broken folder fires a rule its EXPECTED file names",
          .enabled(if: !fixtureNames.isEmpty, "../shared/tools/testdata/connector is absent; skipping the shared connector fixtures"))
    func fixtures() throws {
        #expect(Self.fixtureNames.contains("good"))
        for name in Self.fixtureNames {
            let dir = Self.folder.appendingPathComponent(name)
            let violations = try ConnectorLinter.lint(directory: dir)
            let fired = Set(violations.map(\.rule))
            if name == "good" {
                #expect(violations == [], "good/: \(violations.map { "\($0.rule) \($0.message)" })")
                continue
            }
            let expected = try String(contentsOf: dir.appendingPathComponent("EXPECTED"), encoding: .utf8)
                .split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(!expected.isEmpty, "\(name): EXPECTED is empty")
            #expect(!fired.isDisjoint(with: expected), "\(name): expected one of \(expected), fired \(fired.sorted())")
            // Where the rule sets differ, say so (the reference tool reports some facts under several IDs).
            let missing = Set(expected).subtracting(fired)
            if !missing.isEmpty {
                print("note: \(name): the reference also reports \(missing.sorted()); this linter fired \(fired.sorted())")
            }
        }
    }
}
