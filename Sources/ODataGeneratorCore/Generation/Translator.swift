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

    public init(entityTypes: [Int], complexTypes: [Int], enumTypes: [Int], entitySetOfType: [Int: String] = [:],
                keptNavigation: [Int: [Int]]? = nil) {
        self.entityTypes = entityTypes
        self.complexTypes = complexTypes
        self.enumTypes = enumTypes
        self.entitySetOfType = entitySetOfType
        self.keptNavigation = keptNavigation
    }

    /// Everything the model declares, entity sets naming their types.
    public static func everything(in model: EDMModel) -> GenerationPlan {
        var sets: [Int: String] = [:]
        var setCount: [Int: Int] = [:]
        for s in model.entitySets { setCount[s.entityType, default: 0] += 1 }
        for s in model.entitySets where setCount[s.entityType] == 1 { sets[s.entityType] = s.name }
        return GenerationPlan(entityTypes: Array(model.entityTypes.indices), complexTypes: Array(model.complexTypes.indices),
                              enumTypes: Array(model.enumTypes.indices), entitySetOfType: sets)
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

    public init() {}
}

/// Turns the model and a plan into template contexts: every Swift name, type and doc line is decided here.
public struct Translator {
    public let model: EDMModel
    public let plan: GenerationPlan
    public let options: TranslationOptions
    /// Notes about renamed declarations and types kept as raw JSON.
    public private(set) var notes: [Diagnostic] = []

    private var entityNames: [Int: String] = [:]
    private var complexNames: [Int: String] = [:]
    private var enumNames: [Int: String] = [:]

    public init(model: EDMModel, plan: GenerationPlan, options: TranslationOptions) {
        self.model = model
        self.plan = plan
        self.options = options
        assignTypeNames()
    }

    // MARK: - Names

    private mutating func assignTypeNames() {
        var scope = NameScope(reserved: SwiftKeywords.reservedTypeNames)
        let overrides = Dictionary(options.typeNameOverrides.map { ($0.edmName, $0.swiftName) }, uniquingKeysWith: { a, _ in a })
        func name(_ qualified: String, _ simple: String) -> String {
            let wanted = overrides[qualified] ?? overrides[simple] ?? SwiftIdentifier.typeName(simple)
            return scope.claim(wanted)
        }
        for i in plan.entityTypes { entityNames[i] = name(model.entityTypes[i].qualifiedName, model.entityTypes[i].name) }
        for i in plan.complexTypes { complexNames[i] = name(model.complexTypes[i].qualifiedName, model.complexTypes[i].name) }
        for i in plan.enumTypes { enumNames[i] = name(model.enumTypes[i].qualifiedName, model.enumTypes[i].name) }
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
        var result: [StructContext] = []
        for i in plan.entityTypes { result.append(entityStruct(i)) }
        for i in plan.complexTypes { result.append(complexStruct(i)) }
        return result
    }

    public mutating func enums() -> [EnumContext] {
        plan.enumTypes.map { enumContext($0) }
    }

    private func docLines(_ annotations: [CSDLAnnotation], remark: String?) -> [DocLine] {
        var lines: [String] = []
        for term in ["Core.Description", "Org.OData.Core.V1.Description", "Core.LongDescription", "Org.OData.Core.V1.LongDescription"] {
            if let a = annotations.first(where: { model.normalize($0.term) == model.normalize(term) }), let text = a.value?.text {
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
        var scope = NameScope(reserved: SwiftKeywords.reservedMemberNames)
        var properties: [PropertyContext] = []
        var codingKeys: [CodingKeyContext] = [CodingKeyContext(name: "odataEtag", wireName: "@odata.etag")]
        var memberNames: [String: String] = [:]  // EDM name -> Swift name
        for p in t.properties {
            let csdl = model.csdl(p, ofEntity: true)
            let swiftName = scope.claim(SwiftIdentifier.memberName(p.name))
            memberNames[p.name] = swiftName
            let isKey = t.key.contains { $0.name == p.name }
            let base = swiftType(p.type) ?? SwiftTypeMapping.rawJSONType
            let optional = p.nullable && !isKey
            properties.append(PropertyContext(name: SwiftIdentifier.escaped(swiftName), edmName: p.name,
                                              type: optional ? base + "?" : base, isOptional: optional, isNavigation: false,
                                              docLines: docLines(csdl.annotations, remark: nil)))
            codingKeys.append(CodingKeyContext(name: SwiftIdentifier.escaped(swiftName), wireName: SwiftIdentifier.stringLiteralBody(p.name)))
        }
        let kept = plan.keptNavigation?[i]
        for (n, nav) in t.navigationProperties.enumerated() {
            guard let target = nav.target, let targetName = entityNames[target] else { continue }
            if let kept, !kept.contains(n) { continue }
            let swiftName = scope.claim(SwiftIdentifier.memberName(nav.name))
            let type = nav.isCollection ? "[\(targetName)]?" : "Indirect<\(targetName)>?"
            properties.append(PropertyContext(name: SwiftIdentifier.escaped(swiftName), edmName: nav.name, type: type,
                                              isOptional: true, isNavigation: true,
                                              docLines: [DocLine(text: "Navigation to `\(model.entityTypes[target].qualifiedName)`; set when expanded (`$expand`).")]))
            codingKeys.append(CodingKeyContext(name: SwiftIdentifier.escaped(swiftName), wireName: SwiftIdentifier.stringLiteralBody(nav.name)))
        }
        let keys: [KeyPropertyContext] = t.key.enumerated().map { index, k in
            let swiftName = memberNames[k.alias ?? k.name] ?? memberNames[k.name] ?? SwiftIdentifier.memberName(k.alias ?? k.name)
            return KeyPropertyContext(name: SwiftIdentifier.escaped(swiftName), edmName: k.alias ?? k.name,
                                      type: swiftType(k.type) ?? SwiftTypeMapping.rawJSONType, isLast: index == t.key.count - 1)
        }
        let etagName = "odataEtag"
        var params = properties.map { p in
            (decl: p.isOptional ? "\(p.name): \(p.type) = nil" : "\(p.name): \(p.type)", name: p.name)
        }
        params.insert((decl: "\(etagName): String? = nil", name: etagName), at: 0)
        let setName = plan.entitySetOfType[i]
        return StructContext(
            name: entityNames[i] ?? t.name, edmName: t.qualifiedName, edmKind: "EntityType", isEntity: true,
            docLines: docLines(decl.annotations, remark: "- Remark: Generated from EntityType `\(t.qualifiedName)`."),
            properties: properties, keyProperties: keys, hasKey: !keys.isEmpty,
            entitySetName: setName, hasEntitySet: setName != nil, hasEtag: true, isOpen: t.isOpenType,
            initParameters: params.enumerated().map { InitParameterContext(declaration: $1.decl, name: $1.name, isLast: $0 == params.count - 1) },
            codingKeys: codingKeys)
    }

    private mutating func complexStruct(_ i: Int) -> StructContext {
        let t = model.complexTypes[i]
        let decl = model.csdl(t)
        var scope = NameScope(reserved: SwiftKeywords.reservedMemberNames)
        var properties: [PropertyContext] = []
        var codingKeys: [CodingKeyContext] = []
        for p in t.properties {
            let csdl = model.csdl(p, ofEntity: false)
            let swiftName = scope.claim(SwiftIdentifier.memberName(p.name))
            var base = swiftType(p.type) ?? SwiftTypeMapping.rawJSONType
            // A complex type that contains itself needs an indirection.
            if case .complex(let c) = p.type.kind, !p.type.isCollection, complexContains(c, i) { base = "Indirect<\(base)>" }
            properties.append(PropertyContext(name: SwiftIdentifier.escaped(swiftName), edmName: p.name, type: p.nullable ? base + "?" : base,
                                              isOptional: p.nullable, isNavigation: false,
                                              docLines: docLines(csdl.annotations, remark: nil)))
            codingKeys.append(CodingKeyContext(name: SwiftIdentifier.escaped(swiftName), wireName: SwiftIdentifier.stringLiteralBody(p.name)))
        }
        let params = properties.map { p in
            (decl: p.isOptional ? "\(p.name): \(p.type) = nil" : "\(p.name): \(p.type)", name: p.name)
        }
        return StructContext(
            name: complexNames[i] ?? t.name, edmName: t.qualifiedName, edmKind: "ComplexType", isEntity: false,
            docLines: docLines(decl.annotations, remark: "- Remark: Generated from ComplexType `\(t.qualifiedName)`."),
            properties: properties, keyProperties: [], hasKey: false, entitySetName: nil, hasEntitySet: false,
            hasEtag: false, isOpen: t.isOpenType,
            initParameters: params.enumerated().map { InitParameterContext(declaration: $1.decl, name: $1.name, isLast: $0 == params.count - 1) },
            codingKeys: codingKeys)
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
        var scope = NameScope(reserved: SwiftKeywords.reservedMemberNames.union(["unknown", "rawValue", "allKnownCases", "none", "some"]))
        var seen: Set<String> = []
        var members: [EnumMemberContext] = []
        for m in decl.members where seen.insert(m.name).inserted {
            let swiftName = scope.claim(SwiftIdentifier.memberName(m.name))
            members.append(EnumMemberContext(name: SwiftIdentifier.escaped(swiftName), edmName: SwiftIdentifier.stringLiteralBody(m.name),
                                             value: String(m.value), docLines: docLines(m.annotations, remark: nil), isLast: false))
        }
        if !members.isEmpty { members[members.count - 1].isLast = true }
        return EnumContext(name: enumNames[i] ?? e.name, edmName: e.qualifiedName, isFlags: e.isFlags,
                           docLines: docLines(decl.annotations, remark: "- Remark: Generated from EnumType `\(e.qualifiedName)`."),
                           members: members)
    }
}

/// Unique names within one scope (a module's types, a type's members): the first keeps the plain name, later
/// ones get a number, in the order they are claimed.
struct NameScope {
    private var used: Set<String>
    private let reserved: Set<String>

    init(reserved: Set<String>) {
        self.reserved = reserved
        used = []
    }

    mutating func claim(_ wanted: String) -> String {
        var candidate = reserved.contains(wanted) ? wanted + "_" : wanted
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = wanted + String(n)
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}

/// Swift spellings of EDM names.
enum SwiftIdentifier {
    /// UpperCamelCase type name.
    static func typeName(_ edm: String) -> String {
        let cleaned = sanitize(edm)
        guard let first = cleaned.first else { return "Unnamed" }
        return first.uppercased() + cleaned.dropFirst()
    }

    /// lowerCamelCase member name: a leading run of capitals is lowered (`ID` → `id`, `URLValue` → `urlValue`).
    static func memberName(_ edm: String) -> String {
        let cleaned = sanitize(edm)
        let chars = Array(cleaned)
        guard !chars.isEmpty else { return "unnamed" }
        var upperRun = 0
        while upperRun < chars.count && chars[upperRun].isUppercase { upperRun += 1 }
        if upperRun == 0 { return cleaned }
        if upperRun == chars.count { return cleaned.lowercased() }
        let lowerCount = upperRun == 1 ? 1 : upperRun - 1
        return String(chars[..<lowerCount]).lowercased() + String(chars[lowerCount...])
    }

    /// Replaces characters Swift does not allow in identifiers and makes a leading digit valid.
    static func sanitize(_ edm: String) -> String {
        var out = ""
        var upperNext = false
        for scalar in edm.unicodeScalars {
            let allowed = scalar == "_" || (scalar.properties.isAlphabetic && !scalar.properties.isWhitespace)
                || scalar.properties.numericType == .decimal
            if allowed {
                out.unicodeScalars.append(upperNext ? Unicode.Scalar(String(scalar).uppercased().unicodeScalars.first!.value) ?? scalar : scalar)
                upperNext = false
            } else {
                upperNext = !out.isEmpty
            }
        }
        while out.hasPrefix("_") && out.count > 1 && !(out.dropFirst().first?.isNumber ?? false) { out.removeFirst() }
        if let first = out.unicodeScalars.first, first.properties.numericType == .decimal { out = "_" + out }
        return out
    }

    /// Backticks for names that are keywords in member position.
    static func escaped(_ name: String) -> String {
        SwiftKeywords.isReserved(name) ? "`\(name)`" : name
    }

    /// The body of a Swift string literal holding `text`.
    static func stringLiteralBody(_ text: String) -> String {
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
