import Foundation
import Testing
@testable import ODataCSDL

/// Large inputs are read on two threads (libxml2 parses while the builder replays its events), small ones
/// inline. Both paths must give the same document, diagnostics and locations.
@Suite("Reader: concurrent and inline paths agree")
struct ConcurrentReaderTests {
    /// Every element location and value the model keeps, flattened for comparison.
    static func fingerprint(_ r: CSDLReadResult) -> [String] {
        var out = r.diagnostics.map(\.description)
        guard let d = r.document else { return out + ["no document"] }
        out.append("\(d.version) \(d.location) \(d.counts().values)")
        for s in d.schemas {
            out.append("schema \(s.namespace) \(s.location)")
            for t in s.entityTypes {
                out.append("type \(t.name) \(t.location) \(t.key?.propertyRefs.map(\.name) ?? [])")
                for p in t.properties {
                    out.append("  \(p.name) \(p.type) \(p.nullable) \(p.location) \(p.annotations.map { "\($0.term)=\(String(describing: $0.value)) \($0.location)" })")
                }
                for n in t.navigationProperties { out.append("  nav \(n.name) \(n.type) \(n.location)") }
            }
            for e in s.enumTypes {
                out.append("enum \(e.name) \(e.location) \(e.members.map { "\($0.name)=\($0.value)@\($0.location)" })")
            }
            for c in s.entityContainers {
                for e in c.entitySets { out.append("set \(e.name) \(e.entityType) \(e.location) \(e.navigationPropertyBindings.count)") }
            }
            for g in s.annotationGroups { out.append("annotations \(g.target) \(g.location) \(g.annotations.count)") }
        }
        return out
    }

    static func sampleDocument(copies: Int) -> String {
        var body = ""
        for i in 0..<copies {
            body += """
                  <EntityType Name="T\(i)">
                    <Key><PropertyRef Name="dataAreaId"/><PropertyRef Name="Id"/></Key>
                    <Property Name="dataAreaId" Type="Edm.String" Nullable="false">
                      <Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="Company (US &amp; Canada) \(i)"/>
                      <Annotation Term="Microsoft.Dynamics.OData.Core.V1.AXType"><EnumMember>Microsoft.Dynamics.OData.Core.V1.AXType/String</EnumMember></Annotation>
                    </Property>
                    <Property Name="Id" Type="Edm.Int64" Nullable="false"/>
                    <Property Name="Ünïcödé" Type="NS.Missing\(i % 7)"/>
                    <Foreign xmlns="urn:x"><Property Name="ignored"/></Foreign>
                  </EntityType>

            """
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:DataServices>
                <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">
            \(body)
                  <Annotations Target="NS.T0/Id"><Annotation Term="Core.Description"><Record><PropertyValue Property="A" String="x"/></Record></Annotation></Annotations>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """
    }

    @Test("a generated 2 MB document reads the same on both paths")
    func generated() {
        let bytes = Array(ConcurrentReaderTests.sampleDocument(copies: 2_500).utf8)
        #expect(bytes.count > 1 << 20)
        let a = CSDLReader.read(bytes: bytes, file: "big.xml", concurrent: true)
        let b = CSDLReader.read(bytes: bytes, file: "big.xml", concurrent: false)
        #expect(a.document?.schemas.first?.entityTypes.count == 2_500)
        #expect(ConcurrentReaderTests.fingerprint(a) == ConcurrentReaderTests.fingerprint(b))
        let value = a.document?.schemas[0].entityTypes[3].properties[0].annotations[0].value?.text
        #expect(value == "Company (US & Canada) 3")
    }

    @Test("malformed input gives the same located errors on both paths", arguments: [
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"N\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"><EntityType Name=\"A\">",
        "<html/>",
        "<edmx:Edmx Version=\"3.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"><x/></edmx:Edmx>",
        "",
    ])
    func malformed(_ text: String) {
        let bytes = Array(text.utf8)
        let a = CSDLReader.read(bytes: bytes, file: "bad.xml", concurrent: true)
        let b = CSDLReader.read(bytes: bytes, file: "bad.xml", concurrent: false)
        #expect(a.diagnostics.hasErrors)
        #expect(a.diagnostics == b.diagnostics)
    }

    @Test("corpus documents read the same on both paths", .enabled(if: CorpusLocator.directory != nil))
    func corpus() throws {
        guard let dir = CorpusLocator.directory else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(!files.isEmpty)
        for name in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name)))
            let a = CSDLReader.read(bytes: bytes, file: name, concurrent: true)
            let b = CSDLReader.read(bytes: bytes, file: name, concurrent: false)
            #expect(ConcurrentReaderTests.fingerprint(a) == ConcurrentReaderTests.fingerprint(b), "\(name)")
        }
    }
}

/// Where the shared corpus is, if anywhere (`ODATA_CORPUS` or `../shared/corpus` beside the package).
enum CorpusLocator {
    static let directory: String? = {
        if let env = ProcessInfo.processInfo.environment["ODATA_CORPUS"], !env.isEmpty { return env }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue ? dir : nil
    }()
}
