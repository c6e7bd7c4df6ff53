import Foundation
import Testing

/// Runs the built `odata-generator` executable and checks exit statuses, streams and the JSON contract.
@Suite("odata-generator CLI")
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        // The test bundle sits beside the products of the same build.
        #if os(Linux)
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        #else
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        #endif
        return bundle.appendingPathComponent("odata-generator")
    }

    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.packageRoot
        // stdout through a pipe, stderr into a file: neither can fill up and block the child.
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("odata-cli-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let stderrData = try Data(contentsOf: errURL)
        #expect(process.terminationReason == .exit, "terminated by a signal", sourceLocation: sourceLocation)
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func temporaryFile(_ contents: String, name: String = "doc.xml") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odata-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    static let sample = "Samples/metadata/fno-sample.xml"

    @Test("inspect --format json prints exactly one JSON document with the contract's keys")
    func inspectJSON() throws {
        let r = try run(["inspect", CLITests.sample, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["file", "version", "namespaces", "counts", "diagnostics"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["file"] as? String == CLITests.sample)
        #expect(object["version"] as? String == "4.0")
        #expect(object["namespaces"] as? [String] == ["Microsoft.Dynamics.DataEntities", "Microsoft.Dynamics.OData.Core.V1"])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(Set(counts.keys) == ["schemas", "entityTypes", "complexTypes", "enumTypes", "enumMembers", "typeDefinitions",
                                     "properties", "navigationProperties", "actions", "functions", "entitySets", "singletons",
                                     "actionImports", "functionImports", "terms", "annotations"])
        #expect(counts["entityTypes"] == 4)
        #expect(counts["enumTypes"] == 4)
        #expect(counts["enumMembers"] == 25)
        #expect(counts["properties"] == 32)
        #expect(counts["navigationProperties"] == 4)
        #expect(counts["actions"] == 2)
        #expect(counts["entitySets"] == 4)
        #expect(counts["annotations"] == 12)
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test("inspect text form: counts and the widest entity types on standard output")
    func inspectText() throws {
        let r = try run(["inspect", CLITests.sample])
        #expect(r.status == 0)
        #expect(r.stdout.contains("entityTypes:"))
        #expect(r.stdout.contains("widest entity types"))
        #expect(r.stdout.contains("Microsoft.Dynamics.DataEntities.CustomerV3  13 / 1"))
    }

    @Test("output is deterministic: same input, same bytes")
    func deterministic() throws {
        let a = try run(["inspect", CLITests.sample, "--format", "json"])
        let b = try run(["inspect", CLITests.sample, "--format", "json"])
        #expect(a.stdout == b.stdout)
    }

    @Test("warnings keep exit status 0 and appear located in the JSON and on stderr")
    func warningsExitZero() throws {
        let path = try temporaryFile("""
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="E">
                    <Key><PropertyRef Name="ID"/></Key>
                    <Property Name="ID" Type="NS.Missing"/>
                  </EntityType>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """)
        let r = try run(["inspect", path, "--format", "json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        // Sorted by location: the key part (5:14) that names the property set aside, then the property (6:9).
        #expect(diagnostics.map { $0["severity"] as? String } == ["warning", "warning"])
        #expect(diagnostics.map { $0["line"] as? Int } == [5, 6])
        #expect(diagnostics.map { $0["column"] as? Int } == [14, 9])
        #expect(diagnostics.first?["file"] as? String == path)
        #expect(r.stderr.contains("\(path):6:9: warning: property E/ID has Type NS.Missing"))
        let v = try run(["validate", path])
        #expect(v.status == 0)
        #expect(v.stderr.contains("0 errors, 2 warnings"))
    }

    @Test("errors give exit status 1 with a located message", arguments: [
        ("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>", "1:"),
        ("", "1:1: error:"),
        ("<html><body/></html>", "1:1: error: the root element is <html>"),
        ("<edmx:Edmx Version=\"3.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"/>", "OData v2/v3 metadata is not supported"),
        ("\u{01}\u{02}garbage\u{7f}", "1:1: error:"),
    ])
    func errorsExitOne(document: String, expected: String) throws {
        let path = try temporaryFile(document)
        for command in ["inspect", "validate"] {
            let r = try run([command, path])
            #expect(r.status == 1, "\(command): \(r.stderr)")
            #expect(r.stderr.contains(path + ":"), "\(r.stderr)")
            #expect(r.stderr.contains(expected), "\(r.stderr)")
        }
        let json = try run(["inspect", path, "--format", "json"])
        #expect(json.status == 1)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "stdout must stay one JSON document")
    }

    @Test("a missing file, a directory and a bad option give exit status 2")
    func usageErrors() throws {
        let missing = try run(["inspect", "/nonexistent/metadata.xml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/metadata.xml: error: no such file"))
        let directory = try run(["validate", FileManager.default.temporaryDirectory.path])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory"))
        let badOption = try run(["inspect", CLITests.sample, "--format", "yaml"])
        #expect(badOption.status == 2)
        let noArgument = try run(["validate"])
        #expect(noArgument.status == 2)
        let unknown = try run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test("--help works on every command and exits 0")
    func help() throws {
        for args in [["--help"], ["inspect", "--help"], ["validate", "--help"]] {
            let r = try run(args)
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
    }

    @Test("an unreadable file gives exit status 2", .enabled(if: getuid() != 0, "root can read any file"))
    func unreadable() throws {
        let path = try temporaryFile("<x/>")
        chmod(path, 0)
        let r = try run(["inspect", path])
        #expect(r.status == 2)
    }
}

extension CLITests {
    @Test("generate: two separate processes write the same bytes; --check passes on fresh output and fails when stale")
    func generateDeterministicAndCheck() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("odata-gen-\(UUID().uuidString)")
        let a = base.appendingPathComponent("a").path, b = base.appendingPathComponent("b").path
        for dir in [a, b] {
            let r = try run(["generate", CLITests.sample, "--output-directory", dir, "--access-modifier", "public"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        for name in ["Types.swift", "Enums.swift", "Service.swift"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(name))
            #expect(x == y, "\(name) differs between two runs")
            #expect(!x.isEmpty)
        }
        let fresh = try run(["generate", CLITests.sample, "--output-directory", a, "--access-modifier", "public", "--check"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        try Data("// edited\n".utf8).write(to: URL(fileURLWithPath: a).appendingPathComponent("Enums.swift"))
        let stale = try run(["generate", CLITests.sample, "--output-directory", a, "--access-modifier", "public", "--check"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("Enums.swift: stale"))
        #expect(!stale.stderr.contains("Types.swift: stale"))
        // The committed golden files are the generator's current output for the sample.
        let goldens = CLITests.packageRoot.appendingPathComponent("Tests/GeneratedSampleTests/Generated").path
        let golden = try run(["generate", CLITests.sample, "--output-directory", goldens, "--access-modifier", "public", "--check"])
        #expect(golden.status == 0, "\(golden.stderr)")
    }

    @Test("files an earlier run generated and this one does not are stale for --check and removed by generate")
    func leftoverFilesRemoved() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("leftovers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sharded = try run(["generate", CLITests.sample, "--output-directory", dir.path, "--shards", "2"])
        #expect(sharded.status == 0, "\(sharded.stderr)")
        let handWritten = dir.appendingPathComponent("Extensions.swift")
        try Data("// mine\n".utf8).write(to: handWritten)
        let check = try run(["generate", CLITests.sample, "--output-directory", dir.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("Types1.swift: stale; no longer generated"))
        #expect(!check.stderr.contains("Extensions.swift"))
        let again = try run(["generate", CLITests.sample, "--output-directory", dir.path])
        #expect(again.status == 0, "\(again.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["Enums.swift", "Extensions.swift", "Types.swift"])
    }

    @Test("templates list and cat show the bundled templates")
    func templatesCommands() throws {
        let list = try run(["templates", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("struct.mustache"))
        let cat = try run(["templates", "cat", "enum"])
        #expect(cat.status == 0)
        #expect(cat.stdout.contains("case unknown(String)"))
        let missing = try run(["templates", "cat", "nope"])
        #expect(missing.status == 2)
    }
}
