import Foundation

/// Where the tests find the Python test peers (odatapy, abnf, openapi-spec-validator): the venv the test command
/// creates with `Tests/Peers/setup-venv.sh`.
public enum TestPeers {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `ODATA_PEERS_PYTHON` (exported by the test command), else `<package root>/.peers-venv/bin/python`; nil when
    /// neither is an executable (the tests that need it skip with a message).
    public static var python: String? {
        if let path = ProcessInfo.processInfo.environment["ODATA_PEERS_PYTHON"], FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        let venv = packageRoot.appendingPathComponent(".peers-venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }
}
