import ODataCSDL

/// What `Selection.select` chose: indexes into the model it was given, each list in the model's order (document
/// order per kind), the fate of every navigation property of the selected types, a "why" chain for every selected
/// item, and diagnostics (errors for include patterns that match nothing, notes for dropped navigation).
public struct SelectionResult: Sendable {
    /// Selected entity sets (indexes into `EDMModel.entitySets`).
    public var entitySets: [Int] = []
    /// Selected singletons (indexes into `EDMModel.singletons`).
    public var singletons: [Int] = []
    /// Selected action and function imports (indexes into `EDMModel.operationImports`).
    public var operationImports: [Int] = []
    /// Selected actions and functions, every overload on its own (indexes into `EDMModel.operations`).
    public var operations: [Int] = []
    /// Selected entity types (indexes into `EDMModel.entityTypes`).
    public var entityTypes: [Int] = []
    /// Selected complex types (indexes into `EDMModel.complexTypes`).
    public var complexTypes: [Int] = []
    /// Selected enum types (indexes into `EDMModel.enumTypes`).
    public var enumTypes: [Int] = []
    /// Selected type definitions (indexes into `EDMModel.typeDefinitions`).
    public var typeDefinitions: [Int] = []
    /// Every navigation property of every selected entity type, then of every selected complex type, in order of
    /// owner and of the owner's `navigationProperties` (inherited ones included): kept or dropped, and why.
    public var navigation: [NavigationDecision] = []
    /// Errors (include patterns that match nothing), warnings (exclude patterns that match nothing) and notes
    /// (dropped navigation, nothing to generate), in that order.
    public var diagnostics: [Diagnostic] = []

    /// One step of a why chain: the item, the node it was reached from and the edge label.
    struct Node: Sendable {
        var item: SelectionItem
        var text: String
        var parent: Int
        var label: String?
    }

    var nodes: [Node] = []
    var nodeOfItem: [SelectionItem: Int] = [:]
    /// Names `why` accepts, to the item they name.
    var names: [String: SelectionItem] = [:]
    var aliases: [String: String] = [:]

    /// True when nothing at all is selected: generated files hold only their header.
    public var isEmpty: Bool {
        entitySets.isEmpty && singletons.isEmpty && operationImports.isEmpty && operations.isEmpty
            && entityTypes.isEmpty && complexTypes.isEmpty && enumTypes.isEmpty && typeDefinitions.isEmpty
    }

    /// True when `item` is selected.
    public func contains(_ item: SelectionItem) -> Bool { nodeOfItem[item] != nil }

    /// True when the type is selected; primitive types always are.
    public func contains(_ kind: EDMTypeKind) -> Bool {
        guard let item = SelectionItem(kind) else { return true }
        return contains(item)
    }

    /// The decisions for the navigation properties of a selected entity type (empty for others).
    public func navigation(ofEntityType index: Int) -> [NavigationDecision] {
        navigation.filter { $0.navigationProperty.ownerIsEntity && $0.navigationProperty.owner == index }
    }

    /// The decisions for the navigation properties of a selected complex type (empty for others).
    public func navigation(ofComplexType index: Int) -> [NavigationDecision] {
        navigation.filter { !$0.navigationProperty.ownerIsEntity && $0.navigationProperty.owner == index }
    }

    /// The navigation properties dropped because their target left the selection.
    public var droppedNavigation: [NavigationDecision] { navigation.filter { !$0.isKept } }

    /// Why `item` is selected: the chain of references from what was included to it, e.g.
    /// `["CustomersV3 (entity set)", "NS.CustomerV3 (entity type)", "property CreditLimitIsMandatory",
    /// "NS.NoYes (enum type)"]`. The first element is what the include lists (or the defaults) selected; edge
    /// labels (`property X`, `key property X`, `base type`, `navigation X`, `parameter X`, `binding parameter X`,
    /// `return type`, `navigation binding X`) stand between the items they connect. Empty when not selected.
    public func why(_ item: SelectionItem) -> [String] {
        guard var n = nodeOfItem[item] else { return [] }
        var chain: [String] = []
        while true {
            let node = nodes[n]
            chain.append(node.text)
            guard node.parent >= 0 else { break }
            if let label = node.label { chain.append(label) }
            n = node.parent
        }
        return chain.reversed()
    }

    /// Why the item of this name is selected (see `why(_: SelectionItem)`). `name` is, in order of preference, a
    /// qualified type name (namespace or alias), an entity set, singleton or import name, a qualified operation name,
    /// or a simple type or operation name (the first in document order when several share it). Empty when nothing
    /// of that name is selected.
    public func why(_ name: String) -> [String] {
        if let item = names[name] { return why(item) }
        if let dot = name.lastIndex(of: "."), let namespace = aliases[String(name[..<dot])],
           let item = names[namespace + name[dot...]] {
            return why(item)
        }
        return []
    }

    /// `why(name)` joined with ` -> `; nil when nothing of that name is selected.
    public func whyDescription(_ name: String) -> String? {
        let chain = why(name)
        return chain.isEmpty ? nil : chain.joined(separator: " -> ")
    }
}
