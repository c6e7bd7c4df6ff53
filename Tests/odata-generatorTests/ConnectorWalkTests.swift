import Foundation
import ODataTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// The exported operations work: the sample's connector, exported to a temporary folder, is walked operation by
/// operation (`Tests/Peers/connector_walk.py`) against the project's odatapy server seeded with the sample, and
/// every call answers with its documented 2xx status.
@Suite("Connector operations against a live server")
struct ConnectorWalkTests {
    static let root = CLITests.packageRoot

    static var python: String? { TestPeers.python }

    /// A running `Tests/Peers/odata_server.py`; terminated by `stop()`.
    final class Server {
        let process = Process()
        var serviceRoot = ""

        init(python: String, csdl: String, seed: String) throws {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [ConnectorWalkTests.root.appendingPathComponent("Tests/Peers/odata_server.py").path,
                                 "--csdl", csdl, "--port", "0", "--seed", seed]
            // Standard output goes to a file that is polled: no pipe to block on.
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("odata-server-\(UUID().uuidString).out")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line is `READY <root>`; give up after 60 s (a loaded machine starts Python slowly).
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, process.isRunning {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                    serviceRoot = String(line.dropFirst("READY ".count))
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            stop()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the OData test server did not print READY"])
        }

        /// SIGTERM, then SIGKILL after 5 s: a child started from a test thread may inherit a signal mask that
        /// blocks SIGTERM, and Python does not unblock it.
        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    @Test("every operation of the sample connector succeeds as the definition describes it",
          .enabled(if: python != nil, "no Python test peers (ODATA_PEERS_PYTHON or .peers-venv; bash Tests/Peers/setup-venv.sh); skipping the live connector walk"),
          .timeLimit(.minutes(3)))
    func walk() throws {
        let python = try #require(Self.python)
        let cli = CLITests()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connector-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let export = try cli.run(["connector", CLITests.sample, "--output-directory", dir.path])
        #expect(export.status == 0, "\(export.stderr)")
        let definitionURL = dir.appendingPathComponent("apiDefinition.swagger.json")
        let definition = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: definitionURL)) as? [String: Any])
        let paths = try #require(definition["paths"] as? [String: [String: Any]])
        let operations = paths.values.flatMap { $0.keys.filter { ["get", "post", "patch", "put", "delete"].contains($0) } }.count

        let server = try Server(python: python, csdl: Self.root.appendingPathComponent(CLITests.sample).path,
                                seed: Self.root.appendingPathComponent("Tests/Peers/fno-sample.seed.json").path)
        defer { server.stop() }
        #expect(server.serviceRoot.hasPrefix("http://127.0.0.1:"))

        let walk = Process()
        walk.executableURL = URL(fileURLWithPath: python)
        walk.arguments = [Self.root.appendingPathComponent("Tests/Peers/connector_walk.py").path, definitionURL.path, server.serviceRoot]
        let out = Pipe()
        walk.standardOutput = out
        walk.standardError = out
        try walk.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        walk.waitUntilExit()
        #expect(walk.terminationStatus == 0, "\(text)")
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("ok ") }.count == operations, "\(text)")
        #expect(!lines.contains { $0.hasPrefix("FAIL") }, "\(text)")
        #expect(lines.last == "\(operations) operations, \(operations) ok, 0 failed")
        // Every kind of operation the exporter writes was exercised.
        for prefix in ["ok List", "ok Get", "ok Create", "ok Update", "ok Delete"] {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "no \(prefix) line in\n\(text)")
        }
    }
}
