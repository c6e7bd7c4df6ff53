import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// Exports of every F&O document of `../shared/corpus`, checked by the linter and, when the Python peers are
/// present, by `../shared/tools/connector-check.py` and openapi-spec-validator.
@Suite("Connector export: F&O corpus", .enabled(if: ConnectorSupport.corpusPresent, "../shared/corpus not found: corpus exports skipped"))
struct ConnectorCorpusTests {
    /// Exports every F&O document with the first 10 entity sets and with all of them; returns the folders written.
    static func exportCorpus() throws -> (folders: [URL], openAPI: [URL]) {
        var folders: [URL] = []
        var openAPI: [URL] = []
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("connector-corpus-\(UUID().uuidString)")
        for file in ConnectorSupport.fnoCorpusFiles {
            let model = try ConnectorSupport.model(path: file)
            let first10 = Array(model.entitySets.prefix(10).map(\.name))
            for (label, sets) in [("first10", first10), ("all", nil as [String]?)] {
                if sets?.isEmpty == true { continue }
                let export = try ConnectorSupport.export(model, sets: sets)
                let violations = ConnectorSupport.lint(export)
                #expect(violations.isEmpty, "\(file.lastPathComponent) \(label): \(violations.prefix(5))")
                #expect(try ConnectorSupport.export(model, sets: sets).files == export.files, "not deterministic")
                let dir = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "-" + label)
                for (path, bytes) in export.files {
                    let url = dir.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url)
                }
                folders += export.parts.map { $0.folder.isEmpty ? dir : dir.appendingPathComponent($0.folder) }
                for format in ConnectorExporter.Format.allCases {
                    let bytes = try ConnectorExporter.openAPI(model: model, selection: ConnectorSupport.select(model, sets),
                                                              options: ConnectorOptions(), format: format).bytes
                    let url = out.appendingPathComponent("\(file.deletingPathExtension().lastPathComponent)-\(label).openapi.\(format.rawValue)")
                    try Data(bytes).write(to: url)
                    openAPI.append(url)
                }
            }
        }
        return (folders, openAPI)
    }

    @Test("every F&O document (first 10 sets, all sets) exports connectors that pass the linter, connector-check.py and openapi-spec-validator")
    func corpus() throws {
        let files = ConnectorSupport.fnoCorpusFiles
        try #require(!files.isEmpty, "no fno-*.xml in the corpus")
        let (folders, openAPI) = try Self.exportCorpus()
        #expect(folders.count >= files.count)
        guard let python = ConnectorSupport.python else {
            print("skipped connector-check.py and openapi-spec-validator: no Python peers (set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh)")
            return
        }
        guard FileManager.default.fileExists(atPath: ConnectorSupport.connectorCheck.path) else {
            print("skipped connector-check.py: \(ConnectorSupport.connectorCheck.path) not found")
            return
        }
        for folder in folders {
            let run = try ConnectorSupport.runPython(python, [ConnectorSupport.connectorCheck.path, folder.path])
            #expect(run.status == 0, "\(folder.lastPathComponent): \(run.output)")
        }
        let swagger = folders.map { $0.appendingPathComponent(ConnectorExporter.definitionFile).path }
        let run = try ConnectorSupport.runPython(python, ["-c", ConnectorSupport.validatorScript] + swagger + openAPI.map(\.path))
        #expect(run.status == 0, "\(run.output.suffix(2000))")
        #expect(run.output.components(separatedBy: "valid ").count - 1 == swagger.count + openAPI.count)
    }

    @Test("80 entity sets with all operations split into connectors that each pass connector-check.py")
    func splitPassesChecker() throws {
        let model = try ConnectorSupport.model(xml: ConnectorSupport.manySets(80, properties: 3))
        let export = try ConnectorSupport.export(model)
        #expect(export.isSplit)
        #expect(ConnectorSupport.lint(export).isEmpty)
        guard let python = ConnectorSupport.python, FileManager.default.fileExists(atPath: ConnectorSupport.connectorCheck.path) else {
            print("skipped connector-check.py on the split: no Python peers or ../shared/tools")
            return
        }
        let dir = try ConnectorSupport.write(export)
        defer { try? FileManager.default.removeItem(at: dir) }
        for part in export.parts {
            let run = try ConnectorSupport.runPython(python, [ConnectorSupport.connectorCheck.path, dir.appendingPathComponent(part.folder).path])
            #expect(run.status == 0, "\(part.folder): \(run.output)")
        }
    }
}
