import Foundation
import ODataTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `odata-generator fetch-metadata` against local servers: the odatapy fixture (`Tests/Peers/odata_server.py`) and
/// the scripted `Tests/Peers/metadata_stub.py` (token endpoint, 401 unless the issued token comes back, 503 then
/// 200, a body cut off mid-way, a document with errors, a slow body).
@Suite("fetch-metadata", .serialized)
struct FetchMetadataTests {
    /// The secret the stub's token endpoint expects (characters that need form encoding included).
    static let secret = "f3tch-s3cr3t/+=&value"
    static let clientID = "fetch-client-id"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the CLI with `environment` added to the test's own.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = out
        process.standardError = errHandle
        try process.run()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        #expect(process.terminationReason == .exit, "terminated by a signal")
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A fresh empty folder.
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("odata-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func files(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    var sampleBytes: Data {
        get throws { try Data(contentsOf: CLITests.packageRoot.appendingPathComponent(CLITests.sample)) }
    }

    func clientCredentials(_ stub: MetadataStub) -> [String] {
        ["--client-id", Self.clientID, "--client-secret-env", "FETCH_TEST_SECRET", "--tenant-id", "contoso.example",
         "--token-endpoint", stub.url("token").absoluteString]
    }

    // MARK: - Against the odatapy fixture

    @Test("fetches $metadata from the odatapy fixture: exit 0, the document on disk, one summary line, nothing else left",
          .enabled(if: OdatapyFixture.available))
    func odatapyFixture() throws {
        let server = try OdatapyFixture()
        defer { server.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("metadata.xml").path
        let r = try run(["fetch-metadata", "--service-root", server.serviceRoot, "--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try files(in: dir) == ["metadata.xml"])
        let fetched = try String(contentsOfFile: output, encoding: .utf8)
        #expect(fetched.contains("Namespace=\"Microsoft.Dynamics.DataEntities\""))
        #expect(fetched.contains("<EntityType Name=\"CustomerV3\""))
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one summary line when standard error is not a terminal: \(r.stderr)")
        #expect(r.stderr.hasPrefix("\(output): fetched "))
        #expect(r.stderr.hasSuffix("; 0 errors, 0 warnings\n"))
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"), "no progress drawing off a terminal")
        // What was fetched describes the same model as the file the fixture serves.
        let same = try run(["diff", CLITests.sample, output, "--fail-on", "any"])
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    }

    // MARK: - Authentication

    @Test("client credentials: the form the token endpoint receives, the token sent as bearer, the secret never printed",
          .enabled(if: MetadataStub.available))
    func clientCredentialsFlow() throws {
        let stub = try MetadataStub(scope: "http://127.0.0.1/.default")
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("fno.xml").path
        let r = try run(["fetch-metadata", "--service-root", stub.root("auth"), "--output", output] + clientCredentials(stub),
                        environment: ["FETCH_TEST_SECRET": Self.secret])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == sampleBytes)
        let stats = try stub.stats()
        #expect(stats.token_forms == [[
            "grant_type": "client_credentials", "client_id": Self.clientID, "client_secret": Self.secret,
            "scope": "http://127.0.0.1/.default",
        ]], "the default scope is <scheme>://<host>/.default, without the port")
        #expect(stats.authorizations["/auth/data/$metadata"] == ["Bearer tok-1"])
        #expect(!r.stderr.contains(Self.secret) && !r.stdout.contains(Self.secret))
        #expect(!r.stderr.contains("tok-1"))
    }

    @Test("a refused secret: exit 2, one line with the status and the endpoint's error, no secret, no file",
          .enabled(if: MetadataStub.available))
    func refusedSecret() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("fno.xml").path
        let wrong = "not-the-secret-9Xq"
        let r = try run(["fetch-metadata", "--service-root", stub.root("auth"), "--output", output] + clientCredentials(stub),
                        environment: ["FETCH_TEST_SECRET": wrong])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: cannot fetch "))
        #expect(r.stderr.contains("HTTP 401") && r.stderr.contains("invalid_client"), "\(r.stderr)")
        #expect(!r.stderr.contains(wrong))
        #expect(try files(in: dir).isEmpty)
    }

    @Test("--bearer-token-env sends the variable's token; a 401 names the status and the service's message",
          .enabled(if: MetadataStub.available))
    func bearerToken() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("fno.xml").path
        let ok = try run(["fetch-metadata", "--service-root", stub.root("bearer"), "--output", output,
                          "--bearer-token-env", "FETCH_TEST_TOKEN"],
                         environment: ["FETCH_TEST_TOKEN": "static-token-42\n"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == sampleBytes)
        #expect(try stub.stats().authorizations["/bearer/data/$metadata"] == ["Bearer static-token-42"])

        let refused = try run(["fetch-metadata", "--service-root", stub.root("bearer"), "--output", output,
                               "--bearer-token-env", "FETCH_TEST_TOKEN"],
                              environment: ["FETCH_TEST_TOKEN": "expired-token-77"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("HTTP 401"))
        #expect(refused.stderr.contains("Authorization failed for the request"))
        #expect(!refused.stderr.contains("expired-token-77"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == sampleBytes, "the earlier download stays")
    }

    @Test("a 404 gives one line with the status and the OData error message", .enabled(if: MetadataStub.available))
    func notFound() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let r = try run(["fetch-metadata", "--service-root", stub.root("notfound"),
                         "--output", dir.appendingPathComponent("x.xml").path])
        #expect(r.status == 2)
        #expect(r.stderr == "error: cannot fetch \(stub.root("notfound"))/$metadata: not found: HTTP 404 for GET "
            + "\(stub.root("notfound"))/$metadata: No route data found for the request /data/$metadata\n")
        #expect(try files(in: dir).isEmpty)
    }

    // MARK: - Retries and failures

    @Test("503 then 200: retried through the runtime, with client credentials", .enabled(if: MetadataStub.available))
    func retry503() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("fno.xml").path
        let r = try run(["fetch-metadata", "--service-root", stub.root("flaky"), "--output", output] + clientCredentials(stub),
                        environment: ["FETCH_TEST_SECRET": Self.secret])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == sampleBytes)
        let stats = try stub.stats()
        #expect(stats.counts["/flaky/data/$metadata"] == 2)
        #expect(stats.token_forms.count == 1, "one token serves both attempts")
    }

    @Test("the server dies mid-body (Content-Length or chunked): exit 2, an existing file untouched, no file left",
          .enabled(if: MetadataStub.available), arguments: ["die", "diechunked"])
    func diesMidBody(scenario: String) throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let fresh = dir.appendingPathComponent("fresh.xml").path
        let r = try run(["fetch-metadata", "--service-root", stub.root(scenario), "--output", fresh])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: cannot fetch "), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try files(in: dir).isEmpty, "no partial or temporary file")

        let existing = dir.appendingPathComponent("metadata.xml")
        try Data("<old/>".utf8).write(to: existing)
        let again = try run(["fetch-metadata", "--service-root", stub.root(scenario), "--output", existing.path])
        #expect(again.status == 2)
        #expect(try String(contentsOf: existing, encoding: .utf8) == "<old/>")
        #expect(try files(in: dir) == ["metadata.xml"])
    }

    @Test("a document with errors: exit 1, located diagnostics, kept as FILE.invalid, FILE untouched",
          .enabled(if: MetadataStub.available))
    func documentWithErrors() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("metadata.xml")
        try Data("<old/>".utf8).write(to: output)
        let r = try run(["fetch-metadata", "--service-root", stub.root("broken"), "--output", output.path])
        #expect(r.status == 1, "\(r.stderr)")
        let invalid = output.path + ".invalid"
        #expect(try files(in: dir) == ["metadata.xml", "metadata.xml.invalid"])
        #expect(try String(contentsOf: output, encoding: .utf8) == "<old/>")
        // The stub misspells the Name attribute of the first <Property>: find its line in what was kept.
        let kept = try String(contentsOfFile: invalid, encoding: .utf8)
        let lines = kept.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("<Property Nom=") }) + 1
        #expect(r.stderr.contains("\(invalid):\(line):"), "diagnostics point into the kept file: \(r.stderr)")
        #expect(r.stderr.contains(": error: <Property> has no Name attribute"))
        #expect(r.stderr.hasSuffix("metadata.xml was not changed\n"))
    }

    @Test("interrupted (SIGTERM, handled like SIGINT) mid-download: exit 130, the existing file untouched, the temporary file removed",
          .enabled(if: MetadataStub.available))
    func interrupted() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let existing = dir.appendingPathComponent("metadata.xml")
        try Data("<old/>".utf8).write(to: existing)
        let process = Process()
        process.executableURL = CLITests.executable
        process.arguments = ["fetch-metadata", "--service-root", stub.root("slow-2000"), "--output", existing.path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the body has started (the temporary file exists), then interrupt.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try files(in: dir)).count < 2 { usleep(20_000) }
        #expect(try files(in: dir).count == 2, "the download writes a temporary file beside the output")
        // SIGTERM rather than SIGINT: a test run started in the background inherits SIGINT ignored, and the command
        // leaves an ignored signal ignored.
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(try String(contentsOf: existing, encoding: .utf8) == "<old/>")
        #expect(try files(in: dir) == ["metadata.xml"])
    }

    // MARK: - Progress

    @Test("--progress always redraws one line in place; never (and auto off a terminal) prints the summary only",
          .enabled(if: MetadataStub.available))
    func progressModes() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("m.xml").path
        let drawn = try run(["fetch-metadata", "--service-root", stub.root("slow-150"), "--output", output,
                             "--progress", "always"])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(drawn.stderr.contains("\r\u{1B}[Kdownloading $metadata: "), "\(drawn.stderr.debugDescription)")
        #expect(drawn.stderr.contains(" of 9.1 kB ("))
        #expect(drawn.stderr.contains("/s"))
        // The progress line is erased before the summary, which ends the output on a line of its own.
        #expect(drawn.stderr.contains("\r\u{1B}[K\(output): fetched 9.1 kB in "))
        #expect(drawn.stderr.hasSuffix("; 0 errors, 0 warnings\n"))
        for mode in ["never", "auto"] {
            let quiet = try run(["fetch-metadata", "--service-root", stub.root("slow-150"), "--output", output,
                                 "--progress", mode])
            #expect(quiet.status == 0)
            #expect(!quiet.stderr.contains("\r") && !quiet.stderr.contains("\u{1B}"), "\(mode): \(quiet.stderr.debugDescription)")
            #expect(quiet.stderr.hasPrefix("\(output): fetched 9.1 kB in "))
            #expect(quiet.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("on a terminal (a pseudo-terminal) progress is drawn without --progress", .enabled(if: MetadataStub.available))
    func progressOnTerminal() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("m.xml").path
        // Python's pty module gives the child a terminal as standard error and copies what it draws to stdout.
        let script = """
            import os, pty, subprocess, sys
            master, slave = pty.openpty()
            child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
            os.close(slave)
            seen = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            sys.stdout.buffer.write(seen)
            sys.exit(child.wait())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(MetadataStub.python))
        process.arguments = ["-c", script, CLITests.executable.path, "fetch-metadata", "--service-root",
                             stub.root("slow-150"), "--output", output]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let seen = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(seen)")
        #expect(seen.contains("\u{1B}[Kdownloading $metadata: "), "\(seen.debugDescription)")
        #expect(seen.contains("\(output): fetched 9.1 kB"))
    }

    // MARK: - Usage

    @Test("usage errors exit 2 and name the problem; the secret has no flag", .enabled(if: MetadataStub.available))
    func usageErrors() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("m.xml").path
        let base = ["fetch-metadata", "--service-root", stub.root("auth"), "--output", output]

        let unset = try run(base + clientCredentials(stub), environment: [:])
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("the environment variable FETCH_TEST_SECRET named by --client-secret-env is not set"))
        let empty = try run(base + clientCredentials(stub), environment: ["FETCH_TEST_SECRET": "  "])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("the environment variable FETCH_TEST_SECRET named by --client-secret-env is empty"))
        let emptyToken = try run(base + ["--bearer-token-env", "FETCH_NO_SUCH_TOKEN_VAR"])
        #expect(emptyToken.status == 2)
        #expect(emptyToken.stderr.contains("FETCH_NO_SUCH_TOKEN_VAR"))

        let both = try run(base + clientCredentials(stub) + ["--bearer-token-env", "FETCH_TEST_TOKEN"],
                           environment: ["FETCH_TEST_SECRET": Self.secret, "FETCH_TEST_TOKEN": "t"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--bearer-token-env cannot be combined with"))
        let noSecret = try run(base + ["--client-id", "x", "--tenant-id", "y"])
        #expect(noSecret.status == 2)
        #expect(noSecret.stderr.contains("need --client-secret-env VAR"))
        let noTenant = try run(base + ["--client-id", "x", "--client-secret-env", "FETCH_TEST_SECRET"],
                               environment: ["FETCH_TEST_SECRET": Self.secret])
        #expect(noTenant.status == 2)
        #expect(noTenant.stderr.contains("--tenant-id"))
        let secretFlag = try run(base + ["--client-id", "x", "--tenant-id", "y", "--client-secret", Self.secret])
        #expect(secretFlag.status == 2, "there is no flag taking the secret itself")

        let badRoot = try run(["fetch-metadata", "--service-root", "ftp://example.com/data", "--output", output])
        #expect(badRoot.status == 2)
        #expect(badRoot.stderr.contains("--service-root \"ftp://example.com/data\" is not an http(s) URL"))
        let noFolder = try run(["fetch-metadata", "--service-root", stub.root("open"), "--output", "/nonexistent-dir/m.xml"])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("/nonexistent-dir"))
        let isDir = try run(["fetch-metadata", "--service-root", stub.root("open"), "--output", dir.path])
        #expect(isDir.status == 2)
        #expect(isDir.stderr.contains("is a directory"))
        let badTimeout = try run(base + ["--timeout", "0"])
        #expect(badTimeout.status == 2)
        #expect(try files(in: dir).isEmpty)
        #expect(try stub.stats().counts.isEmpty, "no request is sent on a usage error")

        let help = try run(["fetch-metadata", "--help"], environment: ["FETCH_TEST_SECRET": Self.secret])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--client-secret-env <VAR>"))
        #expect(!help.stdout.contains("--client-secret <"))
        #expect(!help.stdout.contains(Self.secret) && !help.stderr.contains(Self.secret))
    }

    @Test("the $metadata URL itself is accepted as the service root; connection refused is one line, exit 2",
          .enabled(if: MetadataStub.available))
    func serviceRootForms() throws {
        let stub = try MetadataStub()
        defer { stub.stop() }
        let dir = try folder()
        let output = dir.appendingPathComponent("m.xml").path
        let r = try run(["fetch-metadata", "--service-root", stub.root("open") + "/$metadata", "--output", output])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try stub.stats().counts == ["/open/data/$metadata": 1])
        let port = stub.port
        stub.stop()
        let refused = try run(["fetch-metadata", "--service-root", "http://127.0.0.1:\(port)/open/data", "--output",
                               output, "--timeout", "20"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("error: cannot fetch http://127.0.0.1:\(port)/open/data/$metadata: "))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == sampleBytes)
    }
}

// MARK: - Servers

/// `ODATA_PEERS_PYTHON`, else `<package root>/.peers-venv/bin/python`, else `nil`.
func peersPython() -> String? { TestPeers.python }

/// Reads `http://...` synchronously (for the stub's counters).
func httpGet(_ url: URL) throws -> Data {
    final class Box: @unchecked Sendable { var result: Result<Data, any Error> = .success(Data()) }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    URLSession.shared.dataTask(with: url) { data, _, error in
        box.result = error.map { .failure($0) } ?? .success(data ?? Data())
        done.signal()
    }.resume()
    done.wait()
    return try box.result.get()
}

/// `Tests/Peers/metadata_stub.py` on 127.0.0.1, port 0; it exits when its stdin closes.
final class MetadataStub: @unchecked Sendable {
    let process = Process()
    let stdin = Pipe()
    let port: Int

    static var script: URL { CLITests.packageRoot.appendingPathComponent("Tests/Peers/metadata_stub.py") }

    /// The peers Python, else `python3` on `PATH` (the stub needs the standard library only).
    static var python: String? {
        if let python = peersPython() { return python }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var available: Bool {
        guard python != nil, FileManager.default.fileExists(atPath: script.path) else {
            print("skipping the fetch-metadata stub tests: no Python (set ODATA_PEERS_PYTHON or put python3 on PATH)")
            return false
        }
        return true
    }

    struct StartError: Error, CustomStringConvertible { var description: String }

    init(scope: String? = nil) throws {
        guard let python = Self.python else { throw StartError(description: "no python") }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", Self.script.path, "--csdl", CLITests.packageRoot.appendingPathComponent(CLITests.sample).path]
            + (scope.map { ["--scope", $0] } ?? [])
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw StartError(description: "metadata_stub.py printed \"\(text)\" instead of PORT <n>")
        }
        self.port = port
    }

    /// The service root of `scenario`, without a trailing slash.
    func root(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)/data" }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)/\(path)")! }

    struct Stats: Decodable {
        var counts: [String: Int]
        var token_forms: [[String: String]]
        var authorizations: [String: [String]]
    }

    func stats() throws -> Stats { try JSONDecoder().decode(Stats.self, from: httpGet(url("stats"))) }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// The project's odatapy fixture, `Tests/Peers/odata_server.py --csdl Samples/metadata/fno-sample.xml --port 0`.
final class OdatapyFixture: @unchecked Sendable {
    let process = Process()
    let serviceRoot: String

    static var available: Bool {
        guard let python = peersPython() else {
            print("skipping the odatapy fetch-metadata test: no peers venv (run bash Tests/Peers/setup-venv.sh or set ODATA_PEERS_PYTHON)")
            return false
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import odatapy"]
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        if check.terminationStatus != 0 {
            print("skipping the odatapy fetch-metadata test: \(python) cannot import odatapy")
            return false
        }
        return true
    }

    init() throws {
        let python = try #require(peersPython())
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", CLITests.packageRoot.appendingPathComponent("Tests/Peers/odata_server.py").path,
                             "--csdl", CLITests.packageRoot.appendingPathComponent(CLITests.sample).path, "--port", "0"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY ") else {
            process.terminate()
            throw MetadataStub.StartError(description: "odata_server.py printed \"\(text)\" instead of READY <url>")
        }
        serviceRoot = String(text.dropFirst(6))
    }

    /// SIGKILL: a child of the test process may inherit a signal mask that blocks SIGTERM, and the server has no
    /// other way to be told to stop.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
