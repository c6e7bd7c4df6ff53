import ODataCSDL

/// Builds the `APIDescription` of a selection: the operations of every selected entity set and the selected
/// actions, and the definitions of the entity and complex types they use (without navigation properties).
struct APIBuilder {
    let model: EDMModel
    let selection: SelectionResult
    let options: ConnectorOptions
    var notes: [Diagnostic] = []

    static let labelTerm = "Microsoft.Dynamics.OData.Core.V1.LabelId"
    static let readOnlyTerm = "Microsoft.Dynamics.OData.Core.V1.IsReadOnly"
    static let descriptionTerm = "Org.OData.Core.V1.Description"
    static let capabilities = "Org.OData.Capabilities.V1."

    /// Definition name of each selected entity type (by index).
    private var entityNames: [Int: String] = [:]
    /// Definition name of each selected complex type (by index).
    private var complexNames: [Int: String] = [:]
    /// Complex-type properties that would close a `$ref` cycle: (complex type, property index).
    private var cycleBreaks: Set<[Int]> = []

    init(model: EDMModel, selection: SelectionResult, options: ConnectorOptions) {
        self.model = model
        self.selection = selection
        self.options = options
        nameDefinitions()
        findComplexCycles()
    }

    // MARK: Annotations

    /// The term of an annotation with aliases replaced by namespaces.
    private func term(_ a: CSDLAnnotation) -> String { model.normalize(a.term) }

    /// F&O label text (not a label ID such as `@SYS13342` or `@PayInt:Label`), or nil.
    func label(_ annotations: [CSDLAnnotation]) -> String? {
        guard let text = annotations.first(where: { term($0) == Self.labelTerm })?.value?.text else { return nil }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty || trimmed.hasPrefix("@") ? nil : trimmed
    }

    /// `Core.Description`, or nil.
    func coreDescription(_ annotations: [CSDLAnnotation]) -> String? {
        guard let text = annotations.first(where: { term($0) == Self.descriptionTerm })?.value?.text else { return nil }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The annotations of an entity set: inline, and in `Annotations` elements targeting `Container/Set`.
    func annotations(ofEntitySet set: EDMEntitySet) -> [CSDLAnnotation] {
        var result: [CSDLAnnotation] = []
        let containerName = set.container.split(separator: ".").last.map(String.init) ?? set.container
        for schema in model.document.schemas {
            for container in schema.entityContainers
            where schema.namespace + "." + container.name == set.container || container.name == set.container {
                for s in container.entitySets where s.name == set.name { result += s.annotations }
            }
            for group in schema.annotationGroups where group.qualifier == nil {
                let target = model.normalize(group.target.split(separator: "/").first.map(String.init) ?? "")
                let rest = group.target.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init)
                if rest == set.name, target == set.container || target == containerName {
                    result += group.annotations
                }
            }
        }
        return result
    }

    /// `Capabilities.<term>/<property>` as a Boolean, when annotated.
    func capability(_ annotations: [CSDLAnnotation], _ termName: String, _ property: String) -> Bool? {
        guard let a = annotations.first(where: { term($0) == Self.capabilities + termName && $0.qualifier == nil }),
              case .record(let record)? = a.value,
              let value = record.propertyValues.first(where: { $0.property == property })?.value else { return nil }
        return value.boolValue
    }

    /// True when the entity type is annotated read-only (F&O `IsReadOnly`).
    func isReadOnly(entityType t: EDMEntityType) -> Bool {
        model.csdl(t).annotations.contains { term($0) == Self.readOnlyTerm && $0.boolValue == true }
    }

    // MARK: Definitions

    private mutating func nameDefinitions() {
        var simpleCount: [String: Int] = [:]
        for i in selection.entityTypes { simpleCount[APIText.pascal(model.entityTypes[i].name), default: 0] += 1 }
        for i in selection.complexTypes { simpleCount[APIText.pascal(model.complexTypes[i].name), default: 0] += 1 }
        func name(_ simple: String, _ qualified: String) -> String {
            let p = APIText.pascal(simple)
            return simpleCount[p, default: 0] > 1 ? APIText.pascal(qualified.replacingDots) : p
        }
        for i in selection.entityTypes { entityNames[i] = name(model.entityTypes[i].name, model.entityTypes[i].qualifiedName) }
        for i in selection.complexTypes { complexNames[i] = name(model.complexTypes[i].name, model.complexTypes[i].qualifiedName) }
    }

    /// Marks the complex-typed properties that would close a cycle of definitions (depth-first, in model order).
    private mutating func findComplexCycles() {
        var state: [Int: Int] = [:]  // 1 = on the stack, 2 = done
        func visit(_ c: Int) {
            state[c] = 1
            for (p, prop) in model.complexTypes[c].properties.enumerated() {
                guard case .complex(let target) = prop.type.kind, complexNames[target] != nil else { continue }
                switch state[target] {
                case 1: cycleBreaks.insert([c, p])
                case nil: visit(target)
                default: break
                }
            }
            state[c] = 2
        }
        for c in selection.complexTypes where state[c] == nil { visit(c) }
    }

    /// The schema of a type reference (a collection as an array).
    func schema(_ ref: EDMTypeRef) -> APISchema {
        let item = itemSchema(ref.kind)
        return ref.isCollection ? .array(item) : item
    }

    private func itemSchema(_ kind: EDMTypeKind) -> APISchema {
        switch kind {
        case .primitive(let p): return primitive(p)
        case .definition(let i): return primitive(model.typeDefinitions[i].underlyingType)
        case .enumeration(let i):
            let e = model.enumTypes[i]
            if e.isFlags { return .primitive(type: "string", format: nil, enumValues: nil) }
            return .primitive(type: "string", format: nil, enumValues: model.csdl(e).members.map(\.name))
        case .complex(let i): return complexNames[i].map { .ref($0) } ?? .anyObject
        case .entity(let i): return entityNames[i].map { .ref($0) } ?? .anyObject
        }
    }

    func primitive(_ p: EDMPrimitive) -> APISchema {
        switch p {
        case .string, .duration, .timeOfDay: return .primitive(type: "string", format: nil, enumValues: nil)
        case .boolean: return .primitive(type: "boolean", format: nil, enumValues: nil)
        case .byte, .sByte, .int16, .int32: return .primitive(type: "integer", format: "int32", enumValues: nil)
        case .int64: return .primitive(type: "integer", format: "int64", enumValues: nil)
        case .decimal, .double: return .primitive(type: "number", format: "double", enumValues: nil)
        case .single: return .primitive(type: "number", format: "float", enumValues: nil)
        case .date: return .primitive(type: "string", format: "date", enumValues: nil)
        case .dateTimeOffset: return .primitive(type: "string", format: "date-time", enumValues: nil)
        case .guid: return .primitive(type: "string", format: "uuid", enumValues: nil)
        case .binary: return .primitive(type: "string", format: "byte", enumValues: nil)
        default: return .anyObject
        }
    }

    /// The definitions of the selected entity and complex types (structural properties only), with their
    /// descriptions, and the collection wrapper of each entity type.
    func definitions() -> (schemas: [String: APISchema], descriptions: [String: String]) {
        var schemas: [String: APISchema] = [:]
        var descriptions: [String: String] = [:]
        for i in selection.entityTypes {
            let t = model.entityTypes[i]
            let keyNames = Set(t.key.map(\.name))
            var props: [APIProperty] = [APIProperty(name: "@odata.etag", schema: .primitive(type: "string", format: nil, enumValues: nil),
                                                    summary: "ETag", description: "The version of the record, for If-Match.",
                                                    visibility: "internal", readOnly: true)]
            for p in t.properties {
                if case .primitive(.stream) = p.type.kind { continue }
                props.append(property(p, csdl: model.csdl(p, ofEntity: true), owner: t.name, isKey: keyNames.contains(p.name),
                                      breakCycle: false))
            }
            let name = entityNames[i]!
            schemas[name] = .object(props)
            let decl = model.csdl(t)
            descriptions[name] = coreDescription(decl.annotations) ?? label(decl.annotations).map { "\($0) (\(t.qualifiedName))." }
                ?? "\(t.qualifiedName)."
            let page = collectionName(name)
            schemas[page] = .object([
                APIProperty(name: "value", schema: .array(.ref(name)), summary: "Records"),
                APIProperty(name: "@odata.nextLink", schema: .primitive(type: "string", format: nil, enumValues: nil),
                            summary: "Next page link", visibility: "internal"),
                APIProperty(name: "@odata.count", schema: .primitive(type: "integer", format: "int64", enumValues: nil),
                            summary: "Total count", visibility: "advanced"),
            ])
            descriptions[page] = "A page of \(name) records; more follow when @odata.nextLink is present."
        }
        for i in selection.complexTypes {
            let t = model.complexTypes[i]
            var props: [APIProperty] = []
            for (n, p) in t.properties.enumerated() {
                if case .primitive(.stream) = p.type.kind { continue }
                props.append(property(p, csdl: model.csdl(p, ofEntity: false), owner: t.name, isKey: false,
                                      breakCycle: cycleBreaks.contains([i, n])))
            }
            let name = complexNames[i]!
            schemas[name] = .object(props)
            let decl = model.csdl(t)
            descriptions[name] = coreDescription(decl.annotations) ?? label(decl.annotations).map { "\($0) (\(t.qualifiedName))." }
                ?? "\(t.qualifiedName)."
        }
        return (schemas, descriptions)
    }

    /// The name of the page definition of an entity definition (`CustomerV3Collection`), kept clear of type names.
    func collectionName(_ name: String) -> String {
        var page = name + "Collection"
        let taken = Set(entityNames.values).union(complexNames.values)
        while taken.contains(page) { page += "Page" }
        return page
    }

    private func property(_ p: EDMProperty, csdl: CSDLProperty, owner: String, isKey: Bool, breakCycle: Bool) -> APIProperty {
        let labelText = label(csdl.annotations)
        var visibility = isKey || p.name.contains("Name") || p.name.contains("Description") ? "important" : "advanced"
        if let v = options.visibilityOverride([p.name, owner + "." + p.name]) { visibility = v }
        var s = breakCycle ? (p.type.isCollection ? .array(.anyObject) : .anyObject) : schema(p.type)
        if case .primitive = s, case .definition = p.type.kind, p.type.isCollection == false { s = schema(p.type) }
        return APIProperty(name: p.name, schema: s, nullable: p.nullable && !isKey && !p.type.isCollection,
                           summary: labelText ?? APIText.humanized(p.name),
                           description: coreDescription(csdl.annotations) ?? labelText.map { "\($0) (\(p.name))." },
                           visibility: visibility)
    }

    func entityName(_ i: Int) -> String? { entityNames[i] }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    var replacingDots: String { String(map { $0 == "." ? "_" : $0 }) }
}
