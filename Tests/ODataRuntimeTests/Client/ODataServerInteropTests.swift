import Foundation
import ODataTestSupport
import Testing
import ODataRuntime

/// The client's wire format (paging, count, writes with ETags, `$batch` with a changeset and a Content-ID reference)
/// against a real OData v4 server: `../shared/tools/odata-server.py` (odatapy) serving `Samples/metadata/fno-sample.xml`.
/// Skipped with a message when `../shared` or the peers venv is absent.
@Suite("Client against the odatapy reference server", .enabled(if: ODataPeerServer.available, "needs ../shared/tools/odata-server.py and the peers venv (bash Tests/Peers/setup-venv.sh)"))
struct ODataServerInteropTests {
    struct LegalEntity: Codable, Sendable, Equatable {
        var LegalEntityId: String
        var Name: String?
        var etag: String?
        enum CodingKeys: String, CodingKey {
            case LegalEntityId, Name, etag = "@odata.etag"
        }
    }

    static var configuration: ODataClientConfiguration {
        var configuration = ODataClientConfiguration()
        configuration.timeout = 20
        return configuration
    }

    @Test("paging follows every next link; count; create; update with a stale and a fresh ETag; delete")
    func readAndWrite() async throws {
        let server = try await ODataPeerServer.start(pageSize: 4, rows: 10)
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.root, configuration: Self.configuration)
        let set = server.root.appendingPathComponent("LegalEntities")
        var ids: [String] = []
        for try await row in client.rows(set, as: LegalEntity.self) { ids.append(row.LegalEntityId) }
        #expect(ids.count == 10)
        #expect(Set(ids).count == 10)
        let first = try await client.fetchPage(URL(string: set.absoluteString + "?$count=true")!, as: LegalEntity.self)
        #expect(first.rows.count == 4)
        #expect(first.count == 10)
        #expect(first.nextLink != nil)
        #expect(try await client.fetchCount(set.appendingPathComponent("$count")) == 10)

        let created = try await client.create(
            set, body: Data(#"{"LegalEntityId":"ZZ1","Name":"Made by the test"}"#.utf8), as: LegalEntity.self)
        #expect(created.LegalEntityId == "ZZ1")
        let entity = URL(string: set.absoluteString + "('ZZ1')")!
        let read = try await client.fetchValue(entity, as: LegalEntity.self)
        let etag = try #require(read.etag)
        try await client.update(entity, body: Data(#"{"Name":"Renamed"}"#.utf8), ifMatch: .etag(etag))
        do {
            try await client.update(entity, body: Data(#"{"Name":"Stale"}"#.utf8), ifMatch: .etag(etag))
            Issue.record("a stale ETag should fail")
        } catch ODataError.preconditionFailed(let failure) {
            #expect(failure.statusCode == 412)
        }
        #expect(try await client.fetchValue(entity, as: LegalEntity.self).Name == "Renamed")
        try await client.delete(entity, ifMatch: .any)
        await #expect(throws: ODataError.self) { _ = try await client.fetchValue(entity, as: LegalEntity.self) }
    }

    @Test("$batch with a read and a changeset whose second request refers to the first by Content-ID")
    func batch() async throws {
        let server = try await ODataPeerServer.start(pageSize: 100, rows: 3)
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.root, configuration: Self.configuration)
        let set = server.root.appendingPathComponent("LegalEntities")
        var batch = ODataBatch()
        batch.add(ODataBatchRequest(url: URL(string: set.absoluteString + "?$top=2")!))
        batch.addChangeset([
            ODataBatchRequest(method: "POST", url: set, body: Data(#"{"LegalEntityId":"B1","Name":"one"}"#.utf8), contentID: "n1"),
            ODataBatchRequest(method: "PATCH", target: "$n1", headers: ["If-Match": "*"], body: Data(#"{"Name":"two"}"#.utf8)),
        ])
        let results = try await client.batch(batch)
        #expect(results.count == 3)
        #expect(results.map(\.response.statusCode) == [200, 201, 204], "\(results.map { String(decoding: $0.response.body, as: UTF8.self) })")
        struct Page: Decodable { var value: [LegalEntity] }
        #expect(try client.decode(Page.self, from: results[0].get().body).value.count == 2)
        let after = try await client.fetchValue(URL(string: set.absoluteString + "('B1')")!, as: LegalEntity.self)
        #expect(after.Name == "two")
    }
}

/// `../shared/tools/odata-server.py --csdl Samples/metadata/fno-sample.xml` on 127.0.0.1, port 0.
final class ODataPeerServer: @unchecked Sendable {
    let process: Process
    let root: URL

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
    static var script: URL { packageRoot.appendingPathComponent("../shared/tools/odata-server.py").standardized }
    static var metadata: URL { packageRoot.appendingPathComponent("Samples/metadata/fno-sample.xml") }

    static var python: String? { TestPeers.python }

    static var available: Bool {
        guard FileManager.default.fileExists(atPath: script.path) else {
            print("skipping the odatapy interop tests: \(script.path) is absent")
            return false
        }
        guard python != nil else {
            print("skipping the odatapy interop tests: no peers venv (set ODATA_PEERS_PYTHON or run bash Tests/Peers/setup-venv.sh)")
            return false
        }
        return FileManager.default.fileExists(atPath: metadata.path)
    }

    init(pageSize: Int, rows: Int) throws {
        guard let python = Self.python else { throw FaultServer.StartError(description: "no peers venv") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            "-u", Self.script.path, "--csdl", Self.metadata.path, "--port", "0", "--page-size", "\(pageSize)",
            "--rows", "\(rows)",
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = Pipe()
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n"), Date() < deadline {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("READY "), let root = URL(string: String(line.dropFirst(6))) else {
            process.terminate()
            throw FaultServer.StartError(description: "odata-server.py printed \"\(line)\" instead of READY <url>")
        }
        self.root = root
    }

    /// SIGKILL: a child started by `Process` from the test runner inherits a signal mask that blocks SIGTERM
    /// (seen on Linux), and odata-server.py has no other way to stop.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts a server without blocking the cooperative thread pool (the start reads a pipe).
    static func start(pageSize: Int, rows: Int) async throws -> ODataPeerServer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ODataPeerServer(pageSize: pageSize, rows: rows) })
            }
        }
    }

    deinit { stop() }
}
