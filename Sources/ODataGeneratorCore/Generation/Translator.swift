import Dispatch
import Foundation
import ODataCSDL

/// Which declarations to generate (indexes into the model's arrays, in output order) and the entity set that
/// names each entity type.
public struct GenerationPlan: Sendable {
    public var entityTypes: [Int]
    public var complexTypes: [Int]
    public var enumTypes: [Int]
    /// Entity type index to the entity set it is read from (when one selected set uses it).
    public var entitySetOfType: [Int: String]
    /// Navigation properties to keep, per entity type index (indexes into its `navigationProperties`); types not
    /// listed keep the navigation properties whose targets are generated.
    public var keptNavigation: [Int: [Int]]?
    /// Entity sets, singletons, operations (bound and unbound) and operation imports the service exposes
    /// (indexes into the model's arrays).
    public var entitySets: [Int]
    public var singletons: [Int]
    public var operations: [Int]
    public var operationImports: [Int]

    public init(entityTypes: [Int], complexTypes: [Int], enumTypes: [Int], entitySetOfType: [Int: String] = [:],
                keptNavigation: [Int: [Int]]? = nil, entitySets: [Int] = [], singletons: [Int] = [],
                operations: [Int] = [], operationImports: [Int] = []) {
        self.entityTypes = entityTypes
        self.complexTypes = complexTypes
        self.enumTypes = enumTypes
        self.entitySetOfType = entitySetOfType
        self.keptNavigation = keptNavigation
        self.entitySets = entitySets
        self.singletons = singletons
        self.operations = operations
        self.operationImports = operationImports
    }

    /// Everything the model declares, entity sets naming their types.
    public static func everything(in model: EDMModel) -> GenerationPlan {
        var sets: [Int: String] = [:]
        var setCount: [Int: Int] = [:]
        for s in model.entitySets { setCount[s.entityType, default: 0] += 1 }
        for s in model.entitySets where setCount[s.entityType] == 1 { sets[s.entityType] = s.name }
        return GenerationPlan(entityTypes: Array(model.entityTypes.indices), complexTypes: Array(model.complexTypes.indices),
                              enumTypes: Array(model.enumTypes.indices), entitySetOfType: sets,
                              entitySets: Array(model.entitySets.indices), singletons: Array(model.singletons.indices),
                              operations: Array(model.operations.indices), operationImports: Array(model.operationImports.indices))
    }
}

/// Options of the translation.
public struct TranslationOptions: Sendable {
    /// `public`, `package` or `internal`.
    public var accessModifier: String = "internal"
    /// The metadata file's base name, for the header.
    public var inputName: String = "metadata.xml"
    /// EDM name (simple or qualified) to Swift type name overrides.
    public var typeNameOverrides: [(edmName: String, swiftName: String)] = []
    /// The profile; nil: `fno` when a schema's namespace is `Microsoft.Dynamics.DataEntities`, else `generic`.
    public var profile: GeneratorConfig.Profile?
    /// The Swift name of the service type; nil: the entity container's name.
    public var serviceName: String?

    public init() {}
}

/// Turns the model and a plan into template contexts: every Swift name, type and doc line is decided here.
public struct Translator: Sendable {
    public let model: EDMModel
    public let plan: GenerationPlan
    public let options: TranslationOptions
    /// Notes about renamed declarations and types kept as raw JSON.
    public internal(set) var notes: [Diagnostic] = []

    let namer: SwiftNamer
    var entityNames: [Int: String] = [:]
    var complexNames: [Int: String] = [:]
    var enumNames: [Int: String] = [:]
    /// The profile in effect.
    public let profile: GeneratorConfig.Profile
    /// The runtime's phantom type for the profile.
    var profileType: String { profile == .fno ? "ODataFNOProfile" : "ODataGenericProfile" }

    public init(model: EDMModel, plan: GenerationPlan, options: TranslationOptions) {
        self.model = model
        self.plan = plan
        self.options = options
        profile = options.profile ?? GeneratorConfig().effectiveProfile(namespaces: model.document.schemas.map(\.namespace))
        var configuration = NamingConfiguration()
        configuration.overrides = NamingOverrides(pairs: options.typeNameOverrides)
        // Generated types must not shadow the Swift, Foundation and runtime types the generated code uses.
        configuration.reservedTypeNames.formUnion(SwiftKeywords.reservedTypeNames)
        configuration.reservedTypeNames.formUnion(Translator.queryTypeNames)
        namer = SwiftNamer(configuration)
        assignTypeNames()
    }

    // MARK: - Names

    private mutating func assignTypeNames() {
        var entries: [NameEntry] = []
        for i in plan.entityTypes { entries.append(NameEntry(model.entityTypes[i].name, qualifiedName: model.entityTypes[i].qualifiedName)) }
        for i in plan.complexTypes { entries.append(NameEntry(model.complexTypes[i].name, qualifiedName: model.complexTypes[i].qualifiedName)) }
        for i in plan.enumTypes { entries.append(NameEntry(model.enumTypes[i].name, qualifiedName: model.enumTypes[i].qualifiedName)) }
        let naming = namer.resolve(entries, in: .types(of: "module"))
        record(naming)
        var k = 0
        for i in plan.entityTypes { entityNames[i] = naming.names[k].identifier; k += 1 }
        for i in plan.complexTypes { complexNames[i] = naming.names[k].identifier; k += 1 }
        for i in plan.enumTypes { enumNames[i] = naming.names[k].identifier; k += 1 }
    }

    /// Keeps the naming notes and override errors of a scope as diagnostics.
    mutating func record(_ naming: ScopeNaming) {
        for n in naming.notes { notes.append(Diagnostic(.note, n.description, file: options.inputName, line: 0, column: 0)) }
        for e in naming.errors { notes.append(Diagnostic(.warning, e.description, file: options.inputName, line: 0, column: 0)) }
    }

    /// Swift names for the members of one declaration.
    mutating func memberNames(_ edmNames: [String], scope: NamingScope) -> [SwiftName] {
        let naming = namer.resolve(edmNames, in: scope)
        record(naming)
        return naming.names
    }

    /// The Swift type for a bound EDM type; nil when the target is not generated.
    func swiftType(_ ref: EDMTypeRef) -> String? {
        let base: String?
        switch ref.kind {
        case .primitive(let p): base = SwiftTypeMapping.swiftType(of: p) ?? SwiftTypeMapping.rawJSONType
        case .entity(let i): base = entityNames[i]
        case .complex(let i): base = complexNames[i]
        case .enumeration(let i): base = enumNames[i]
        case .definition(let i):
            base = SwiftTypeMapping.swiftType(of: model.typeDefinitions[i].underlyingType) ?? SwiftTypeMapping.rawJSONType
        }
        guard let base else { return nil }
        return ref.isCollection ? "[\(base)]" : base
    }

    // MARK: - Contexts

    /// The contexts of the declarations, in plan order.
    public mutating func structs() -> [StructContext] {
        // Declarations are independent once the type names are fixed: translate them in parallel chunks, each
        // with its own copy of the translator, and join contexts and notes in plan order (deterministic).
        let work: [(entity: Bool, index: Int)] = plan.entityTypes.map { (true, $0) } + plan.complexTypes.map { (false, $0) }
        let chunks = work.count < 256 ? 1 : 4
        let base = self
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var translator = base
            let start = base.notes.count
            let range = (work.count * k / chunks)..<(work.count * (k + 1) / chunks)
            let contexts = work[range].map { $0.entity ? translator.entityStruct($0.index) : translator.complexStruct($0.index) }
            results.set(k, contexts, Array(translator.notes[start...]))
        }
        var result: [StructContext] = []
        result.reserveCapacity(work.count)
        for k in 0..<chunks {
            result += results.contexts[k]
            notes += results.notes[k]
        }
        reportRawTypes()
        return result
    }

    /// One warning per Edm type kept as raw JSON (streams, spatial types, Edm.Untyped), with a first example.
    private mutating func reportRawTypes() {
        var seen: [(type: String, count: Int, example: String)] = []
        func visit(_ owner: String, _ props: [EDMProperty]) {
            for p in props {
                guard case .primitive(let kind) = p.type.kind, SwiftTypeMapping.swiftType(of: kind) == nil else { continue }
                if let i = seen.firstIndex(where: { $0.type == kind.qualifiedName }) { seen[i].count += 1 }
                else { seen.append((kind.qualifiedName, 1, owner + "/" + p.name)) }
            }
        }
        for i in plan.entityTypes { visit(model.entityTypes[i].name, model.entityTypes[i].properties) }
        for i in plan.complexTypes { visit(model.complexTypes[i].name, model.complexTypes[i].properties) }
        for s in seen {
            notes.append(Diagnostic(.warning, "\(s.count) propert\(s.count == 1 ? "y" : "ies") of type \(s.type) (e.g. \(s.example)) \(s.count == 1 ? "is" : "are") kept as raw JSON (ODataJSONValue): the runtime has no typed value for \(s.type) yet",
                                    file: options.inputName, line: 0, column: 0))
        }
    }

    public mutating func enums() -> [EnumContext] {
        plan.enumTypes.map { enumContext($0) }
    }

    func docLines(_ annotations: [CSDLAnnotation], remark: String?) -> [DocLine] {
        var lines: [String] = []
        for wanted in ["Org.OData.Core.V1.Description", "Org.OData.Core.V1.LongDescription"] {
            let simple = wanted.hasSuffix("LongDescription") ? "LongDescription" : "Description"
            let found = annotations.first { a in
                a.term.hasSuffix(simple) && !(simple == "Description" && a.term.hasSuffix("LongDescription"))
                    && (model.normalize(a.term) == wanted || a.term == "Core." + simple)
            }
            if let text = found?.value?.text {
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingWhitespace() }
            }
        }
        if let label = annotations.first(where: { $0.term == "Microsoft.Dynamics.OData.Core.V1.LabelId" })?.value?.text,
           !label.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines.append(label.hasPrefix("@") ? "Label: `\(label)`" : "Label: \(label)")
        }
        if let remark {
            if !lines.isEmpty { lines.append("") }
            lines.append(remark)
        }
        return lines.map { DocLine(text: $0.replacingOccurrences(of: "*/", with: "* /")) }
    }

    private mutating func entityStruct(_ i: Int) -> StructContext {
        let t = model.entityTypes[i]
        let decl = model.csdl(t)
        let kept = plan.keptNavigation?[i]
        var wireNames = Set(t.properties.map(\.name))
        let navigations = t.navigationProperties.enumerated().filter { n, nav in
            guard let target = nav.target, entityNames[target] != nil else { return false }
            guard kept.map({ $0.contains(n) }) ?? true else { return false }
            // CSDL member names are unique per type; a navigation property repeating one cannot be coded.
            guard wireNames.insert(nav.name).inserted else {
                notes.append(Diagnostic(.warning, "\(t.qualifiedName) declares the name \(nav.name) twice; the navigation property is left out of the generated code",
                                        file: options.inputName, line: 0, column: 0))
                return false
            }
            return true
        }
        let names = memberNames(t.properties.map(\.name) + navigations.map(\.element.name),
                                scope: NamingScope(t.qualifiedName, role: .properties,
                                                   additionalReservedNames: ["keyPropertyNames", "Key", "additionalProperties", "declaredPropertyNames",
                                                                           "Fields", "Profile", "odataPathPrefix", "keyPredicate"]))
        var properties: [PropertyContext] = []
        var codingKeys: [CodingKeyContext] = [CodingKeyContext(name: "odataEtag", wireName: "@odata.etag")]
        var memberNames: [String: String] = [:]  // EDM name -> Swift name (escaped)
        var fields: [FieldContext] = []
        let profileType = self.profileType
        for (k, p) in t.properties.enumerated() {
            let csdl = model.csdl(p, ofEntity: true)
            let swiftName = names[k].escaped
            memberNames[p.name] = swiftName
            let isKey = t.key.contains { $0.name == p.name }
            let base = swiftType(p.type) ?? SwiftTypeMapping.rawJSONType
            let fieldType = "ODataField<\(base), \(profileType)>"
            fields.append(FieldContext(name: swiftName, edmName: SwiftLiteral.stringBody(p.name), type: fieldType,
                                       initializer: "\(fieldType)(odataPathPrefix, \"\(SwiftLiteral.stringBody(p.name))\")"))
            let optional = p.nullable && !isKey
            properties.append(PropertyContext(name: swiftName, edmName: p.name,
                                              type: optional ? base + "?" : base, decodedType: base, isOptional: optional, isNavigation: false,
                                              docLines: docLines(csdl.annotations, remark: nil)))
            codingKeys.append(CodingKeyContext(name: swiftName, wireName: SwiftLiteral.stringBody(p.name)))
        }
        for (k, (_, nav)) in navigations.enumerated() {
            guard let target = nav.target, let targetName = entityNames[target] else { continue }
            let swiftName = names[t.properties.count + k].escaped
            let type = nav.isCollection ? "[\(targetName)]?" : "Indirect<\(targetName)>?"
            let wire = SwiftLiteral.stringBody(nav.name)
            if nav.isCollection {
                let fieldType = "ODataCollectionNavigation<\(targetName)>"
                fields.append(FieldContext(name: swiftName, edmName: wire, type: fieldType,
                                           initializer: "\(fieldType)(odataPathPrefix, \"\(wire)\")"))
            } else {
                fields.append(FieldContext(name: swiftName, edmName: wire, type: "\(targetName).Fields",
                                           initializer: "\(targetName).Fields(odataPathPrefix: ODataPath.navigation(odataPathPrefix, \"\(wire)\"))"))
            }
            properties.append(PropertyContext(name: swiftName, edmName: nav.name, type: type, decodedType: String(type.dropLast()),
                                              isOptional: true, isNavigation: true,
                                              docLines: [DocLine(text: "Navigation to `\(model.entityTypes[target].qualifiedName)`; set when expanded (`$expand`).")]))
            codingKeys.append(CodingKeyContext(name: swiftName, wireName: SwiftLiteral.stringBody(nav.name)))
        }
        // Key parts that are paths into complex properties (`Info/ID` with an alias) have no stored property of
        // their own: the Key struct names them by alias, and no `key` accessor is generated.
        let keyNames = namer.resolve(t.key.map { $0.alias ?? $0.name }, in: NamingScope(t.qualifiedName + ".Key", role: .properties))
        let keys: [KeyPropertyContext] = t.key.enumerated().map { index, k in
            let swiftName = memberNames[k.name] ?? keyNames.names[index].escaped
            return KeyPropertyContext(name: swiftName, edmName: k.alias ?? k.name,
                                      type: swiftType(k.type) ?? SwiftTypeMapping.rawJSONType, isLast: index == t.key.count - 1)
        }
        let keyIsStored = t.key.allSatisfy { memberNames[$0.name] != nil }
        let keyHasLiterals = t.key.allSatisfy { hasURLLiteral($0.type) }
        let isKeyed = !keys.isEmpty && keyIsStored && keyHasLiterals
        let isCompanySpecific = profile == .fno && t.key.contains { $0.name == "dataAreaId" && $0.alias == nil }
        let etagName = "odataEtag"
        let params = [(decl: "\(etagName): String? = nil", name: etagName)] + Translator.initParameters(properties)
        let setName = plan.entitySetOfType[i]
        return StructContext(
            name: entityNames[i] ?? t.name, edmName: t.qualifiedName, edmKind: "EntityType", isEntity: true,
            docLines: docLines(decl.annotations, remark: "- Remark: Generated from EntityType `\(t.qualifiedName)`."),
            properties: properties, keyProperties: keys, hasKey: !keys.isEmpty, hasKeyAccessor: !keys.isEmpty && keyIsStored,
            entitySetName: setName, hasEntitySet: setName != nil, hasEtag: true, isOpen: t.isOpenType,
            initParameters: Translator.numbered(params),
            codingKeys: codingKeys, hasCodingKeys: !codingKeys.isEmpty,
            profileType: profileType, fields: fields, entityProtocol: isKeyed ? "ODataKeyedEntity" : "ODataEntityType",
            isKeyed: isKeyed, isCompanySpecific: isCompanySpecific)
    }

    /// True when values of the type have an OData URL literal in the runtime (key parts, function parameters).
    func hasURLLiteral(_ ref: EDMTypeRef) -> Bool {
        if ref.isCollection { return false }
        switch ref.kind {
        case .primitive(let p): return SwiftTypeMapping.swiftType(of: p) != nil
        case .enumeration(let i): return enumNames[i] != nil
        case .definition(let i): return SwiftTypeMapping.swiftType(of: model.typeDefinitions[i].underlyingType) != nil
        case .entity, .complex: return false
        }
    }

    /// Runtime types generated code names unqualified, nested type names of generated entity types, and the generic
    /// parameter names of the runtime's query types (`extension ODataQuery where Entity == X` must not read
    /// `Entity == Entity`): generated types must not shadow them.
    static let queryTypeNames: Set<String> = [
        "Fields", "Key", "Profile", "Entity", "Row", "Value", "Target", "Result", "ODataQuery", "ODataEntityRequest", "ODataField", "ODataFilter", "ODataPartial",
        "ODataPath", "ODataOperation", "ODataVoid", "ODataServiceContext", "ODataCollectionNavigation",
        "ODataKeyPredicate", "ODataEntityKey", "ODataEntityType", "ODataKeyedEntity", "ODataCompanySpecific",
        "ODataFieldSet", "ODataFNOProfile", "ODataGenericProfile", "ODataEnumLiteral", "ODataFlagsLiteral", "URL",
        "ODataClient", "ODataBatch",
    ]

    private mutating func complexStruct(_ i: Int) -> StructContext {
        let t = model.complexTypes[i]
        let decl = model.csdl(t)
        let names = memberNames(t.properties.map(\.name),
                                scope: NamingScope(t.qualifiedName, role: .properties,
                                                   additionalReservedNames: ["additionalProperties", "declaredPropertyNames"]))
        var properties: [PropertyContext] = []
        var codingKeys: [CodingKeyContext] = []
        for (k, p) in t.properties.enumerated() {
            let csdl = model.csdl(p, ofEntity: false)
            let swiftName = names[k].escaped
            var base = swiftType(p.type) ?? SwiftTypeMapping.rawJSONType
            // A complex type that contains itself needs an indirection.
            if case .complex(let c) = p.type.kind, !p.type.isCollection, complexContains(c, i) { base = "Indirect<\(base)>" }
            properties.append(PropertyContext(name: swiftName, edmName: p.name, type: p.nullable ? base + "?" : base,
                                              decodedType: base, isOptional: p.nullable, isNavigation: false,
                                              docLines: docLines(csdl.annotations, remark: nil)))
            codingKeys.append(CodingKeyContext(name: swiftName, wireName: SwiftLiteral.stringBody(p.name)))
        }
        let params = Translator.initParameters(properties)
        return StructContext(
            name: complexNames[i] ?? t.name, edmName: t.qualifiedName, edmKind: "ComplexType", isEntity: false,
            docLines: docLines(decl.annotations, remark: "- Remark: Generated from ComplexType `\(t.qualifiedName)`."),
            properties: properties, keyProperties: [], hasKey: false, hasKeyAccessor: false, entitySetName: nil, hasEntitySet: false,
            hasEtag: false, isOpen: t.isOpenType,
            initParameters: Translator.numbered(params),
            codingKeys: codingKeys, hasCodingKeys: !codingKeys.isEmpty)
    }

    /// Memberwise initializer parameters: optional properties default to nil.
    private static func initParameters(_ properties: [PropertyContext]) -> [(decl: String, name: String)] {
        properties.map { p in (decl: p.isOptional ? "\(p.name): \(p.type) = nil" : "\(p.name): \(p.type)", name: p.name) }
    }

    private static func numbered(_ params: [(decl: String, name: String)]) -> [InitParameterContext] {
        params.enumerated().map { InitParameterContext(declaration: $1.decl, name: $1.name, isLast: $0 == params.count - 1) }
    }

    /// True when complex type `from` reaches complex type `target` through non-collection complex properties.
    private func complexContains(_ from: Int, _ target: Int) -> Bool {
        var seen: Set<Int> = []
        var stack = [from]
        while let c = stack.popLast() {
            if c == target { return true }
            guard seen.insert(c).inserted else { continue }
            for p in model.complexTypes[c].properties {
                if case .complex(let next) = p.type.kind, !p.type.isCollection { stack.append(next) }
            }
        }
        return false
    }

    private mutating func enumContext(_ i: Int) -> EnumContext {
        let e = model.enumTypes[i]
        let decl = model.csdl(e)
        var seen: Set<String> = []
        let declared = decl.members.filter { seen.insert($0.name).inserted }
        let names = memberNames(declared.map(\.name),
                                scope: NamingScope(e.qualifiedName, role: .enumMembers,
                                                   additionalReservedNames: ["none", "some", "rawValue", "allKnownCases", "unknown", "Member"]))
        var members: [EnumMemberContext] = []
        for (k, m) in declared.enumerated() {
            members.append(EnumMemberContext(name: names[k].escaped, edmName: SwiftLiteral.stringBody(m.name),
                                             value: String(m.value), docLines: docLines(m.annotations, remark: nil), isLast: false))
        }
        if !members.isEmpty { members[members.count - 1].isLast = true }
        return EnumContext(name: enumNames[i] ?? e.name, edmName: e.qualifiedName, isFlags: e.isFlags,
                           docLines: docLines(decl.annotations, remark: "- Remark: Generated from EnumType `\(e.qualifiedName)`."),
                           members: members)
    }
}

/// Swift literal spellings.
enum SwiftLiteral {
    /// The body of a Swift string literal holding `text`.
    static func stringBody(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += "\\u{\(String(c.value, radix: 16))}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}

/// Per-chunk results of the parallel translation.
private final class ChunkResults: @unchecked Sendable {
    private(set) var contexts: [[StructContext]]
    private(set) var notes: [[Diagnostic]]
    private let lock = NSLock()

    init(count: Int) {
        contexts = Array(repeating: [], count: count)
        notes = Array(repeating: [], count: count)
    }

    func set(_ k: Int, _ c: [StructContext], _ n: [Diagnostic]) {
        lock.lock()
        contexts[k] = c
        notes[k] = n
        lock.unlock()
    }
}
