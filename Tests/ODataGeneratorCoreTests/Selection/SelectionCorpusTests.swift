import Foundation
import Testing
import ODataCSDL
import ODataGeneratorCore

/// The shared corpus of real `$metadata` documents (`../shared/corpus`); the tests are skipped when it is absent.
enum SelectionCorpus {
    /// `ODATA_CORPUS` when set, else `<package root>/../shared/corpus`; nil when the folder does not exist.
    static let directory: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ODATA_CORPUS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env, isDirectory: true))
        }
        // #filePath = <root>/Tests/ODataGeneratorCoreTests/Selection/SelectionCorpusTests.swift
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent("../shared/corpus", isDirectory: true).standardizedFileURL)
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }()

    static let files = ["fno-d365agent-sales.xml", "msgraph-v1.0-cleanMetadata.xml"]

    static var isPresent: Bool {
        guard let directory else { return false }
        return files.allSatisfy { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    static func model(_ file: String) throws -> EDMModel {
        let url = try #require(directory).appendingPathComponent(file)
        let read = try CSDLReader.read(path: url.path, displayName: file)
        let document = try #require(read.document, "\(file): \(read.diagnostics.prefix(5))")
        return EDMModel(document: document)
    }
}

/// Checks, independently of the selection code, that a selection is closed: every type a selected item refers to
/// is selected, and navigation to unselected targets is reported as dropped (never silently kept).
private func closureProblems(_ r: SelectionResult, _ m: EDMModel, follow: Bool, defaultOperations: Bool) -> [String] {
    var problems: [String] = []
    let entities = Set(r.entityTypes), complexes = Set(r.complexTypes), enums = Set(r.enumTypes)
    let definitions = Set(r.typeDefinitions), operations = Set(r.operations)
    func selected(_ kind: EDMTypeKind) -> Bool {
        switch kind {
        case .primitive: return true
        case .entity(let i): return entities.contains(i)
        case .complex(let i): return complexes.contains(i)
        case .enumeration(let i): return enums.contains(i)
        case .definition(let i): return definitions.contains(i)
        }
    }
    func need(_ kind: EDMTypeKind, _ what: @autoclosure () -> String) {
        if !selected(kind) { problems.append("\(what()) needs unselected \(m.typeName(EDMTypeRef(kind)))") }
    }
    var decisions: [EDMNavigationRef: NavigationDecision] = [:]
    for d in r.navigation { decisions[d.navigationProperty] = d }
    func checkNavigation(_ navs: [EDMNavigationProperty], owner: Int, isEntity: Bool, _ ownerName: String) {
        for (n, nav) in navs.enumerated() {
            let ref = EDMNavigationRef(ownerIsEntity: isEntity, owner: owner, index: n)
            guard let decision = decisions[ref] else {
                problems.append("\(ownerName)/\(nav.name) has no navigation decision")
                continue
            }
            guard let target = nav.target else { continue }
            if entities.contains(target) {
                if !decision.isKept { problems.append("\(ownerName)/\(nav.name) is dropped although its target is selected") }
            } else if follow {
                problems.append("\(ownerName)/\(nav.name): follow left target \(m.entityTypes[target].qualifiedName) out")
            } else if decision.isKept {
                problems.append("\(ownerName)/\(nav.name) is kept although its target is not selected")
            }
        }
    }
    for i in r.entityTypes {
        let t = m.entityTypes[i]
        if let b = t.baseType { need(.entity(b), "\(t.name) (base type)") }
        for p in t.properties { need(p.type.kind, "\(t.name)/\(p.name)") }
        for k in t.key { need(k.type.kind, "\(t.name) key \(k.name)") }
        checkNavigation(t.navigationProperties, owner: i, isEntity: true, t.name)
        if r.why(.entityType(i)).last != "\(t.qualifiedName) (entity type)" { problems.append("\(t.name) has no why chain") }
    }
    for i in r.complexTypes {
        let t = m.complexTypes[i]
        if let b = t.baseType { need(.complex(b), "\(t.name) (base type)") }
        for p in t.properties { need(p.type.kind, "\(t.name)/\(p.name)") }
        checkNavigation(t.navigationProperties, owner: i, isEntity: false, t.name)
        if r.why(.complexType(i)).isEmpty { problems.append("\(t.name) has no why chain") }
    }
    for i in r.operations {
        let o = m.operations[i]
        for p in o.parameters { need(p.type.kind, "\(o.name) parameter \(p.name)") }
        if let ret = o.returnType { need(ret.type.kind, "\(o.name) return type") }
    }
    for i in r.entitySets { need(.entity(m.entitySets[i].entityType), "entity set \(m.entitySets[i].name)") }
    for i in r.singletons { need(.entity(m.singletons[i].entityType), "singleton \(m.singletons[i].name)") }
    for i in r.operationImports {
        for o in m.operationImports[i].operations where !operations.contains(o) {
            problems.append("import \(m.operationImports[i].name) needs unselected \(m.operations[o].name)")
        }
    }
    if defaultOperations {
        for (i, o) in m.operations.enumerated() where !operations.contains(i) {
            guard let b = o.bindingParameter else { continue }
            if case .primitive = b.type.kind { continue }
            if selected(b.type.kind) { problems.append("\(o.name) is bound to selected \(m.typeName(b.type)) but not selected") }
        }
    }
    return problems
}

@Suite("Selection: corpus", .enabled(if: SelectionCorpus.isPresent, "corpus folder ../shared/corpus not found (set ODATA_CORPUS)"))
struct SelectionCorpusTests {
    @Test("selecting 5 entity sets gives a closed selection, in both navigation modes", arguments: SelectionCorpus.files)
    func fiveEntitySets(_ file: String) throws {
        let m = try SelectionCorpus.model(file)
        try #require(m.entitySets.count >= 5)
        // Every third set, so the five are spread over the document.
        let picked = (0..<5).map { m.entitySets[($0 * 3) % m.entitySets.count].name }
        for navigation in SelectionOptions.Navigation.allCases {
            let options = SelectionOptions(include: .init(entitySets: picked.map { SelectionPattern($0) }), navigation: navigation)
            let r = Selection.select(model: m, options: options)
            #expect(!r.diagnostics.hasErrors, "\(file) \(navigation): \(r.diagnostics.filter { $0.severity == .error })")
            let problems = closureProblems(r, m, follow: navigation == .follow, defaultOperations: true)
            #expect(problems.isEmpty, "\(file) \(navigation): \(problems.count) problems, first: \(problems.prefix(10))")
            let sets = Set(r.entitySets.map { m.entitySets[$0].name })
            #expect(sets.isSuperset(of: picked))
            if navigation == .withinSelection {
                #expect(sets == Set(picked))
                // The check itself finds a hole.
                if !r.enumTypes.isEmpty || !r.complexTypes.isEmpty {
                    var holed = r
                    if !holed.enumTypes.isEmpty { holed.enumTypes.removeLast() } else { holed.complexTypes.removeLast() }
                    #expect(!closureProblems(holed, m, follow: false, defaultOperations: true).isEmpty)
                }
                #expect(r.entityTypes.count < m.entityTypes.count)
                // Every dropped link is in a note.
                let notes = r.diagnostics.filter { $0.severity == .note }.map(\.message).joined(separator: "\n")
                for d in r.droppedNavigation where d.navigationProperty.ownerIsEntity {
                    let nav = m.entityTypes[d.navigationProperty.owner].navigationProperties[d.navigationProperty.index]
                    let declaring = nav.declaringIsEntity ? m.entityTypes[nav.declaringType].qualifiedName
                                                          : m.complexTypes[nav.declaringType].qualifiedName
                    #expect(notes.contains(declaring + ":"), "\(file): no note for \(declaring)/\(d.name)")
                }
            } else {
                #expect(r.droppedNavigation.isEmpty)
            }
        }
    }

    @Test("selecting everything selects every type, member and operation", arguments: SelectionCorpus.files)
    func everything(_ file: String) throws {
        let m = try SelectionCorpus.model(file)
        let r = Selection.select(model: m)
        #expect(r.entityTypes == Array(m.entityTypes.indices))
        #expect(r.complexTypes == Array(m.complexTypes.indices))
        #expect(r.enumTypes == Array(m.enumTypes.indices))
        #expect(r.typeDefinitions == Array(m.typeDefinitions.indices))
        #expect(r.entitySets == Array(m.entitySets.indices))
        #expect(r.singletons == Array(m.singletons.indices))
        #expect(r.operationImports == Array(m.operationImports.indices))
        #expect(r.operations == Array(m.operations.indices))
        #expect(r.droppedNavigation.isEmpty)
        #expect(closureProblems(r, m, follow: false, defaultOperations: true).isEmpty)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.prefix(5))")
    }
}
