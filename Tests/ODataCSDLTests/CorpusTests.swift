import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ODataCSDL

/// The corpus of real `$metadata` documents (`../shared/corpus`, see its MANIFEST.md). It is not part of the
/// repository: every test here is skipped when the folder is absent.
enum CorpusLocation {
    /// `ODATA_CORPUS` when set, else `<package root>/../shared/corpus`; nil when the folder does not exist.
    static let directory: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ODATA_CORPUS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env, isDirectory: true))
        }
        // #filePath = <root>/Tests/ODataCSDLTests/CorpusTests.swift
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent("../shared/corpus", isDirectory: true).standardizedFileURL)
        for url in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url
            }
        }
        return nil
    }()

    static var isPresent: Bool { directory != nil }

    /// File names of every `*.xml` in the corpus, sorted; empty when the corpus is absent.
    static let files: [String] = {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    static func url(_ name: String) -> URL {
        directory!.appendingPathComponent(name)
    }
}

/// Counts the CSDL elements of a document through FoundationXML's DOM (`XMLDocument`): a code path independent
/// of the SAX reader. The rules are those of `CSDLCounts`, stated on element names and parents.
enum CorpusDOMCounter {
    static let edm = "http://docs.oasis-open.org/odata/ns/edm"

    static func counts(of url: URL) throws -> CSDLCounts {
        let document = try XMLDocument(contentsOf: url, options: [])
        var counts = CSDLCounts()
        guard let root = document.rootElement() else { return counts }
        visit(root, parentLocalName: nil, into: &counts)
        return counts
    }

    private static func edmLocalName(_ element: XMLElement) -> String? {
        guard element.uri == edm else { return nil }
        if let local = element.localName { return local }
        guard let name = element.name else { return nil }
        return name.split(separator: ":").last.map(String.init)
    }

    /// `parentLocalName` is the EDM local name of the parent element, nil when the parent is not in the EDM namespace.
    private static func visit(_ element: XMLElement, parentLocalName: String?, into c: inout CSDLCounts) {
        let local = edmLocalName(element)
        if let local {
            switch local {
            case "Schema": c.schemas += 1
            case "EntityType": c.entityTypes += 1
            case "ComplexType": c.complexTypes += 1
            case "EnumType": c.enumTypes += 1
            case "TypeDefinition": c.typeDefinitions += 1
            case "Term": c.terms += 1
            case "Annotation": c.annotations += 1
            case "Member" where parentLocalName == "EnumType": c.enumMembers += 1
            case "Property" where parentLocalName == "EntityType" || parentLocalName == "ComplexType":
                c.properties += 1
            case "NavigationProperty" where parentLocalName == "EntityType" || parentLocalName == "ComplexType":
                c.navigationProperties += 1
            case "Action" where parentLocalName == "Schema": c.actions += 1
            case "Function" where parentLocalName == "Schema": c.functions += 1
            case "EntitySet" where parentLocalName == "EntityContainer": c.entitySets += 1
            case "Singleton" where parentLocalName == "EntityContainer": c.singletons += 1
            case "ActionImport" where parentLocalName == "EntityContainer": c.actionImports += 1
            case "FunctionImport" where parentLocalName == "EntityContainer": c.functionImports += 1
            default: break
            }
        }
        guard let children = element.children else { return }
        for child in children where child.kind == .element {
            if let e = child as? XMLElement { visit(e, parentLocalName: local, into: &c) }
        }
    }
}

extension CSDLCounts {
    /// The value of one key of `CSDLCounts.keys`.
    fileprivate subscript(corpusKey key: String) -> Int {
        guard let i = CSDLCounts.keys.firstIndex(of: key) else { return -1 }
        return values[i]
    }
}

@Suite("Corpus of real $metadata documents", .enabled(if: CorpusLocation.isPresent, "corpus folder ../shared/corpus not found (set ODATA_CORPUS to use another folder)"))
struct CorpusTests {
    @Test("the corpus folder holds XML documents")
    func corpusHasDocuments() {
        #expect(!CorpusLocation.files.isEmpty, "no *.xml in \(CorpusLocation.directory?.path ?? "?")")
        #expect(CSDLCounts.keys.count == 16 && CSDLCounts().values.count == 16, "the counts contract has 16 keys")
    }

    @Test("every corpus document reads without errors and its counts match an independent DOM count",
          arguments: CorpusLocation.files)
    func readsAndCountsMatchDOM(_ file: String) throws {
        let url = CorpusLocation.url(file)
        let result = try CSDLReader.read(path: url.path, displayName: file)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(file): \(errors.count) error diagnostic(s): \(errors.prefix(5).map(\.description).joined(separator: "; "))")
        for d in result.diagnostics {
            #expect(d.line >= 1, "\(file): diagnostic without a line: \(d)")
        }
        let document = try #require(result.document, "\(file): the reader returned no document")

        let reader = document.counts()
        let dom = try CorpusDOMCounter.counts(of: url)
        for key in CSDLCounts.keys {
            #expect(reader[corpusKey: key] == dom[corpusKey: key], "\(file): counts key \(key): reader \(reader[corpusKey: key]) != DOM \(dom[corpusKey: key])")
        }
    }

    @Test("element locations of every corpus document point at the element's start tag in the file",
          arguments: CorpusLocation.files)
    func locationsPointAtStartTags(_ file: String) throws {
        let url = CorpusLocation.url(file)
        let bytes = [UInt8](try Data(contentsOf: url))
        // Columns count bytes from the line start. Whether a UTF-8 byte order mark counts in line 1 is a
        // convention: both are accepted (bytes 1-3 are the mark, never a '<').
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { lineStarts.append(i + 1) }
        let document = try #require(try CSDLReader.read(path: url.path, displayName: file).document)

        var checked = 0
        var wrong: [String] = []
        func check(_ location: ODataCSDL.SourceLocation, _ localName: String, _ what: @autoclosure () -> String) {
            checked += 1
            let line = Int(location.line), column = Int(location.column)
            guard line >= 1, line <= lineStarts.count, column >= 1 else {
                wrong.append("\(what()) at \(location): no such position"); return
            }
            var offset = lineStarts[line - 1] + column - 1
            if bom && line == 1 && offset < bytes.count && bytes[offset] != UInt8(ascii: "<") { offset += 3 }
            // "<" + optional "prefix:" + local name + a delimiter.
            var p = offset
            guard p < bytes.count, bytes[p] == UInt8(ascii: "<") else {
                wrong.append("\(what()) at \(location): no '<' there"); return
            }
            p += 1
            let nameStart = p
            while p < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(bytes[p]) { p += 1 }
            let qname = String(decoding: bytes[nameStart..<p], as: UTF8.self)
            let local = qname.split(separator: ":").last.map(String.init) ?? qname
            if local != localName { wrong.append("\(what()) at \(location): found <\(qname)>") }
        }
        func checkAnnotations(_ list: [CSDLAnnotation], _ owner: String) {
            for a in list { check(a.location, "Annotation", "Annotation \(a.term) of \(owner)") }
        }

        check(document.location, "Edmx", "edmx:Edmx")
        if let ds = document.dataServicesLocation { check(ds, "DataServices", "edmx:DataServices") }
        for r in document.references {
            check(r.location, "Reference", "Reference \(r.uri)")
            for i in r.includes { check(i.location, "Include", "Include \(i.namespace)") }
        }
        for schema in document.schemas {
            check(schema.location, "Schema", "Schema \(schema.namespace)")
            checkAnnotations(schema.annotations, schema.namespace)
            for t in schema.entityTypes {
                check(t.location, "EntityType", "EntityType \(t.name)")
                checkAnnotations(t.annotations, t.name)
                for p in t.properties { check(p.location, "Property", "Property \(t.name)/\(p.name)"); checkAnnotations(p.annotations, p.name) }
                for n in t.navigationProperties { check(n.location, "NavigationProperty", "NavigationProperty \(t.name)/\(n.name)") }
            }
            for t in schema.complexTypes {
                check(t.location, "ComplexType", "ComplexType \(t.name)")
                for p in t.properties { check(p.location, "Property", "Property \(t.name)/\(p.name)") }
                for n in t.navigationProperties { check(n.location, "NavigationProperty", "NavigationProperty \(t.name)/\(n.name)") }
            }
            for t in schema.enumTypes {
                check(t.location, "EnumType", "EnumType \(t.name)")
                for m in t.members { check(m.location, "Member", "Member \(t.name)/\(m.name)"); checkAnnotations(m.annotations, m.name) }
            }
            for t in schema.typeDefinitions { check(t.location, "TypeDefinition", "TypeDefinition \(t.name)") }
            for o in schema.actions + schema.functions {
                check(o.location, o.kind.rawValue, "\(o.kind.rawValue) \(o.name)")
                for p in o.parameters { check(p.location, "Parameter", "Parameter \(o.name)/\(p.name)") }
                if let r = o.returnType { check(r.location, "ReturnType", "ReturnType of \(o.name)") }
            }
            for c in schema.entityContainers {
                check(c.location, "EntityContainer", "EntityContainer \(c.name)")
                for e in c.entitySets { check(e.location, "EntitySet", "EntitySet \(e.name)") }
                for e in c.singletons { check(e.location, "Singleton", "Singleton \(e.name)") }
                for e in c.actionImports { check(e.location, "ActionImport", "ActionImport \(e.name)") }
                for e in c.functionImports { check(e.location, "FunctionImport", "FunctionImport \(e.name)") }
            }
            for t in schema.terms { check(t.location, "Term", "Term \(t.name)") }
            for g in schema.annotationGroups {
                check(g.location, "Annotations", "Annotations \(g.target)")
                checkAnnotations(g.annotations, g.target)
            }
        }
        #expect(checked > 0)
        #expect(wrong.isEmpty, "\(file): \(wrong.count) of \(checked) locations do not point at their start tag, e.g. \(wrong.prefix(5))")
    }

    /// Figures copied from MANIFEST.md: they check the DOM counter itself (and the reader once more).
    struct ManifestRow: Sendable, CustomStringConvertible {
        var file: String
        var figures: [String: Int]
        var description: String { file }
    }

    static let manifestRows: [ManifestRow] = [
        ManifestRow(file: "msgraph-v1.0-cleanMetadata.xml", figures: [
            "entityTypes": 1182, "complexTypes": 1780, "enumTypes": 861, "entitySets": 40, "singletons": 30,
            "actions": 857, "functions": 324, "navigationProperties": 1432, "annotations": 6147, "terms": 11, "schemas": 11,
        ]),
        ManifestRow(file: "dataverse-simpleodata-DynamicsCRM.xml", figures: [
            "entityTypes": 265, "complexTypes": 132, "enumTypes": 33, "entitySets": 237, "singletons": 0,
            "actions": 139, "functions": 166, "navigationProperties": 4856, "annotations": 12160, "terms": 2, "schemas": 1,
        ]),
        ManifestRow(file: "businesscentral-apiv2-rebelpl.xml", figures: [
            "entityTypes": 87, "complexTypes": 4, "enumTypes": 35, "entitySets": 87, "actions": 21,
            "navigationProperties": 338, "annotations": 520, "schemas": 1,
        ]),
        ManifestRow(file: "fno-d365agent-hr-payroll.xml", figures: [
            "entityTypes": 27, "complexTypes": 0, "enumTypes": 32, "entitySets": 27, "annotations": 1831, "schemas": 2,
        ]),
        ManifestRow(file: "oasis-example-miscellaneous.xml", figures: [
            "entityTypes": 22, "complexTypes": 21, "enumTypes": 6, "entitySets": 10, "singletons": 2, "actions": 2,
            "functions": 5, "navigationProperties": 10, "annotations": 245, "terms": 13, "schemas": 7,
        ]),
    ]

    @Test("the DOM counter agrees with figures of MANIFEST.md", arguments: CorpusTests.manifestRows)
    func domCounterMatchesManifest(_ row: ManifestRow) throws {
        let url = CorpusLocation.url(row.file)
        try #require(FileManager.default.fileExists(atPath: url.path), "\(row.file) is listed in MANIFEST.md but missing")
        let dom = try CorpusDOMCounter.counts(of: url)
        let reader = try #require(try CSDLReader.read(path: url.path, displayName: row.file).document).counts()
        for (key, expected) in row.figures.sorted(by: { $0.key < $1.key }) {
            #expect(CSDLCounts.keys.contains(key), "unknown key \(key)")
            #expect(dom[corpusKey: key] == expected, "\(row.file): DOM count of \(key) is \(dom[corpusKey: key]), MANIFEST.md says \(expected)")
            #expect(reader[corpusKey: key] == expected, "\(row.file): reader count of \(key) is \(reader[corpusKey: key]), MANIFEST.md says \(expected)")
        }
    }

    @Test("every file listed in MANIFEST.md is in the corpus")
    func manifestFilesPresent() throws {
        let manifest = try String(contentsOf: CorpusLocation.url("MANIFEST.md"), encoding: .utf8)
        var listed: [String] = []
        for line in manifest.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let cell = cells.first(where: { $0.hasPrefix("`") && $0.hasSuffix(".xml`") }) else { continue }
            listed.append(String(cell.dropFirst().dropLast()))
        }
        #expect(!listed.isEmpty, "MANIFEST.md lists no file")
        for name in listed {
            #expect(CorpusLocation.files.contains(name), "\(name) is listed in MANIFEST.md but not in the corpus folder")
        }
    }
}
