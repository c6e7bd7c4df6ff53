import Foundation
import ODataTestSupport
import ODataRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths of the project and of the Python peers the live tests need.
enum Peers {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `ODATA_PEERS_PYTHON`, else `<root>/.peers-venv/bin/python`, else nil (the suites skip).
    static var python: String? { TestPeers.python }

    static let skipReason = "no peers Python (set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh): live-server tests skipped"

    static var available: Bool {
        if python == nil { print("note: \(skipReason)") }
        return python != nil
    }

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// `../shared/tools/odata-url-check.py`, when present.
    static var urlChecker: String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/odata-url-check.py").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// The project's live OData server (`Tests/Peers/odata_server.py`, odatapy) on 127.0.0.1, a free port, seeded from
/// `Tests/Peers/fno-sample.seed.json`. A fresh store per instance; ``stop()`` (also run by `deinit`) ends the
/// process, with SIGKILL when SIGTERM is not enough.
final class LiveServer: @unchecked Sendable {
    let process = Process()
    let serviceRoot: URL
    private let lock = NSLock()
    private var stopped = false
    private let stderrFile: URL

    /// Starts the server and waits (at most 30 s) for its `READY <service root>` line.
    init(pageSize: Int? = nil) async throws {
        guard let python = Peers.python else { throw LiveServerError.unavailable(Peers.skipReason) }
        var arguments = [Peers.path("Tests/Peers/odata_server.py"), "--csdl", Peers.path("Samples/metadata/fno-sample.xml"),
                         "--seed", Peers.path("Tests/Peers/fno-sample.seed.json"), "--port", "0"]
        if let pageSize { arguments += ["--page-size", String(pageSize)] }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("odata-server-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let proc = process
        // Reading the pipe blocks, so it happens on a dispatch thread, not on the cooperative pool; a watchdog
        // ends a server that never gets ready (its pipe then closes and the read returns).
        let watchdog = DispatchWorkItem { if proc.isRunning { proc.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        let line: String? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = Data()
                while true {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { continuation.resume(returning: nil); return }
                    buffer.append(chunk)
                    let text = String(decoding: buffer, as: UTF8.self)
                    if let ready = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }) {
                        continuation.resume(returning: String(ready.dropFirst("READY ".count)))
                        return
                    }
                }
            }
        }
        watchdog.cancel()
        guard let line, let root = URL(string: line.trimmingCharacters(in: .whitespaces)) else {
            let message = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            Self.terminate(process)
            try? FileManager.default.removeItem(at: stderrFile)
            throw LiveServerError.notReady(message)
        }
        serviceRoot = root
    }

    private static func terminate(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Ends the server (idempotent).
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        Self.terminate(process)
        try? FileManager.default.removeItem(at: stderrFile)
    }

    deinit { stop() }
}

enum LiveServerError: Error, CustomStringConvertible {
    case unavailable(String)
    case notReady(String)

    var description: String {
        switch self {
        case .unavailable(let why): return why
        case .notReady(let stderr): return "the OData test server did not print READY; its stderr:\n\(stderr)"
        }
    }
}

/// What the client sent: every request (method, URL, headers, body) as the middleware saw it.
final class TrafficRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [ODataRequest] = []
    private var extraURLs: [String] = []

    func record(_ request: ODataRequest) {
        lock.lock()
        requests.append(request)
        lock.unlock()
    }

    /// Adds a URL sent inside a `$batch` (the recorder only sees the `$batch` request itself).
    func recordBatchPart(_ url: String) {
        lock.lock()
        extraURLs.append(url)
        lock.unlock()
    }

    var sent: [ODataRequest] {
        lock.lock()
        defer { lock.unlock() }
        return requests
    }

    var urls: [String] {
        lock.lock()
        defer { lock.unlock() }
        return requests.map(\.url.absoluteString) + extraURLs
    }
}

/// A live server, a generated service talking to it, and the traffic it sent.
struct Live {
    let server: LiveServer
    let fno: Resources
    let traffic: TrafficRecorder
    let client: ODataClient

    /// Runs `body` against a fresh server (fresh store), then checks every URL sent against the OASIS ABNF; the
    /// server is stopped whatever happens.
    static func run(pageSize: Int? = nil, _ body: (Live) async throws -> Void) async throws {
        let server = try await LiveServer(pageSize: pageSize)
        defer { server.stop() }
        let traffic = TrafficRecorder()
        var configuration = ODataClientConfiguration()
        configuration.timeout = 30
        configuration.maxAttempts = 2
        configuration.initialBackoff = 0.05
        configuration.requestMiddleware = [{ request in traffic.record(request) }]
        let client = ODataClient(serviceRoot: server.serviceRoot, configuration: configuration)
        let live = Live(server: server, fno: Resources(client: client), traffic: traffic, client: client)
        try await body(live)
        try await URLGrammar.check(traffic.urls)
    }
}

/// Checks URLs against the OASIS ABNF with `../shared/tools/odata-url-check.py` (skips with a message when
/// `../shared` is absent). Loading the grammar takes seconds, so one checker process serves the whole test run: it
/// reads one URL a line on stdin and answers `ok <url>` or `FAIL <url>: <why>` a line on stdout; it ends when the
/// test process closes its stdin (also when the test process dies). Callers are served one at a time on a serial
/// queue (blocking pipe I/O stays off the cooperative thread pool, and answers cannot interleave).
final class URLGrammar: @unchecked Sendable {
    static let shared = URLGrammar()

    private let queue = DispatchQueue(label: "IntegrationTests.URLGrammar")
    // Touched only on `queue`.
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?
    private var buffer = Data()
    private var broken: String?

    /// The FAIL lines for `urls` (empty when all pass), or nil when the checker is absent.
    func failures(_ urls: [String]) async throws -> [String]? {
        guard let checker = Peers.urlChecker, let python = Peers.python else { return nil }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    continuation.resume(returning: try self.check(urls, checker: checker, python: python))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private func check(_ urls: [String], checker: String, python: String) throws -> [String] {
        if let broken { return ["the URL checker stopped: \(broken)"] }
        if process == nil {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = ["-u", checker, "-"]
            let stdin = Pipe(), stdout = Pipe()
            p.standardInput = stdin
            p.standardOutput = stdout
            p.standardError = FileHandle.nullDevice
            try p.run()
            process = p
            input = stdin.fileHandleForWriting
            output = stdout.fileHandleForReading
        }
        var fails: [String] = []
        for url in urls where !url.trimmingCharacters(in: .whitespaces).isEmpty && !url.hasPrefix("#") {
            input?.write(Data((url + "\n").utf8))
            guard let line = readLine() else {
                broken = "it exited before answering \(url)"
                return fails + ["the URL checker stopped before answering \(url)"]
            }
            if !line.hasPrefix("ok ") { fails.append(line) }
        }
        return fails
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                return line
            }
            guard let chunk = output?.availableData, !chunk.isEmpty else { return nil }
            buffer.append(chunk)
        }
    }

    /// Expects every URL to pass (prints a note and passes when `../shared` is absent).
    static func check(_ urls: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard !urls.isEmpty else { return }
        guard let fails = try await shared.failures(urls) else {
            print("note: ../shared/tools/odata-url-check.py is absent: ABNF check of \(urls.count) URLs skipped")
            return
        }
        #expect(fails.isEmpty, "URLs failing the OASIS ABNF:\n\(fails.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
}
