import Foundation

/// Runs `../shared/tools/odata-url-check.py -q -` with the peers Python on a list of URLs; nil with a reason when
/// the checker or the Python venv is absent (the caller skips with that message). Shared by the test targets that
/// build URLs (`ODataRuntimeTests`, `GeneratedSampleTests`).
public enum ABNFCheck {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String? { TestPeers.python }

    static var checker: String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/odata-url-check.py").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The checker's FAIL lines (empty when every URL passes), or a skip reason.
    public static func run(_ urls: [String]) throws -> (failures: [String], skipped: String?) {
        guard let checker else { return ([], "../shared/tools/odata-url-check.py is absent: ABNF check skipped") }
        guard let python else { return ([], "no peers Python (ODATA_PEERS_PYTHON or .peers-venv): ABNF check skipped") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("odata-urls-\(UUID().uuidString).txt")
        try Data((urls.joined(separator: "\n") + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [checker, "-q", "-"]
        process.standardInput = try FileHandle(forReadingFrom: file)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let fails = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        if process.terminationStatus != 0 && fails.isEmpty { return (["checker exited \(process.terminationStatus)"], nil) }
        return (fails, nil)
    }
}
