import ODataCSDL

extension Translator {
    /// Members of the runtime query types that generated operation methods must not take.
    static let queryMemberNames: Set<String> = [
        "context", "path", "options", "url", "entityURL", "countURL", "filter", "select", "expand", "orderBy", "top",
        "skip", "count", "option", "key", "crossCompany", "navigate", "fetch", "firstPage", "all", "create", "update",
        "delete", "invoke", "batch", "client", "serviceRoot", "request", "batchRequest", "createRequest", "updateRequest",
        "deleteRequest", "method", "body", "decodeResult", "basePath", "name", "isAction", "resultInValue",
    ]

    /// The service type: one member per selected entity set and singleton, a method per operation import, and the
    /// bound operations grouped by binding type.
    public mutating func service() -> ServiceContext {
        let containerName = model.document.schemas.lazy.flatMap { s in s.entityContainers.map { s.namespace + "." + $0.name } }.first
            ?? "Container"
        let simpleContainer = String(containerName.split(separator: ".").last ?? "Container")
        var typeName = options.serviceName ?? namer.resolve([simpleContainer], in: .types(of: "service")).names[0].identifier
        let taken = Set(entityNames.values).union(complexNames.values).union(enumNames.values)
        while options.serviceName == nil && taken.contains(typeName) { typeName += "Service" }

        // Members: entity sets, singletons, imports share one scope.
        let sets = plan.entitySets.filter { entityNames[model.entitySets[$0].entityType] != nil }
        let singletons = plan.singletons.filter { entityNames[model.singletons[$0].entityType] != nil }
        let imports = plan.operationImports
        let names = memberNames(sets.map { model.entitySets[$0].name } + singletons.map { model.singletons[$0].name }
                                    + imports.map { model.operationImports[$0].name },
                                scope: NamingScope(containerName, role: .containerMembers,
                                                   additionalReservedNames: Translator.queryMemberNames))
        var members: [ServiceMemberContext] = []
        for (k, i) in sets.enumerated() {
            let set = model.entitySets[i]
            guard let entity = entityNames[set.entityType] else { continue }
            let type = "ODataQuery<\(entity), \(entity)>"
            members.append(ServiceMemberContext(name: names.count > k ? names[k].escaped : set.name, edmName: set.name, edmKind: "EntitySet", type: type,
                                                initializer: "\(type)(context: context, entitySet: \"\(SwiftLiteral.stringBody(set.name))\")"))
        }
        for (k, i) in singletons.enumerated() {
            let single = model.singletons[i]
            guard let entity = entityNames[single.entityType] else { continue }
            let type = "ODataEntityRequest<\(entity), \(entity)>"
            members.append(ServiceMemberContext(name: names[sets.count + k].escaped, edmName: single.name, edmKind: "Singleton", type: type,
                                                initializer: "\(type)(context: context, path: ODataURLEncoding.pathSegment(\"\(SwiftLiteral.stringBody(single.name))\"))"))
        }
        var importContexts: [OperationContext] = []
        for (k, i) in imports.enumerated() {
            let imp = model.operationImports[i]
            // Overloads of an imported function share the import name; the first one is generated.
            guard let op = imp.operations.first else { continue }
            if let context = operationContext(op, methodName: names[sets.count + singletons.count + k].escaped, urlName: imp.name) {
                importContexts.append(context)
            }
        }

        // Bound operations, grouped by (entity type, collection or single), in model order of first appearance.
        var groups: [(entity: Int, collection: Bool, ops: [Int])] = []
        for o in plan.operations {
            let op = model.operations[o]
            guard op.isBound, let binding = op.bindingParameter, case .entity(let e) = binding.type.kind, entityNames[e] != nil else { continue }
            if let g = groups.firstIndex(where: { $0.entity == e && $0.collection == binding.type.isCollection }) {
                groups[g].ops.append(o)
            } else {
                groups.append((e, binding.type.isCollection, [o]))
            }
        }
        var groupContexts: [OperationGroupContext] = []
        for g in groups {
            guard let entity = entityNames[g.entity] else { continue }
            let extended = g.collection ? "ODataQuery" : "ODataEntityRequest"
            let opNames = memberNames(g.ops.map { model.operations[$0].name },
                                      scope: NamingScope("\(extended)<\(entity)>", role: .operations,
                                                         additionalReservedNames: Translator.queryMemberNames))
            var ops: [OperationContext] = []
            for (k, o) in g.ops.enumerated() {
                if let c = operationContext(o, methodName: opNames[k].escaped, urlName: model.operations[o].qualifiedName) { ops.append(c) }
            }
            if !ops.isEmpty { groupContexts.append(OperationGroupContext(extendedType: extended, entityName: entity, operations: ops)) }
        }
        return ServiceContext(name: typeName, containerName: containerName, profileType: profileType, members: members,
                              imports: importContexts, boundGroups: groupContexts)
    }

    /// The method for one operation, or nil (with a note) when a parameter or the result has no Swift form here.
    private mutating func operationContext(_ o: Int, methodName: String, urlName: String) -> OperationContext? {
        let op = model.operations[o]
        let isAction = op.kind == .action
        let params = op.isBound ? Array(op.parameters.dropFirst()) : op.parameters
        let paramNames = memberNames(params.map(\.name), scope: NamingScope(op.qualifiedName, role: .parameters,
                                                                            additionalReservedNames: ["operation"]))
        var parameters: [ParameterContext] = []
        for (k, p) in params.enumerated() {
            guard let type = swiftType(p.type), isAction || hasURLLiteral(p.type) else {
                notes.append(Diagnostic(.note, "\(op.kind.rawValue.lowercased()) \(op.qualifiedName) is not generated: its parameter \(p.name) has no Swift \(isAction ? "type" : "URL literal") in this generator",
                                        file: options.inputName, line: 0, column: 0))
                return nil
            }
            let name = paramNames[k].escaped
            parameters.append(ParameterContext(name: name, edmName: SwiftLiteral.stringBody(p.name),
                                               declaration: p.nullable ? "\(name): \(type)? = nil" : "\(name): \(type)",
                                               isLast: k == params.count - 1))
        }
        var resultType = "ODataVoid"
        var inValue = false
        if let r = op.returnType {
            guard let type = swiftType(r.type) else {
                notes.append(Diagnostic(.note, "\(op.kind.rawValue.lowercased()) \(op.qualifiedName) is not generated: its result type is not generated",
                                        file: options.inputName, line: 0, column: 0))
                return nil
            }
            switch r.type.kind {
            case .entity, .complex: inValue = r.type.isCollection
            default: inValue = true
            }
            resultType = r.nullable && !r.type.isCollection ? type + "?" : type
        }
        let binding = op.bindingParameter.map { " bound to `\($0.type.isCollection ? "Collection(" : "")\(model.normalize(qualifiedTypeName($0.type)))\($0.type.isCollection ? ")" : "")`" } ?? ""
        return OperationContext(name: methodName, edmName: SwiftLiteral.stringBody(urlName), edmKind: op.kind.rawValue,
                                isAction: isAction, resultType: resultType, resultInValue: inValue, parameters: parameters,
                                hasParameters: !parameters.isEmpty,
                                docLines: [DocLine(text: "\(op.kind.rawValue) `\(op.qualifiedName)`\(binding).")],
                                basePath: op.isBound ? "self.path" : "\"\"")
    }

    private func qualifiedTypeName(_ ref: EDMTypeRef) -> String {
        switch ref.kind {
        case .entity(let i): return model.entityTypes[i].qualifiedName
        case .complex(let i): return model.complexTypes[i].qualifiedName
        case .enumeration(let i): return model.enumTypes[i].qualifiedName
        case .definition(let i): return model.typeDefinitions[i].qualifiedName
        case .primitive(let p): return p.qualifiedName
        }
    }
}
