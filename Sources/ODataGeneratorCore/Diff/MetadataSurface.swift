import ODataCSDL

/// What the generated Swift code of a model depends on, in a form two documents can be compared by: every element
/// keyed by its name (qualified names with aliases resolved), every type reference as a CSDL type name. Built from a
/// resolved model, optionally restricted to a selection (its closure, and only the navigation it keeps).
struct MetadataSurface: Sendable {
    struct Property: Sendable, Equatable {
        var name: String
        var type: String
        var nullable: Bool
        var facets: String
    }

    struct Navigation: Sendable, Equatable {
        var name: String
        var type: String
        var nullable: Bool
    }

    struct StructuredType: Sendable {
        var qualifiedName: String
        var name: String
        var isEntity: Bool
        var isOpenType: Bool
        var baseType: String?
        var key: [String]
        var properties: [Property]
        var navigation: [Navigation]
    }

    struct EnumType: Sendable {
        var qualifiedName: String
        var name: String
        var underlyingType: String
        var isFlags: Bool
        var members: [(name: String, value: Int64)]
    }

    struct TypeDefinition: Sendable {
        var qualifiedName: String
        var name: String
        var underlyingType: String
        var facets: String
    }

    struct Parameter: Sendable, Equatable {
        var name: String
        var type: String
        var nullable: Bool
        var facets: String
    }

    struct Operation: Sendable {
        var isAction: Bool
        var qualifiedName: String
        var name: String
        /// The binding parameter's type name; nil when unbound.
        var binding: String?
        /// Non-binding parameters in order.
        var parameters: [Parameter]
        var returnType: Parameter?
        /// Sorted non-binding parameter names: what tells function overloads apart.
        var signature: String { parameters.map(\.name).sorted().joined(separator: ",") }
    }

    struct Member: Sendable {
        var name: String
        var entityType: String
    }

    struct Import: Sendable {
        var name: String
        var isAction: Bool
        var operation: String
        var entitySet: String?
    }

    var entitySets: [String: Member] = [:]
    var singletons: [String: Member] = [:]
    var structuredTypes: [String: StructuredType] = [:]
    var enumTypes: [String: EnumType] = [:]
    var typeDefinitions: [String: TypeDefinition] = [:]
    var operations: [OperationKey: [Operation]] = [:]
    var imports: [String: Import] = [:]

    /// Operations are matched by kind, qualified name and binding type; overloads within a key by their signature.
    struct OperationKey: Hashable, Sendable, Comparable {
        var isAction: Bool
        var qualifiedName: String
        var binding: String?

        static func < (a: OperationKey, b: OperationKey) -> Bool {
            (a.qualifiedName, a.binding ?? "", a.isAction ? 0 : 1) < (b.qualifiedName, b.binding ?? "", b.isAction ? 0 : 1)
        }
    }

    init(model: EDMModel, selection: SelectionResult?) {
        let keptNavigation: Set<EDMNavigationRef>? = selection.map { s in
            Set(s.navigation.filter(\.isKept).map(\.navigationProperty))
        }
        func all(_ count: Int) -> [Int] { Array(0..<count) }
        let entityTypes = selection?.entityTypes ?? all(model.entityTypes.count)
        let complexTypes = selection?.complexTypes ?? all(model.complexTypes.count)
        let enumTypes = selection?.enumTypes ?? all(model.enumTypes.count)
        let typeDefinitions = selection?.typeDefinitions ?? all(model.typeDefinitions.count)
        let entitySets = selection?.entitySets ?? all(model.entitySets.count)
        let singletons = selection?.singletons ?? all(model.singletons.count)
        let operations = selection?.operations ?? all(model.operations.count)
        let imports = selection?.operationImports ?? all(model.operationImports.count)

        func facets(_ f: CSDLFacets) -> String {
            var parts: [String] = []
            switch f.maxLength {
            case .max?: parts.append("MaxLength=max")
            case .value(let n)?: parts.append("MaxLength=\(n)")
            case nil: break
            }
            if let p = f.precision { parts.append("Precision=\(p)") }
            switch f.scale {
            case .variable?: parts.append("Scale=variable")
            case .floating?: parts.append("Scale=floating")
            case .value(let n)?: parts.append("Scale=\(n)")
            case nil: break
            }
            if let s = f.srid { parts.append("SRID=\(s)") }
            if let u = f.unicode { parts.append("Unicode=\(u)") }
            return parts.joined(separator: " ")
        }
        func navigation(_ navs: [EDMNavigationProperty], isEntity: Bool, owner: Int) -> [Navigation] {
            navs.enumerated().compactMap { n, nav in
                if let keptNavigation,
                   !keptNavigation.contains(EDMNavigationRef(ownerIsEntity: isEntity, owner: owner, index: n)) {
                    return nil
                }
                let target = nav.target.map { model.entityTypes[$0].qualifiedName } ?? "Edm.EntityType"
                return Navigation(name: nav.name, type: nav.isCollection ? "Collection(\(target))" : target,
                                  nullable: nav.nullable)
            }
        }
        for i in entityTypes {
            let t = model.entityTypes[i]
            let properties = t.properties.map { p in
                Property(name: p.name, type: model.typeName(p.type), nullable: p.nullable,
                         facets: facets(model.csdl(p, ofEntity: true).facets))
            }
            structuredTypes[t.qualifiedName] = StructuredType(
                qualifiedName: t.qualifiedName, name: t.name, isEntity: true, isOpenType: t.isOpenType,
                baseType: t.baseType.map { model.entityTypes[$0].qualifiedName },
                key: t.key.map { $0.alias ?? $0.name }, properties: properties,
                navigation: navigation(t.navigationProperties, isEntity: true, owner: i))
        }
        for i in complexTypes {
            let t = model.complexTypes[i]
            let properties = t.properties.map { p in
                Property(name: p.name, type: model.typeName(p.type), nullable: p.nullable,
                         facets: facets(model.csdl(p, ofEntity: false).facets))
            }
            // An entity type and a complex type of one name cannot both exist (the reader rejects it).
            structuredTypes[t.qualifiedName] = StructuredType(
                qualifiedName: t.qualifiedName, name: t.name, isEntity: false, isOpenType: t.isOpenType,
                baseType: t.baseType.map { model.complexTypes[$0].qualifiedName },
                key: [], properties: properties,
                navigation: navigation(t.navigationProperties, isEntity: false, owner: i))
        }
        for i in enumTypes {
            let t = model.enumTypes[i]
            let csdl = model.csdl(t)
            self.enumTypes[t.qualifiedName] = EnumType(
                qualifiedName: t.qualifiedName, name: t.name, underlyingType: t.underlyingType.qualifiedName,
                isFlags: t.isFlags, members: csdl.members.map { ($0.name, $0.value) })
        }
        for i in typeDefinitions {
            let t = model.typeDefinitions[i]
            let csdl = model.document.schemas[t.declaration.schema].typeDefinitions[t.declaration.index]
            self.typeDefinitions[t.qualifiedName] = TypeDefinition(
                qualifiedName: t.qualifiedName, name: t.name, underlyingType: t.underlyingType.qualifiedName,
                facets: facets(csdl.facets))
        }
        for i in entitySets {
            let s = model.entitySets[i]
            if self.entitySets[s.name] == nil {
                self.entitySets[s.name] = Member(name: s.name, entityType: model.entityTypes[s.entityType].qualifiedName)
            }
        }
        for i in singletons {
            let s = model.singletons[i]
            if self.singletons[s.name] == nil {
                self.singletons[s.name] = Member(name: s.name, entityType: model.entityTypes[s.entityType].qualifiedName)
            }
        }
        for i in operations {
            let op = model.operations[i]
            let csdl = op.kind == .action
                ? model.document.schemas[op.declaration.schema].actions[op.declaration.index]
                : model.document.schemas[op.declaration.schema].functions[op.declaration.index]
            let offset = op.isBound ? 1 : 0
            var parameters: [Parameter] = []
            for (n, p) in op.parameters.enumerated() where n >= offset {
                // By name: a parameter the resolver set aside would shift positions.
                let f = csdl.parameters.first { $0.name == p.name }.map { facets($0.facets) } ?? ""
                parameters.append(Parameter(name: p.name, type: model.typeName(p.type), nullable: p.nullable, facets: f))
            }
            let returnType = op.returnType.map { r in
                Parameter(name: "", type: model.typeName(r.type), nullable: r.nullable,
                          facets: csdl.returnType.map { facets($0.facets) } ?? "")
            }
            let binding = op.bindingParameter.map { model.typeName($0.type) }
            let operation = Operation(isAction: op.kind == .action, qualifiedName: op.qualifiedName, name: op.name,
                                      binding: binding, parameters: parameters, returnType: returnType)
            self.operations[OperationKey(isAction: operation.isAction, qualifiedName: op.qualifiedName, binding: binding),
                            default: []].append(operation)
        }
        for i in imports {
            let imp = model.operationImports[i]
            if self.imports[imp.name] != nil { continue }
            let operation = imp.operations.first.map { model.operations[$0].qualifiedName } ?? ""
            self.imports[imp.name] = Import(name: imp.name, isAction: imp.kind == .action, operation: operation,
                                            entitySet: imp.entitySet.map { model.entitySets[$0].name })
        }
    }
}
