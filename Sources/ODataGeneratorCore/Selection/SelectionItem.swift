import ODataCSDL

/// Something a selection can hold: a type, a container member or an operation, by its index in `EDMModel`.
public enum SelectionItem: Sendable, Hashable {
    /// Index into `EDMModel.entityTypes`.
    case entityType(Int)
    /// Index into `EDMModel.complexTypes`.
    case complexType(Int)
    /// Index into `EDMModel.enumTypes`.
    case enumType(Int)
    /// Index into `EDMModel.typeDefinitions`.
    case typeDefinition(Int)
    /// Index into `EDMModel.entitySets`.
    case entitySet(Int)
    /// Index into `EDMModel.singletons`.
    case singleton(Int)
    /// Index into `EDMModel.operationImports`.
    case operationImport(Int)
    /// Index into `EDMModel.operations`.
    case operation(Int)

    /// The item for a bound type; nil for primitive types.
    public init?(_ kind: EDMTypeKind) {
        switch kind {
        case .primitive: return nil
        case .entity(let i): self = .entityType(i)
        case .complex(let i): self = .complexType(i)
        case .enumeration(let i): self = .enumType(i)
        case .definition(let i): self = .typeDefinition(i)
        }
    }

    /// How the item reads in a "why" chain: `CustomersV3 (entity set)`, `NS.NoYes (enum type)`, `NS.confirm (bound action)`.
    public func describe(in model: EDMModel) -> String {
        switch self {
        case .entityType(let i): return "\(model.entityTypes[i].qualifiedName) (entity type)"
        case .complexType(let i): return "\(model.complexTypes[i].qualifiedName) (complex type)"
        case .enumType(let i): return "\(model.enumTypes[i].qualifiedName) (enum type)"
        case .typeDefinition(let i): return "\(model.typeDefinitions[i].qualifiedName) (type definition)"
        case .entitySet(let i): return "\(model.entitySets[i].name) (entity set)"
        case .singleton(let i): return "\(model.singletons[i].name) (singleton)"
        case .operationImport(let i):
            let imp = model.operationImports[i]
            return "\(imp.name) (\(imp.kind == .action ? "action" : "function") import)"
        case .operation(let i):
            let op = model.operations[i]
            return "\(op.qualifiedName) (\(op.isBound ? "bound " : "")\(op.kind == .action ? "action" : "function"))"
        }
    }
}
