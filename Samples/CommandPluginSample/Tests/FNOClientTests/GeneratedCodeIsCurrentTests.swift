import FNOClient
import Foundation
import Testing

/// Fails when Sources/FNOClient/Generated/ no longer matches the metadata and config, and says how to regenerate.
@Suite("Generated code is current")
struct GeneratedCodeIsCurrentTests {
    static let regenerate = "swift package --allow-writing-to-package-directory generate-odata-code --target FNOClient"
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let target = packageRoot.appendingPathComponent("Sources/FNOClient")
    static let config = target.appendingPathComponent("odata-generator-config.yaml")
    static let generated = target.appendingPathComponent("Generated")

    /// The generator the plugin runs: `ODATA_GENERATOR`, else next to this test bundle in the build folder.
    static func generator() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["ODATA_GENERATOR"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("odata-generator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        throw GeneratorNotFound()
    }

    struct GeneratorNotFound: Error, CustomStringConvertible {
        var description: String {
            "odata-generator not found next to the tests: build it first (`swift build`, which builds the plugin's tool) or set ODATA_GENERATOR"
        }
    }

    static func check(metadata: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try generator()
        process.arguments = ["generate"] + (metadata.map { [$0.path] } ?? [])
            + ["--config", config.path, "--output-directory", generated.path, "--check"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("the committed generated code matches the metadata and config")
    func current() throws {
        let result = try Self.check()
        #expect(result.status == 0, "Generated code is stale; regenerate with: \(Self.regenerate)\n\(result.output)")
    }

    @Test("the check fails when the metadata changes without regeneration")
    func detectsStaleness() throws {
        let original = Self.packageRoot.appendingPathComponent("../metadata/fno-sample.xml").standardizedFileURL
        var text = try String(contentsOf: original, encoding: .utf8)
        text = text.replacingOccurrences(of: #"<Property Name="PaymentTerms" Type="Edm.String" />"#,
                                         with: #"<Property Name="PaymentTerms" Type="Edm.String" /><Property Name="AddedLater" Type="Edm.String" />"#)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let changed = dir.appendingPathComponent("fno-sample.xml")
        try text.write(to: changed, atomically: true, encoding: .utf8)
        let result = try Self.check(metadata: changed)
        #expect(result.status == 1)
        #expect(result.output.contains("stale"))
    }

    @Test("the generated types are usable")
    func usable() {
        #expect(CustomerV3.keyPropertyNames == ["dataAreaId", "CustomerAccount"])
        #expect(NoYes(rawValue: "Yes") == .yes)
    }
}
