import ODataCSDL

/// Chooses what to generate from a resolved model: the included entity sets, singletons and operations, and the
/// closure of what they need (see `SelectionOptions` for the lists and their defaults, `SelectionClosure` for the
/// references followed).
///
/// With no include, everything the document declares is selected: container members, operations, and every
/// type, also those no entity set uses. Excluded members and operations are left out, and so are the types that
/// only they need (the types reachable from excluded items through base types, properties, parameters and bound
/// operations, unless something selected needs them again).
public enum Selection {
    /// Selects from `model` according to `options`.
    public static func select(model: EDMModel, options: SelectionOptions = .everything) -> SelectionResult {
        var diagnostics: [Diagnostic] = []
        let include = options.selectsEverything ? nil : options.include
        let exclude = options.exclude

        func operationMatches(_ patterns: [SelectionPattern]?, _ op: EDMOperation) -> Bool {
            patterns?.contains { $0.matches(op.name) || $0.matches(op.qualifiedName) } ?? false
        }
        func importMatches(_ patterns: [SelectionPattern]?, _ imp: EDMOperationImport) -> Bool {
            patterns?.contains { $0.matches(imp.name) } ?? false
        }

        // Patterns that match nothing: errors in include, warnings in exclude.
        for (section, lists, severity) in [("include", include, Diagnostic.Severity.error), ("exclude", exclude, .warning)] {
            guard let lists else { continue }
            for category in PatternList.allCases {
                for pattern in category.patterns(in: lists) ?? [] where !category.matchesAny(pattern, model) {
                    diagnostics.append(unmatched(pattern, section: section, category: category, severity: severity,
                                                 model: model, options: options))
                }
            }
        }

        // Exclusions.
        let excludedSets = model.entitySets.map { set in exclude.entitySets?.contains { $0.matches(set.name) } ?? false }
        let excludedSingletons = model.singletons.map { s in exclude.singletons?.contains { $0.matches(s.name) } ?? false }
        let excludedOperations = model.operations.map { operationMatches(exclude.operations, $0) }
        let excludedImports = model.operationImports.map { imp in
            importMatches(exclude.operations, imp) || imp.operations.allSatisfy { excludedOperations[$0] }
        }
        var boundOperations: [SelectionItem: [Int]] = [:]
        for (i, op) in model.operations.enumerated() {
            guard let binding = op.bindingParameter, let item = SelectionItem(binding.type.kind) else { continue }
            boundOperations[item, default: []].append(i)
        }
        let context = SelectionClosure.Context(excludedSets: excludedSets, excludedSingletons: excludedSingletons,
                                               excludedImports: excludedImports, excludedOperations: excludedOperations,
                                               boundOperations: boundOperations)
        let follow = options.navigation == .follow

        var closure: SelectionClosure
        if let include {
            let noMemberList = include.entitySets == nil && include.singletons == nil
            closure = SelectionClosure(model: model, context: context, follow: follow,
                                       defaultBoundOperations: include.operations == nil,
                                       defaultImports: include.operations == nil)
            for (i, set) in model.entitySets.enumerated()
            where noMemberList || (include.entitySets?.contains { $0.matches(set.name) } ?? false) {
                closure.add(.entitySet(i))
            }
            for (i, single) in model.singletons.enumerated()
            where noMemberList || (include.singletons?.contains { $0.matches(single.name) } ?? false) {
                closure.add(.singleton(i))
            }
            if let patterns = include.operations {
                let matchedOperations = model.operations.map { operationMatches(patterns, $0) }
                for (i, imp) in model.operationImports.enumerated()
                where importMatches(patterns, imp) || imp.operations.contains(where: { matchedOperations[$0] }) {
                    closure.add(.operationImport(i))
                }
                // An unbound operation comes through its selected import, which names it in `why`.
                for i in model.operations.indices where matchedOperations[i] {
                    let viaImport = model.operationImports.indices.contains {
                        closure.contains(.operationImport($0)) && model.operationImports[$0].operations.contains(i)
                    }
                    if !viaImport { closure.add(.operation(i)) }
                }
            }
            closure.run()
        } else {
            // Everything. Types reachable from excluded items are no roots: they come only if a kept item needs them.
            var reachableFromExcluded: Set<SelectionItem> = []
            if excludedSets.contains(true) || excludedSingletons.contains(true) || excludedImports.contains(true)
                || excludedOperations.contains(true) {
                let open = SelectionClosure.Context(
                    excludedSets: excludedSets.map { _ in false }, excludedSingletons: excludedSingletons.map { _ in false },
                    excludedImports: excludedImports.map { _ in false },
                    excludedOperations: excludedOperations.map { _ in false }, boundOperations: boundOperations)
                var excluded = SelectionClosure(model: model, context: open, follow: false, defaultBoundOperations: true,
                                                defaultImports: false)
                for i in model.entitySets.indices where excludedSets[i] { excluded.add(.entitySet(i)) }
                for i in model.singletons.indices where excludedSingletons[i] { excluded.add(.singleton(i)) }
                for i in model.operationImports.indices where excludedImports[i] { excluded.add(.operationImport(i)) }
                for i in model.operations.indices where excludedOperations[i] { excluded.add(.operation(i)) }
                excluded.run()
                reachableFromExcluded = Set(excluded.nodes.map(\.item))
            }
            closure = SelectionClosure(model: model, context: context, follow: follow, defaultBoundOperations: true,
                                       defaultImports: false)
            for i in model.entitySets.indices { closure.add(.entitySet(i)) }
            for i in model.singletons.indices { closure.add(.singleton(i)) }
            for i in model.operationImports.indices { closure.add(.operationImport(i)) }
            // Operations bound to a type come with the type; the others are roots.
            for (i, op) in model.operations.enumerated()
            where op.bindingParameter.flatMap({ SelectionItem($0.type.kind) }) == nil {
                closure.add(.operation(i))
            }
            closure.run()
            let types: [SelectionItem] = model.entityTypes.indices.map { .entityType($0) }
                + model.complexTypes.indices.map { .complexType($0) }
                + model.enumTypes.indices.map { .enumType($0) }
                + model.typeDefinitions.indices.map { .typeDefinition($0) }
            for item in types where !reachableFromExcluded.contains(item) { closure.add(item) }
            closure.run()
        }

        var result = SelectionResult()
        result.aliases = model.aliases
        collect(closure, model: model, into: &result)
        decideNavigation(model: model, result: &result, diagnostics: &diagnostics)
        if result.isEmpty {
            let declaresNothing = model.entityTypes.isEmpty && model.complexTypes.isEmpty && model.enumTypes.isEmpty
                && model.typeDefinitions.isEmpty && model.operations.isEmpty && model.entitySets.isEmpty
                && model.singletons.isEmpty && model.operationImports.isEmpty
            let why = declaresNothing
                ? "the document declares no types, operations, entity sets or singletons"
                : "the selection is empty; check the include and exclude lists"
            diagnostics.append(Diagnostic(.note, "nothing to generate: \(why); the generated files hold only their header",
                                          file: model.document.file, line: 0, column: 0))
        }
        result.diagnostics = diagnostics
        return result
    }

    // MARK: - Diagnostics for patterns

    /// The three pattern lists of `include` and `exclude`.
    private enum PatternList: CaseIterable {
        case entitySets, singletons, operations

        /// The key in the configuration.
        var key: String {
            switch self {
            case .entitySets: return "entitySets"
            case .singletons: return "singletons"
            case .operations: return "operations"
            }
        }

        /// What the list names, in messages.
        var what: String {
            switch self {
            case .entitySets: return "entity set"
            case .singletons: return "singleton"
            case .operations: return "action, function or import"
            }
        }

        /// The list where a name of the other kind of container member belongs.
        var other: PatternList? {
            switch self {
            case .entitySets: return .singletons
            case .singletons: return .entitySets
            case .operations: return nil
            }
        }

        func patterns(in lists: SelectionOptions.Patterns) -> [SelectionPattern]? {
            switch self {
            case .entitySets: return lists.entitySets
            case .singletons: return lists.singletons
            case .operations: return lists.operations
            }
        }

        /// The names a pattern of this list can match, in document order, without repeats: for operations the simple
        /// names of actions and functions, then import names (qualified names match too, see `matchesAny`).
        func names(_ model: EDMModel) -> [String] {
            switch self {
            case .entitySets: return model.entitySets.map(\.name)
            case .singletons: return model.singletons.map(\.name)
            case .operations:
                var seen: Set<String> = []
                return (model.operations.map(\.name) + model.operationImports.map(\.name)).filter { seen.insert($0).inserted }
            }
        }

        func matchesAny(_ pattern: SelectionPattern, _ model: EDMModel) -> Bool {
            switch self {
            case .entitySets: return model.entitySets.contains { pattern.matches($0.name) }
            case .singletons: return model.singletons.contains { pattern.matches($0.name) }
            case .operations:
                return model.operations.contains { pattern.matches($0.name) || pattern.matches($0.qualifiedName) }
                    || model.operationImports.contains { pattern.matches($0.name) }
            }
        }
    }

    private static func unmatched(_ pattern: SelectionPattern, section: String, category: PatternList,
                                  severity: Diagnostic.Severity, model: EDMModel, options: SelectionOptions) -> Diagnostic {
        var message = "\(section).\(category.key) pattern \"\(pattern.text)\" matches no \(category.what)"
        let names = category.names(model)
        let suggestions = NameSuggestions.suggestions(for: pattern.glob, among: names)
        if let other = category.other, let hit = other.names(model).first(where: { pattern.matches($0) }) {
            message += "; \(hit) is a \(other.what): list it under \(section).\(other.key)"
        } else if !suggestions.isEmpty {
            let caseOnly = suggestions.allSatisfy { pattern.glob.matchesIgnoringCase($0) }
            message += "; did you mean \(NameSuggestions.orList(suggestions))?"
            if caseOnly { message += " (names are case-sensitive)" }
        } else if names.isEmpty {
            message += "; the document declares none"
        } else {
            message += " among the \(names.count) the document declares; check the spelling (names are case-sensitive)"
        }
        return Diagnostic(severity, message, file: pattern.file ?? options.configFile, line: pattern.line,
                          column: pattern.column)
    }

    // MARK: - Result

    private static func collect(_ closure: SelectionClosure, model: EDMModel, into result: inout SelectionResult) {
        var entityTypes = [Bool](repeating: false, count: model.entityTypes.count)
        var complexTypes = [Bool](repeating: false, count: model.complexTypes.count)
        var enumTypes = [Bool](repeating: false, count: model.enumTypes.count)
        var typeDefinitions = [Bool](repeating: false, count: model.typeDefinitions.count)
        var entitySets = [Bool](repeating: false, count: model.entitySets.count)
        var singletons = [Bool](repeating: false, count: model.singletons.count)
        var imports = [Bool](repeating: false, count: model.operationImports.count)
        var operations = [Bool](repeating: false, count: model.operations.count)
        result.nodes.reserveCapacity(closure.nodes.count)
        for node in closure.nodes {
            switch node.item {
            case .entityType(let i): entityTypes[i] = true
            case .complexType(let i): complexTypes[i] = true
            case .enumType(let i): enumTypes[i] = true
            case .typeDefinition(let i): typeDefinitions[i] = true
            case .entitySet(let i): entitySets[i] = true
            case .singleton(let i): singletons[i] = true
            case .operationImport(let i): imports[i] = true
            case .operation(let i): operations[i] = true
            }
            result.nodes.append(.init(item: node.item, text: node.item.describe(in: model), parent: node.parent,
                                      label: node.label?.text))
        }
        result.nodeOfItem = closure.nodeOfItem
        func indexes(_ flags: [Bool]) -> [Int] { flags.indices.filter { flags[$0] } }
        result.entityTypes = indexes(entityTypes)
        result.complexTypes = indexes(complexTypes)
        result.enumTypes = indexes(enumTypes)
        result.typeDefinitions = indexes(typeDefinitions)
        result.entitySets = indexes(entitySets)
        result.singletons = indexes(singletons)
        result.operationImports = indexes(imports)
        result.operations = indexes(operations)

        // Names `why` accepts, most specific first; the first item to claim a name keeps it.
        var names: [String: SelectionItem] = [:]
        func claim(_ name: String, _ item: SelectionItem) {
            if names[name] == nil { names[name] = item }
        }
        for i in result.entityTypes { claim(model.entityTypes[i].qualifiedName, .entityType(i)) }
        for i in result.complexTypes { claim(model.complexTypes[i].qualifiedName, .complexType(i)) }
        for i in result.enumTypes { claim(model.enumTypes[i].qualifiedName, .enumType(i)) }
        for i in result.typeDefinitions { claim(model.typeDefinitions[i].qualifiedName, .typeDefinition(i)) }
        for i in result.entityTypes { claim(model.entityTypes[i].name, .entityType(i)) }
        for i in result.complexTypes { claim(model.complexTypes[i].name, .complexType(i)) }
        for i in result.enumTypes { claim(model.enumTypes[i].name, .enumType(i)) }
        for i in result.typeDefinitions { claim(model.typeDefinitions[i].name, .typeDefinition(i)) }
        for i in result.entitySets { claim(model.entitySets[i].name, .entitySet(i)) }
        for i in result.singletons { claim(model.singletons[i].name, .singleton(i)) }
        for i in result.operationImports { claim(model.operationImports[i].name, .operationImport(i)) }
        for i in result.operations { claim(model.operations[i].qualifiedName, .operation(i)) }
        for i in result.operations { claim(model.operations[i].name, .operation(i)) }
        result.names = names
    }

    private static func decideNavigation(model: EDMModel, result: inout SelectionResult, diagnostics: inout [Diagnostic]) {
        func decide(_ owner: Int, isEntity: Bool, _ navs: [EDMNavigationProperty]) -> [NavigationDecision] {
            navs.enumerated().map { n, nav in
                let reason: NavigationDecision.Reason
                if let target = nav.target {
                    reason = result.contains(.entityType(target)) ? .targetSelected : .targetNotSelected
                } else {
                    reason = .targetIsAnyEntityType
                }
                return NavigationDecision(navigationProperty: EDMNavigationRef(ownerIsEntity: isEntity, owner: owner, index: n),
                                          name: nav.name, target: nav.target, reason: reason)
            }
        }
        func note(_ kind: String, _ qualifiedName: String, _ location: SourceLocation,
                  _ navs: [EDMNavigationProperty], _ decisions: [NavigationDecision], owner: Int, isEntity: Bool) {
            // Report each dropped property once, on the type that declares it.
            let dropped = decisions.filter { d in
                let nav = navs[d.navigationProperty.index]
                return !d.isKept && nav.declaringType == owner && nav.declaringIsEntity == isEntity
            }
            guard !dropped.isEmpty else { return }
            let shown = dropped.prefix(10).map { d in
                "\(d.name) (\(d.target.map { model.entityTypes[$0].qualifiedName } ?? "?"))"
            }
            var list = shown.joined(separator: ", ")
            if dropped.count > shown.count { list += " and \(dropped.count - shown.count) more" }
            let message = dropped.count == 1
                ? "\(kind) \(qualifiedName): navigation property \(list) is dropped because its target type is not selected; include an entity set of that type, or set navigation to follow"
                : "\(kind) \(qualifiedName): \(dropped.count) navigation properties are dropped because their target types are not selected: \(list); include entity sets of those types, or set navigation to follow"
            diagnostics.append(Diagnostic(.note, message, file: model.document.file, at: location))
        }
        for i in result.entityTypes {
            let t = model.entityTypes[i]
            let decisions = decide(i, isEntity: true, t.navigationProperties)
            result.navigation += decisions
            note("EntityType", t.qualifiedName, model.csdl(t).location, t.navigationProperties, decisions, owner: i, isEntity: true)
        }
        for i in result.complexTypes {
            let t = model.complexTypes[i]
            let decisions = decide(i, isEntity: false, t.navigationProperties)
            result.navigation += decisions
            note("ComplexType", t.qualifiedName, model.csdl(t).location, t.navigationProperties, decisions, owner: i, isEntity: false)
        }
    }
}
