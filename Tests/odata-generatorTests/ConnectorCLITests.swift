import Foundation
import Testing

/// `odata-generator connector` and `openapi`: files written, determinism, exit statuses, located errors.
@Suite("odata-generator connector and openapi")
struct ConnectorCLITests {
    let cli = CLITests()

    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("connector-cli-\(UUID().uuidString)")
    }

    @Test("connector writes the five files, equal to the goldens, twice the same")
    func connector() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("wrote connector Finance and Operations"))
        let goldens = CLITests.packageRoot.appendingPathComponent("Tests/Goldens/connector")
        for name in ["apiDefinition.swagger.json", "apiProperties.json", "settings.json", "icon.png", "README.md"] {
            let written = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(written == (try? Data(contentsOf: goldens.appendingPathComponent(name))), "\(name) differs from the golden")
        }
        let first = try Data(contentsOf: dir.appendingPathComponent("apiDefinition.swagger.json"))
        let again = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("apiDefinition.swagger.json")) == first)
    }

    @Test("selection flags, --title and --host reach the definition")
    func flags() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path,
                               "--include-entity-sets", "Customers*", "--title", "Contoso customers", "--host", "contoso.sandbox.operations.dynamics.com"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("apiDefinition.swagger.json"))) as? [String: Any])
        #expect(doc["host"] as? String == "contoso.sandbox.operations.dynamics.com")
        #expect((doc["info"] as? [String: Any])?["title"] as? String == "Contoso customers")
        let paths = (doc["paths"] as? [String: Any])?.keys.sorted() ?? []
        #expect(paths.allSatisfy { $0.hasPrefix("/CustomersV3") })
    }

    @Test("config connector: section is used; a bad value is a located error with exit 1")
    func config() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let good = dir.appendingPathComponent("good.yaml")
        try """
            include:
              entitySets: [LegalEntities]
            connector:
              title: Legal entities
              operations: {"*": [list]}
            """.write(to: good, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let run = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--config", good.path, "--output-directory", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: out.appendingPathComponent("apiDefinition.swagger.json"), encoding: .utf8)
        #expect(text.contains("\"ListLegalEntities\"") && !text.contains("\"GetLegalEntity\"") && text.contains("\"Legal entities\""))
        let bad = dir.appendingPathComponent("bad.yaml")
        try "connector:\n  brandColor: red\n".write(to: bad, atomically: true, encoding: .utf8)
        let failed = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--config", bad.path, "--output-directory", out.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("bad.yaml:2:15: error: invalid value 'red' for 'connector.brandColor'"), "\(failed.stderr)")
    }

    @Test("usage errors exit 2: long --title, host with a scheme, unknown format, missing output")
    func usage() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let title = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path,
                                 "--title", String(repeating: "x", count: 31)])
        #expect(title.status == 2 && title.stderr.contains("has 31 characters"))
        let host = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path, "--host", "https://a.b"])
        #expect(host.status == 2 && host.stderr.contains("has a scheme"))
        let format = try cli.run(["openapi", "Samples/metadata/fno-sample.xml", "--output", dir.appendingPathComponent("x").path, "--format", "xml"])
        #expect(format.status == 2)
        let missing = try cli.run(["connector", "Samples/metadata/fno-sample.xml"])
        #expect(missing.status == 2)
        let unmatched = try cli.run(["connector", "Samples/metadata/fno-sample.xml", "--output-directory", dir.path, "--include-entity-sets", "Nope"])
        #expect(unmatched.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path), "nothing written on errors")
    }

    @Test("a selection over 256 operations is split, and the command says what went where")
    func split() throws {
        var types = ""
        var sets = ""
        for i in 0..<60 {
            types += "<EntityType Name=\"T\(i)\"><Key><PropertyRef Name=\"Id\"/></Key><Property Name=\"Id\" Type=\"Edm.Int32\" Nullable=\"false\"/></EntityType>"
            sets += "<EntitySet Name=\"Set\(i)\" EntityType=\"NS.T\(i)\"/>"
        }
        let doc = try cli.temporaryFile("""
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">\(types)
            <EntityContainer Name="Svc">\(sets)</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>
            """)
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try cli.run(["connector", doc, "--output-directory", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("split into 2 connectors"), "\(run.stderr)")
        #expect(run.stderr.contains("SvcOData-1: Svc OData 1, 255 operations"), "\(run.stderr)")
        for part in ["SvcOData-1", "SvcOData-2"] {
            for file in ["apiDefinition.swagger.json", "apiProperties.json", "settings.json", "icon.png", "README.md"] {
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(part + "/" + file).path), "\(part)/\(file)")
            }
        }
    }

    @Test("openapi writes JSON or YAML (by --format or extension), equal to the goldens")
    func openAPI() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let goldens = CLITests.packageRoot.appendingPathComponent("Tests/Goldens/openapi")
        for (name, extra, golden) in [("a.json", [String](), "fno-sample.openapi.json"), ("b.yaml", [], "fno-sample.openapi.yaml"),
                                      ("c.txt", ["--format", "yaml"], "fno-sample.openapi.yaml")] {
            let out = dir.appendingPathComponent(name)
            let run = try cli.run(["openapi", "Samples/metadata/fno-sample.xml", "--output", out.path] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Data(contentsOf: out) == (try? Data(contentsOf: goldens.appendingPathComponent(golden))), "\(name)")
        }
    }
}
