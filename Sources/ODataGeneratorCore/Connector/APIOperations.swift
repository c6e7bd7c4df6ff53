import ODataCSDL

extension APIBuilder {
    /// The shared query and header parameters.
    static func sharedParameters(financeAndOperations: Bool) -> [String: APIParameter] {
        func string(_ name: String, _ summary: String, _ description: String, _ visibility: String) -> APIParameter {
            APIParameter(name: name, location: .query, required: false, schema: .primitive(type: "string", format: nil, enumValues: nil),
                         summary: summary, description: description, visibility: visibility)
        }
        var enumHint = ""
        if financeAndOperations {
            enumHint = " Enum values are qualified, for example Microsoft.Dynamics.DataEntities.NoYes'Yes'; use eq with a wildcard ('*retail*') instead of contains."
        }
        var p: [String: APIParameter] = [
            "filter": string("$filter", "Filter Query", "An OData filter, for example Name eq 'Contoso'." + enumHint, "important"),
            "select": string("$select", "Select Query", "Comma-separated list of the fields to return.", "advanced"),
            "orderby": string("$orderby", "Order By", "Comma-separated list of fields, each optionally followed by desc.", "advanced"),
            "top": APIParameter(name: "$top", location: .query, required: false, schema: .primitive(type: "integer", format: "int32", enumValues: nil),
                                summary: "Top Count", description: "The maximum number of records to return.", visibility: "advanced", minimum: 0),
            "skip": APIParameter(name: "$skip", location: .query, required: false, schema: .primitive(type: "integer", format: "int32", enumValues: nil),
                                 summary: "Skip Count", description: "The number of records to skip.", visibility: "advanced", minimum: 0),
            "count": APIParameter(name: "$count", location: .query, required: false, schema: .primitive(type: "boolean", format: nil, enumValues: nil),
                                  summary: "Include Count", description: "Set to true to return the total number of matching records in @odata.count.",
                                  visibility: "advanced"),
            "ifMatch": APIParameter(name: "If-Match", location: .header, required: true, schema: .primitive(type: "string", format: nil, enumValues: nil),
                                    summary: "ETag", description: "The @odata.etag of the record, or * to overwrite whatever version is stored.",
                                    visibility: "advanced", defaultValue: "*"),
        ]
        if financeAndOperations {
            p["crossCompany"] = APIParameter(
                name: "cross-company", location: .query, required: false, schema: .primitive(type: "boolean", format: nil, enumValues: nil),
                summary: "Cross Company", description: "Set to true to read or address records of legal entities other than your default company.",
                visibility: "advanced")
        }
        return p
    }

    /// The whole description of the selection.
    mutating func build(title: String, description: String, host: String, tenant: String) -> APIDescription {
        let fno = options.financeAndOperations
        let (definitions, definitionDescriptions) = self.definitions()
        var groups: [APIGroup] = []
        var seenPaths: [String: String] = [:]
        // How many entity sets of the whole model use each entity type: Get/Create/Update/Delete<EntityType> when one.
        var setsPerType: [Int: Int] = [:]
        for s in model.entitySets { setsPerType[s.entityType, default: 0] += 1 }
        let includeBound = options.actions == .all || options.actions == .bound
        let includeUnbound = options.actions == .all || options.actions == .unbound

        for s in selection.entitySets {
            let set = model.entitySets[s]
            let t = model.entityTypes[set.entityType]
            guard let defName = entityName(set.entityType) else { continue }
            let base = "/" + set.name
            if let other = seenPaths[base.lowercased()] {
                notes.append(Diagnostic(.warning, "entity set \(set.name) is left out of the connector: its path differs from \(other)'s only in case",
                                        file: model.document.file, at: set.location))
                continue
            }
            seenPaths[base.lowercased()] = set.name
            let setAnnotations = annotations(ofEntitySet: set)
            let typeLabel = label(model.csdl(t).annotations)
            let readOnly = isReadOnly(entityType: t)
            let setWords = APIText.humanized(set.name)
            let about = typeLabel.map { " (\($0))" } ?? ""
            var wanted = options.operations(forEntitySet: set.name)
            if readOnly {
                wanted.removeAll { [.create, .update, .delete].contains($0) }
            }
            for (op, termName, property) in [(ConnectorConfig.Operation.create, "InsertRestrictions", "Insertable"),
                                              (.update, "UpdateRestrictions", "Updatable"), (.delete, "DeleteRestrictions", "Deletable")]
            where wanted.contains(op) && capability(setAnnotations, termName, property) == false {
                wanted.removeAll { $0 == op }
            }
            if t.key.isEmpty { wanted.removeAll { [.get, .update, .delete].contains($0) } }
            let single = setsPerType[set.entityType, default: 0] == 1 ? APIText.pascal(t.name) : APIText.pascal(set.name)
            let keyPath = keyPredicate(t)
            let keyParams = keyPath.parameters.map { APIParameterUse.inline($0) }
            let cc: [APIParameterUse] = fno ? [.shared("crossCompany")] : []
            let itemPath = base + keyPath.predicate
            var ops: [APIOperation] = []
            func visibility(_ id: String, _ fallback: String) -> String { options.visibilityOverride([id]) ?? fallback }
            for op in wanted {
                switch op {
                case .list:
                    let id = "List" + APIText.pascal(set.name)
                    ops.append(APIOperation(
                        path: base, method: "get", id: id, stableKey: "GET " + base,
                        summary: APIText.summary("List " + setWords),
                        description: "Lists the records of the \(set.name) entity set\(about), a page at a time; filter, select, sort and page with the OData query options.",
                        visibility: visibility(id, "important"),
                        parameters: [.shared("filter"), .shared("select"), .shared("orderby"), .shared("top"), .shared("skip"), .shared("count")] + cc,
                        body: nil, responseCode: 200, responseDescription: "A page of \(set.name) records.",
                        responseSchema: .ref(collectionName(defName)), pageable: true))
                case .get:
                    let id = "Get" + single
                    ops.append(APIOperation(
                        path: itemPath, method: "get", id: id, stableKey: "GET " + itemPath,
                        summary: APIText.summary("Get a record of " + setWords),
                        description: "Reads one record of the \(set.name) entity set\(about) by its key.",
                        visibility: visibility(id, "important"), parameters: keyParams + [.shared("select")] + cc,
                        body: nil, responseCode: 200, responseDescription: "The \(set.name) record.",
                        responseSchema: .ref(defName), pageable: false))
                case .create:
                    let id = "Create" + single
                    ops.append(APIOperation(
                        path: base, method: "post", id: id, stableKey: "POST " + base,
                        summary: APIText.summary("Create a record of " + setWords),
                        description: "Creates a record in the \(set.name) entity set\(about)." + (fno ? " Set dataAreaId to create it in a given legal entity." : ""),
                        visibility: visibility(id, "important"), parameters: [],
                        body: (.ref(defName), "The record to create."), responseCode: 201,
                        responseDescription: "The created record.", responseSchema: .ref(defName), pageable: false))
                case .update:
                    let id = "Update" + single
                    ops.append(APIOperation(
                        path: itemPath, method: "patch", id: id, stableKey: "PATCH " + itemPath,
                        summary: APIText.summary("Update a record of " + setWords),
                        description: "Updates the fields given in the body of one record of the \(set.name) entity set\(about).",
                        visibility: visibility(id, "important"), parameters: keyParams + cc + [.shared("ifMatch")],
                        body: (.ref(defName), "The fields to change."), responseCode: 204,
                        responseDescription: "Updated.", responseSchema: nil, pageable: false))
                case .delete:
                    let id = "Delete" + single
                    ops.append(APIOperation(
                        path: itemPath, method: "delete", id: id, stableKey: "DELETE " + itemPath,
                        summary: APIText.summary("Delete a record of " + setWords),
                        description: "Deletes one record of the \(set.name) entity set\(about).",
                        visibility: visibility(id, "advanced"), parameters: keyParams + cc + [.shared("ifMatch")],
                        body: nil, responseCode: 204, responseDescription: "Deleted.", responseSchema: nil, pageable: false))
                }
            }
            if includeBound {
                for o in selection.operations {
                    let operation = model.operations[o]
                    guard operation.kind == .action, let binding = operation.bindingParameter,
                          case .entity(let bound) = binding.type.kind, bound == set.entityType else { continue }
                    if !binding.type.isCollection && t.key.isEmpty { continue }
                    let path = (binding.type.isCollection ? base : itemPath) + "/" + operation.qualifiedName
                    let id = APIText.pascal(set.name) + APIText.pascal(operation.name)
                    let params = binding.type.isCollection ? cc : keyParams + cc
                    ops.append(action(operation, path: path, id: id, parameters: params,
                                      summary: APIText.humanized(operation.name) + " on " + (binding.type.isCollection ? setWords : "a record of " + setWords),
                                      target: binding.type.isCollection ? "the \(set.name) entity set" : "one record of the \(set.name) entity set"))
                }
            }
            groups.append(APIGroup(name: set.name, operations: ops))
        }
        if includeUnbound {
            var ops: [APIOperation] = []
            for i in selection.operationImports {
                let imp = model.operationImports[i]
                guard imp.kind == .action, let o = imp.operations.first else { continue }
                let path = "/" + imp.name
                if let other = seenPaths[path.lowercased()] {
                    notes.append(Diagnostic(.warning, "action import \(imp.name) is left out of the connector: its path differs from \(other)'s only in case",
                                            file: model.document.file, line: 0, column: 0))
                    continue
                }
                seenPaths[path.lowercased()] = imp.name
                ops.append(action(model.operations[o], path: path, id: APIText.pascal(imp.name), parameters: [],
                                  summary: APIText.humanized(imp.name), target: "the service"))
            }
            if !ops.isEmpty { groups.append(APIGroup(name: "(unbound actions)", operations: ops)) }
        }
        uniqueOperationIDs(&groups)
        return APIDescription(title: title, description: description, host: host, tenant: tenant, groups: groups,
                              definitions: definitions, definitionDescriptions: definitionDescriptions,
                              sharedParameters: Self.sharedParameters(financeAndOperations: fno), notes: notes)
    }

    /// A POST operation for an action: the non-binding parameters in an object body, the result as the action returns it
    /// (entities and complex values as themselves, everything else wrapped in `value`).
    private func action(_ operation: EDMOperation, path: String, id: String, parameters: [APIParameterUse],
                        summary: String, target: String) -> APIOperation {
        let decl: CSDLOperation? = model.document.schemas[operation.declaration.schema].actions[operation.declaration.index]
        let params = operation.parameters.dropFirst(operation.bindingParameter == nil ? 0 : 1)
        var body: (schema: APISchema, description: String)?
        if !params.isEmpty {
            let props = params.map { p in
                APIProperty(name: p.name, schema: schema(p.type), nullable: p.nullable && !p.type.isCollection,
                            summary: APIText.humanized(p.name), visibility: "important")
            }
            body = (.object(props), "The parameters of \(operation.name).")
        }
        var code = 204
        var responseSchema: APISchema?
        if let r = operation.returnType {
            code = 200
            switch r.type.kind {
            case .entity, .complex where !r.type.isCollection: responseSchema = schema(r.type)
            default: responseSchema = .object([APIProperty(name: "value", schema: schema(r.type), summary: "Result")])
            }
        }
        let doc = decl.flatMap { coreDescription($0.annotations) } ?? ""
        return APIOperation(path: path, method: "post", id: id, stableKey: "POST " + path, summary: APIText.summary(summary),
                            description: "Runs the action \(operation.qualifiedName) on \(target)." + (doc.isEmpty ? "" : " " + doc),
                            visibility: options.visibilityOverride([id]) ?? "advanced", parameters: parameters, body: body,
                            responseCode: code, responseDescription: code == 204 ? "Done." : "The result of \(operation.name).",
                            responseSchema: responseSchema, pageable: false)
    }

    /// The named key predicate of an entity type as a path template, and its path parameters: strings quoted,
    /// numbers, Booleans, GUIDs and dates bare, enums as qualified literals (`NS.Enum'{Name}'`).
    func keyPredicate(_ t: EDMEntityType) -> (predicate: String, parameters: [APIParameter]) {
        guard !t.key.isEmpty else { return ("", []) }
        var parts: [String] = []
        var params: [APIParameter] = []
        var used: Set<String> = ["body", "If-Match"]
        for k in t.key {
            let keyName = k.alias ?? k.name
            var param = String(keyName.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            while used.contains(param) { param += "_" }
            used.insert(param)
            let literal: String
            var paramSchema = schema(k.type)
            switch k.type.kind {
            case .enumeration(let e): literal = model.enumTypes[e].qualifiedName + "'{\(param)}'"
            case .primitive(let p):
                literal = Self.quotedKey(p) ? "'{\(param)}'" : "{\(param)}"
            case .definition(let d):
                literal = Self.quotedKey(model.typeDefinitions[d].underlyingType) ? "'{\(param)}'" : "{\(param)}"
            default:
                literal = "'{\(param)}'"
                paramSchema = .primitive(type: "string", format: nil, enumValues: nil)
            }
            parts.append(keyName + "=" + literal)
            let prop = t.properties.first { $0.name == k.name }
            let annotations = prop.map { model.csdl($0, ofEntity: true).annotations } ?? []
            let labelText = label(annotations)
            var description = "Key property \(k.name)"
            if case .enumeration = k.type.kind { description += ": one of the enum member names" }
            if case .primitive(let p) = k.type.kind, Self.quotedKey(p) { description += "; write a single quote twice (O''Neil)" }
            params.append(APIParameter(name: param, location: .path, required: true, schema: paramSchema,
                                       summary: labelText ?? APIText.humanized(k.name), description: description + ".",
                                       visibility: "important"))
        }
        return ("(" + parts.joined(separator: ",") + ")", params)
    }

    /// True for key types written in quotes.
    static func quotedKey(_ p: EDMPrimitive) -> Bool {
        switch p {
        case .string, .duration: return true
        default: return false
        }
    }

    /// Makes operation IDs unique ignoring case: when several operations want one ID, the one with the smallest
    /// stable key (method and path) keeps it and the others get a hash of their own stable key appended, so an ID
    /// does not change when unrelated sets are added.
    private func uniqueOperationIDs(_ groups: inout [APIGroup]) {
        var byID: [String: [(g: Int, o: Int, key: String)]] = [:]
        for (g, group) in groups.enumerated() {
            for (o, op) in group.operations.enumerated() { byID[op.id.lowercased(), default: []].append((g, o, op.stableKey)) }
        }
        for (_, users) in byID where users.count > 1 {
            let sorted = users.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for u in sorted.dropFirst() { groups[u.g].operations[u.o].id += "X" + APIText.hash(u.key) }
        }
    }
}
