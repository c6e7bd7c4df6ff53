import Foundation
import ODataRuntime

/// The scripted stub server `Tests/Peers/fault_server.py`, started on 127.0.0.1 port 0 for one test and stopped
/// with ``stop()`` (it also exits when its stdin closes, so it never outlives the test process).
final class FaultServer: @unchecked Sendable {
    let process: Process
    let stdin: Pipe
    /// `http://127.0.0.1:<port>/`.
    let base: URL
    let port: Int

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Peers/fault_server.py")
    }

    /// `ODATA_PEERS_PYTHON` when set, else `python3` from `PATH`; `nil` when there is none.
    static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["ODATA_PEERS_PYTHON"], FileManager.default.isExecutableFile(atPath: python) {
            return python
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether the fault tests can run; they are disabled with this message otherwise.
    static var available: Bool {
        if python == nil {
            print("skipping the fault tests: no Python (set ODATA_PEERS_PYTHON or put python3 on PATH)")
            return false
        }
        return FileManager.default.fileExists(atPath: script.path)
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        guard let python = Self.python else { throw StartError(description: "no python3") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", Self.script.path]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        // The first line is "PORT <n>".
        var line = Data()
        let deadline = Date().addingTimeInterval(20)
        while !line.contains(0x0A), Date() < deadline {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)),
            let base = URL(string: "http://127.0.0.1:\(port)/")
        else {
            process.terminate()
            throw StartError(description: "fault_server.py printed \"\(text)\" instead of PORT <n>")
        }
        self.port = port
        self.base = base
    }

    /// The URL of `path` (may carry a query) on the server.
    func url(_ path: String) -> URL {
        URL(string: path, relativeTo: base)!.absoluteURL
    }

    /// The server's counters.
    func stats() async throws -> Stats {
        let (data, _) = try await URLSessionTransport().send(ODataRequest(url: url("stats"))).bodyAndStatus
        return try JSONDecoder().decode(Stats.self, from: data)
    }

    struct Stats: Decodable {
        var counts: [String: Int]
        var token_requests: Int
        var token_forms: [[String: String]]
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

extension ODataResponse {
    var bodyAndStatus: (Data, Int) { (body, statusCode) }
}
