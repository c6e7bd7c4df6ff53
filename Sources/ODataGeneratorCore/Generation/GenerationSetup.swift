import ODataCSDL

extension SelectionOptions {
    /// The selection a configuration (merged with the command line) asks for. Patterns keep the place they were
    /// written in the config file (when they come from it), so an include that matches nothing points there.
    public init(config: GeneratorConfig, configFile: String?) {
        func patterns(_ list: [String]?, _ key: String) -> [SelectionPattern]? {
            list.map { values in
                values.enumerated().map { index, text in
                    if let file = configFile, let at = config.locations["\(key)[\(index)]"] {
                        return SelectionPattern(text, file: file, line: Int(at.line), column: Int(at.column))
                    }
                    return SelectionPattern(text)
                }
            }
        }
        let include = Patterns(entitySets: patterns(config.include.entitySets, "include.entitySets"),
                               singletons: patterns(config.include.singletons, "include.singletons"),
                               operations: patterns(config.include.operations, "include.operations"))
        let exclude = Patterns(entitySets: patterns(config.exclude.entitySets, "exclude.entitySets"),
                               singletons: patterns(config.exclude.singletons, "exclude.singletons"),
                               operations: patterns(config.exclude.operations, "exclude.operations"))
        self.init(include: include.isEmpty ? nil : include, exclude: exclude,
                  navigation: config.effectiveNavigation == .follow ? .follow : .withinSelection,
                  configFile: configFile ?? "command line")
    }
}

extension GenerationPlan {
    /// What a selection generates: its types in model order, the entity set naming each entity type (when exactly
    /// one selected set uses it), and the navigation properties it keeps.
    public init(selection: SelectionResult, model: EDMModel) {
        var setsOfType: [Int: [String]] = [:]
        for s in selection.entitySets { setsOfType[model.entitySets[s].entityType, default: []].append(model.entitySets[s].name) }
        var kept: [Int: [Int]] = [:]
        for t in selection.entityTypes { kept[t] = [] }
        for d in selection.navigation where d.isKept && d.navigationProperty.ownerIsEntity {
            kept[d.navigationProperty.owner, default: []].append(d.navigationProperty.index)
        }
        self.init(entityTypes: selection.entityTypes, complexTypes: selection.complexTypes, enumTypes: selection.enumTypes,
                  entitySetOfType: setsOfType.compactMapValues { $0.count == 1 ? $0[0] : nil }, keptNavigation: kept,
                  entitySets: selection.entitySets, singletons: selection.singletons, operations: selection.operations,
                  operationImports: selection.operationImports)
    }
}

extension TranslationOptions {
    /// Translation options from a configuration (merged with the command line).
    public init(config: GeneratorConfig, inputName: String) {
        self.init()
        accessModifier = config.effectiveAccessModifier.rawValue
        self.inputName = inputName
        typeNameOverrides = config.naming.overrides.map { (edmName: $0.edmName, swiftName: $0.swiftName) }
        profile = config.profile
        serviceName = config.serviceName
    }
}
