import Foundation
import Testing

/// Fails when Sources/FNOConnector/Connector/ is not what the export gives today, and says how to re-export.
@Suite("Committed connector folder is current")
struct ConnectorIsCurrentTests {
    static let reexport = "swift package --allow-writing-to-package-directory export-odata-connector --target FNOConnector"
    static let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/FNOConnector")

    /// The generator: `ODATA_GENERATOR`, else next to this test bundle in the build folder.
    static func generator() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ODATA_GENERATOR"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("odata-generator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "odata-generator not found: build it or set ODATA_GENERATOR"])
    }

    static func files(in directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    @Test("the committed connector folder equals a fresh export, byte for byte")
    func current() throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("connector-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        let process = Process()
        process.executableURL = try Self.generator()
        process.arguments = ["connector", "--config", Self.target.appendingPathComponent("odata-generator-config.yaml").path,
                             "--output-directory", fresh.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the export failed:\n\(output)")
        let committed = try Self.files(in: Self.target.appendingPathComponent("Connector"))
        let exported = try Self.files(in: fresh)
        #expect(exported.keys.sorted() == committed.keys.sorted(), "files differ; re-export with: \(Self.reexport)")
        for (name, bytes) in exported where committed[name] != bytes {
            Issue.record("Connector/\(name) is stale; re-export with: \(Self.reexport)")
        }
        #expect(exported["apiDefinition.swagger.json"] != nil)
    }
}
