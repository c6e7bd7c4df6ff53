import Foundation
import ODataTestSupport
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// Models, exports and the optional Python peers for the connector tests.
enum ConnectorSupport {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sampleMetadata = packageRoot.appendingPathComponent("Samples/metadata/fno-sample.xml")
    static let connectorGoldens = packageRoot.appendingPathComponent("Tests/Goldens/connector")
    static let openAPIGoldens = packageRoot.appendingPathComponent("Tests/Goldens/openapi")
    static let shared = packageRoot.appendingPathComponent("../shared").standardizedFileURL
    static let corpus = shared.appendingPathComponent("corpus")
    static let connectorCheck = shared.appendingPathComponent("tools/connector-check.py")

    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    /// The F&O documents of the shared corpus, sorted.
    static var fnoCorpusFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasPrefix("fno-") && $0.hasSuffix(".xml") }.sorted().map { corpus.appendingPathComponent($0) }
    }

    /// `ODATA_PEERS_PYTHON`, else `<package root>/.peers-venv/bin/python`; nil when neither exists.
    static var python: String? { TestPeers.python }

    static func model(xml: String, file: String = "test.xml") throws -> EDMModel {
        let read = CSDLReader.read(string: xml, file: file)
        #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)")
        return EDMModel(document: try #require(read.document))
    }

    static func model(path: URL) throws -> EDMModel {
        let read = try CSDLReader.read(path: path.path, displayName: path.lastPathComponent)
        return EDMModel(document: try #require(read.document))
    }

    static func sampleModel() throws -> EDMModel { try model(path: sampleMetadata) }

    /// A document with one schema `Microsoft.Dynamics.DataEntities` holding `body` and a container `Resources`.
    static func fno(_ body: String, container: String) -> String {
        """
        <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
          <edmx:DataServices>
            <Schema Namespace="Microsoft.Dynamics.DataEntities" xmlns="http://docs.oasis-open.org/odata/ns/edm">
        \(body)
              <EntityContainer Name="Resources">
        \(container)
              </EntityContainer>
            </Schema>
          </edmx:DataServices>
        </edmx:Edmx>
        """
    }

    /// `count` entity sets `Entities00`... with `properties` string properties each.
    static func manySets(_ count: Int, properties: Int) -> String {
        var body = ""
        var container = ""
        for i in 0..<count {
            let n = String(format: "%02d", i)
            body += "<EntityType Name=\"Entity\(n)\"><Key><PropertyRef Name=\"dataAreaId\"/><PropertyRef Name=\"Id\"/></Key>"
                + "<Property Name=\"dataAreaId\" Type=\"Edm.String\" Nullable=\"false\"/><Property Name=\"Id\" Type=\"Edm.Int64\" Nullable=\"false\"/>"
            for j in 0..<properties {
                body += "<Property Name=\"Field\(j)\" Type=\"Edm.String\"><Annotation Term=\"Microsoft.Dynamics.OData.Core.V1.LabelId\" String=\"Field \(j) of entity \(i)\"/></Property>"
            }
            body += "</EntityType>\n"
            container += "<EntitySet Name=\"Entities\(n)\" EntityType=\"Microsoft.Dynamics.DataEntities.Entity\(n)\"/>\n"
        }
        return fno(body, container: container)
    }

    static func select(_ model: EDMModel, _ sets: [String]? = nil) -> SelectionResult {
        let options = sets.map { SelectionOptions(include: .init(entitySets: $0.map { SelectionPattern($0) })) } ?? .everything
        return Selection.select(model: model, options: options)
    }

    static func export(_ model: EDMModel, sets: [String]? = nil, options: ConnectorOptions = ConnectorOptions()) throws -> ConnectorExport {
        try ConnectorExporter.connector(model: model, selection: select(model, sets), options: options)
    }

    /// The parsed JSON of an export file.
    static func json(_ export: ConnectorExport, _ path: String) throws -> [String: Any] {
        let bytes = try #require(export.files[path], "no \(path)")
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// The linter's violations for each connector folder of an export.
    static func lint(_ export: ConnectorExport) -> [ConnectorLintViolation] {
        export.parts.flatMap { part -> [ConnectorLintViolation] in
            let prefix = part.folder.isEmpty ? "" : part.folder + "/"
            var files: [String: Data] = [:]
            for name in [ConnectorExporter.definitionFile, ConnectorExporter.propertiesFile, ConnectorExporter.settingsFile] {
                files[name] = export.files[prefix + name].map { Data($0) }
            }
            return ConnectorLinter.lint(files: files)
        }
    }

    /// Writes an export under a fresh temporary folder and returns it.
    static func write(_ export: ConnectorExport) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("connector-test-\(UUID().uuidString)")
        for (path, bytes) in export.files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return dir
    }

    /// Runs the peers' Python; returns status and combined output.
    static func runPython(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("py-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outURL)
        defer { try? FileManager.default.removeItem(at: outURL) }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: outURL, encoding: .utf8)) ?? "")
    }

    /// A few lines of Python validating documents with openapi-spec-validator (Swagger 2.0 and OpenAPI 3.0).
    static let validatorScript = """
        import sys, json, yaml
        from openapi_spec_validator import validate
        for f in sys.argv[1:]:
            with open(f) as h:
                d = yaml.safe_load(h) if f.endswith(('.yaml', '.yml')) else json.load(h)
            validate(d)
            print('valid', f)
        """
}
