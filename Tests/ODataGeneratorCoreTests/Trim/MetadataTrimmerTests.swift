import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// `trim`: the output is a valid EDMX (OASIS XSD, with xmllint), generates the same Swift as the full document for
/// the same selection, keeps annotations of what it keeps, and escapes what it writes.
@Suite("Metadata trim")
struct MetadataTrimmerTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.appendingPathComponent("../shared").standardizedFileURL
    static let schema = shared.appendingPathComponent("schemas/oasis/edmx.xsd")

    /// The F&O documents of the shared corpus (empty when `../shared` is absent).
    static let fnoCorpus: [String] = {
        let dir = shared.appendingPathComponent("corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix("fno-") && $0.hasSuffix(".xml") }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    static var xmllint: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static func load(bytes: [UInt8], file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> EDMModel {
        let read = CSDLReader.read(bytes: bytes, file: file)
        #expect(!read.diagnostics.hasErrors, "\(file): \(read.diagnostics.filter { $0.severity == .error }.prefix(3))",
                sourceLocation: sourceLocation)
        return EDMModel(document: try #require(read.document, sourceLocation: sourceLocation))
    }

    static func load(path: String) throws -> EDMModel {
        try load(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: (path as NSString).lastPathComponent)
    }

    static func generate(_ model: EDMModel, _ options: SelectionOptions) throws -> [GeneratedFile] {
        let selection = Selection.select(model: model, options: options)
        var translation = TranslationOptions()
        translation.inputName = "metadata.xml"
        return try CodeGenerator(model: model, plan: GenerationPlan(selection: selection, model: model),
                                 options: translation).generate().files
    }

    /// Validates `bytes` with `xmllint --noout --schema`; nil when valid (or when xmllint or the schema is absent:
    /// the check is skipped), else xmllint's messages.
    static func validate(_ bytes: [UInt8], name: String) throws -> String? {
        guard let xmllint, FileManager.default.fileExists(atPath: schema.path) else { return nil }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trim-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", schema.path, url.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: data.prefix(2000), as: UTF8.self)
    }

    /// Trims `path` to `options`, then checks: valid against the XSD, the same Swift as the full document, and a
    /// second trim of the trimmed document gives the same bytes. Returns (full size, trimmed size).
    @discardableResult
    static func checkTrim(_ path: String, _ options: SelectionOptions, label: String,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (Int, Int) {
        let full = try load(path: path)
        let selection = Selection.select(model: full, options: options)
        let trimmed = MetadataTrimmer.trim(model: full, selection: selection).bytes
        let name = (path as NSString).lastPathComponent
        if let problems = try validate(trimmed, name: name) {
            Issue.record("\(name) (\(label)): the trimmed document does not validate against edmx.xsd:\n\(problems)",
                         sourceLocation: sourceLocation)
        }
        let small = try load(bytes: trimmed, file: name, sourceLocation: sourceLocation)
        let expected = try generate(full, options)
        let got = try generate(small, options)
        #expect(got.map(\.name) == expected.map(\.name), sourceLocation: sourceLocation)
        for (e, g) in zip(expected, got) where e.contents != g.contents {
            Issue.record("\(name) (\(label)): \(g.name) differs when generated from the trimmed document:\n\(lineDiff(e.contents, g.contents))",
                         sourceLocation: sourceLocation)
        }
        // Trimming is idempotent: the trimmed document trimmed again to the same selection is the same bytes.
        let again = MetadataTrimmer.trim(model: small, selection: Selection.select(model: small, options: options)).bytes
        #expect(again == trimmed, "\(name) (\(label)): trimming the trimmed document changes it", sourceLocation: sourceLocation)
        let fullSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return (fullSize, trimmed.count)
    }

    /// Up to `count` entity sets spread over the document (every n-th by name), as an include list.
    static func someSets(_ path: String, count: Int) throws -> SelectionOptions {
        let model = try load(path: path)
        let names = model.entitySets.map(\.name).sorted()
        guard !names.isEmpty else { return .everything }
        let step = max(1, names.count / count)
        let picked = stride(from: 0, to: names.count, by: step).prefix(count).map { SelectionPattern(names[$0]) }
        return SelectionOptions(include: .init(entitySets: picked))
    }

    @Test("the sample: valid, same Swift, for everything, one set, and navigation followed")
    func sample() throws {
        let path = GoldenFiles.sampleMetadata.path
        if Self.xmllint == nil || !FileManager.default.fileExists(atPath: Self.schema.path) {
            print("note: xmllint or ../shared/schemas/oasis/edmx.xsd absent; the trimmed sample is not validated against the XSD")
        }
        try Self.checkTrim(path, .everything, label: "everything")
        try Self.checkTrim(path, SelectionOptions(include: .init(entitySets: [SelectionPattern("CustomersV3")])), label: "CustomersV3")
        try Self.checkTrim(path, SelectionOptions(include: .init(entitySets: [SelectionPattern("SalesOrder*")]), navigation: .follow),
                           label: "SalesOrder* follow")
    }

    @Test("the sample trimmed to one set keeps its annotations, drops navigation that leaves the selection, is smaller")
    func sampleContents() throws {
        let full = try Self.load(path: GoldenFiles.sampleMetadata.path)
        let selection = Selection.select(model: full, options: SelectionOptions(include: .init(entitySets: [SelectionPattern("CustomersV3")])))
        let result = MetadataTrimmer.trim(model: full, selection: selection)
        let text = String(decoding: result.bytes, as: UTF8.self)
        let small = try Self.load(bytes: result.bytes, file: "t.xml")
        #expect(small.entitySets.map(\.name) == ["CustomersV3"])
        #expect(small.entityTypes.map(\.name) == ["CustomerV3"])
        #expect(small.entityTypes[0].navigationProperties.isEmpty)
        #expect(result.droppedNavigationProperties == 1)
        #expect(small.diagnostics.isEmpty, "\(small.diagnostics)")
        // Inline annotations of kept elements stay, escaped: the sample's label holds `&`.
        #expect(text.contains("String=\"Name of the organization (US &amp; Canada)\""))
        #expect(text.contains("<Annotation Term=\"Org.OData.Capabilities.V1.DeleteRestrictions\">"))
        #expect(result.bytes.count < (try Data(contentsOf: GoldenFiles.sampleMetadata)).count * 6 / 10)
        #expect(!text.contains("SalesOrder"))
    }

    @Test("escaping: &, <, >, quotes, line breaks and non-ASCII survive a trim unchanged")
    func escaping() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <edmx:Edmx Version="4.01" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
              <edmx:Reference Uri="https://example.com/$metadata?a=1&amp;b=2">
                <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>
              </edmx:Reference>
              <edmx:DataServices>
                <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                  <EntityType Name="Straße">
                    <Key><PropertyRef Name="Id"/></Key>
                    <Property Name="Id" Type="Edm.String" Nullable="false" MaxLength="10">
                      <Annotation Term="Core.Description" String="a &lt; b &amp; c &gt; d &quot;q&quot; 'single' &#10;line2 ÅÄÖ 日本 🚀"/>
                    </Property>
                    <Property Name="Flag" Type="Edm.Boolean" DefaultValue="true"/>
                  </EntityType>
                  <EntityContainer Name="C">
                    <EntitySet Name="Streets" EntityType="NS.Straße">
                      <Annotation Term="Core.LongDescription">
                        <String>text &lt;b&gt; &amp; more</String>
                      </Annotation>
                    </EntitySet>
                  </EntityContainer>
                  <Annotations Target="NS.Straße/Id">
                    <Annotation Term="Core.Example"><Record><PropertyValue Property="Value" String="x&amp;y"/></Record></Annotation>
                  </Annotations>
                  <Annotations Target="NS.Missing">
                    <Annotation Term="Core.Description" String="dropped"/>
                  </Annotations>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """
        let full = try Self.load(bytes: Array(xml.utf8), file: "e.xml")
        let result = MetadataTrimmer.trim(model: full, selection: Selection.select(model: full))
        #expect(result.droppedAnnotationGroups == 1)
        let small = try Self.load(bytes: result.bytes, file: "t.xml")
        let doc = small.document
        #expect(doc.references.first?.uri == "https://example.com/$metadata?a=1&b=2")
        let property = try #require(doc.schemas.first?.entityTypes.first?.properties.first)
        #expect(doc.schemas.first?.entityTypes.first?.name == "Straße")
        #expect(property.annotations.first?.value?.text == "a < b & c > d \"q\" 'single' \nline2 ÅÄÖ 日本 🚀")
        #expect(property.facets.maxLength == .value(10))
        #expect(doc.schemas.first?.entityTypes.first?.properties.last?.defaultValue == "true")
        let set = try #require(doc.schemas.first?.entityContainers.first?.entitySets.first)
        #expect(set.annotations.first?.value?.text == "text <b> & more")
        #expect(doc.schemas.first?.annotationGroups.map(\.target) == ["NS.Straße/Id"])
        if case .record(let r)? = doc.schemas.first?.annotationGroups.first?.annotations.first?.value {
            #expect(r.propertyValues.first?.value?.text == "x&y")
        } else {
            Issue.record("the record annotation was not kept")
        }
        if let problems = try Self.validate(result.bytes, name: "escaping.xml") {
            Issue.record("does not validate: \(problems)")
        }
        // Same input, same bytes.
        #expect(MetadataTrimmer.trim(model: full, selection: Selection.select(model: full)).bytes == result.bytes)
    }

    @Test("whole corpus: trimming everything generates the same Swift; documents that validate still validate trimmed")
    func wholeCorpus() throws {
        let dir = Self.shared.appendingPathComponent("corpus")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".xml") && !$0.hasPrefix("fno-") }.sorted()
        guard !names.isEmpty else {
            print("note: ../shared/corpus is absent; the corpus trim test is skipped")
            return
        }
        for name in names {
            let path = dir.appendingPathComponent(name).path
            let full = try Self.load(path: path)
            let trimmed = MetadataTrimmer.trim(model: full, selection: Selection.select(model: full)).bytes
            if try Self.validate(Array(try Data(contentsOf: URL(fileURLWithPath: path))), name: name) == nil,
               let problems = try Self.validate(trimmed, name: name) {
                Issue.record("\(name) validates, its trimmed form does not:\n\(problems)")
            }
            let small = try Self.load(bytes: trimmed, file: name)
            let expected = try Self.generate(full, .everything)
            let got = try Self.generate(small, .everything)
            #expect(got.map(\.contents) == expected.map(\.contents), "\(name): different Swift from the trimmed document")
        }
    }

    @Test("the XSD check itself rejects an invalid document (so the validity tests can fail)")
    func validatorRejects() throws {
        guard Self.xmllint != nil, FileManager.default.fileExists(atPath: Self.schema.path) else {
            print("note: xmllint or ../shared/schemas absent; skipped")
            return
        }
        let invalid = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="NS" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityContainer Name="C"/></Schema>
            </edmx:DataServices></edmx:Edmx>
            """
        #expect(try Self.validate(Array(invalid.utf8), name: "invalid.xml") != nil)
    }

    @Test("F&O corpus: every document trimmed (everything, and a few sets) validates and generates the same Swift")
    func fnoCorpus() throws {
        guard !Self.fnoCorpus.isEmpty else {
            print("note: ../shared/corpus is absent; the F&O trim corpus test is skipped")
            return
        }
        for path in Self.fnoCorpus {
            let (full, all) = try Self.checkTrim(path, .everything, label: "everything")
            let (_, some) = try Self.checkTrim(path, try Self.someSets(path, count: 3), label: "3 sets")
            print("trim \((path as NSString).lastPathComponent): \(full) bytes; everything \(all); 3 sets \(some)")
        }
    }
}
