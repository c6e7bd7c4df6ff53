import ODataCSDL

/// The closure engine: from root items, a breadth-first walk over the references a selected item needs, so that
/// every item is reached by a shortest chain (what `why` reports). Rules:
///
/// - entity set, singleton -> its entity type
/// - entity or complex type -> its base type (never its derived types), the types of its properties (inherited
///   ones included, so key property types too), and in `follow` mode the targets of its navigation properties
/// - any non-primitive type -> the operations bound to it (binding parameter of that type or a collection of it),
///   when `defaultBoundOperations` is on
/// - operation -> the types of its parameters (the binding parameter too) and of its return type
/// - operation import -> its operations (all unbound overloads)
///
/// After the walk, two rules that look at the whole selection run until nothing changes: in `follow` mode, the
/// entity sets and singletons a selected set's navigation is bound to (`NavigationPropertyBinding`) are added;
/// with `defaultImports`, the imports whose `EntitySet` is a selected entity set or that return a selected entity
/// type are added. Excluded sets, singletons, imports and operations are never added.
struct SelectionClosure {
    enum Label {
        case property(String), keyProperty(String), baseType, navigation(String), parameter(String)
        case bindingParameter(String), returnType, navigationBinding(String)

        var text: String {
            switch self {
            case .property(let name): return "property \(name)"
            case .keyProperty(let name): return "key property \(name)"
            case .baseType: return "base type"
            case .navigation(let name): return "navigation \(name)"
            case .parameter(let name): return "parameter \(name)"
            case .bindingParameter(let name): return "binding parameter \(name)"
            case .returnType: return "return type"
            case .navigationBinding(let path): return "navigation binding \(path)"
            }
        }
    }

    struct Node {
        var item: SelectionItem
        var parent: Int
        var label: Label?
    }

    /// Exclusions and indexes shared by the runs of one selection.
    struct Context {
        var excludedSets: [Bool]
        var excludedSingletons: [Bool]
        var excludedImports: [Bool]
        var excludedOperations: [Bool]
        /// Operations bound to a type (element type of the binding parameter), in model order.
        var boundOperations: [SelectionItem: [Int]]
    }

    let model: EDMModel
    let context: Context
    let follow: Bool
    let defaultBoundOperations: Bool
    let defaultImports: Bool

    private(set) var nodes: [Node] = []
    private(set) var nodeOfItem: [SelectionItem: Int] = [:]
    private var cursor = 0

    init(model: EDMModel, context: Context, follow: Bool, defaultBoundOperations: Bool, defaultImports: Bool) {
        self.model = model
        self.context = context
        self.follow = follow
        self.defaultBoundOperations = defaultBoundOperations
        self.defaultImports = defaultImports
    }

    func contains(_ item: SelectionItem) -> Bool { nodeOfItem[item] != nil }

    func isExcluded(_ item: SelectionItem) -> Bool {
        switch item {
        case .entitySet(let i): return context.excludedSets[i]
        case .singleton(let i): return context.excludedSingletons[i]
        case .operationImport(let i): return context.excludedImports[i]
        case .operation(let i): return context.excludedOperations[i]
        default: return false
        }
    }

    /// Adds `item` (unless already selected or excluded); true when added.
    @discardableResult
    mutating func add(_ item: SelectionItem, from parent: Int = -1, _ label: Label? = nil) -> Bool {
        guard nodeOfItem[item] == nil, !isExcluded(item) else { return false }
        nodeOfItem[item] = nodes.count
        nodes.append(Node(item: item, parent: parent, label: label))
        return true
    }

    private mutating func add(_ type: EDMTypeRef, from parent: Int, _ label: Label) {
        if let item = SelectionItem(type.kind) { add(item, from: parent, label) }
    }

    /// Walks until every reference of every selected item is selected, then applies the whole-selection rules,
    /// and again, until nothing changes.
    mutating func run() {
        repeat {
            while cursor < nodes.count {
                let n = cursor
                cursor += 1
                visit(n)
            }
            applySelectionRules()
        } while cursor < nodes.count
    }

    private mutating func visit(_ n: Int) {
        let item = nodes[n].item
        switch item {
        case .entitySet(let i):
            add(.entityType(model.entitySets[i].entityType), from: n)
        case .singleton(let i):
            add(.entityType(model.singletons[i].entityType), from: n)
        case .operationImport(let i):
            for op in model.operationImports[i].operations { add(.operation(op), from: n) }
        case .operation(let i):
            let op = model.operations[i]
            for (k, p) in op.parameters.enumerated() {
                add(p.type, from: n, op.isBound && k == 0 ? .bindingParameter(p.name) : .parameter(p.name))
            }
            if let r = op.returnType { add(r.type, from: n, .returnType) }
        case .entityType(let i):
            let t = model.entityTypes[i]
            if let b = t.baseType { add(.entityType(b), from: n, .baseType) }
            var keys: Set<String> = []
            for k in t.key { keys.insert(String(k.name.split(separator: "/").first ?? Substring(k.name))) }
            for p in t.properties {
                add(p.type, from: n, keys.contains(p.name) ? .keyProperty(p.name) : .property(p.name))
            }
            if follow {
                for nav in t.navigationProperties {
                    if let target = nav.target { add(.entityType(target), from: n, .navigation(nav.name)) }
                }
            }
            addBoundOperations(item, from: n)
        case .complexType(let i):
            let t = model.complexTypes[i]
            if let b = t.baseType { add(.complexType(b), from: n, .baseType) }
            for p in t.properties { add(p.type, from: n, .property(p.name)) }
            if follow {
                for nav in t.navigationProperties {
                    if let target = nav.target { add(.entityType(target), from: n, .navigation(nav.name)) }
                }
            }
            addBoundOperations(item, from: n)
        case .enumType, .typeDefinition:
            addBoundOperations(item, from: n)
        }
    }

    private mutating func addBoundOperations(_ item: SelectionItem, from n: Int) {
        guard defaultBoundOperations, let ops = context.boundOperations[item] else { return }
        for op in ops { add(.operation(op), from: n) }
    }

    private mutating func applySelectionRules() {
        if follow {
            for (i, set) in model.entitySets.enumerated() {
                guard let n = nodeOfItem[.entitySet(i)] else { continue }
                addBindingTargets(set.bindings, from: n)
            }
            for (i, single) in model.singletons.enumerated() {
                guard let n = nodeOfItem[.singleton(i)] else { continue }
                addBindingTargets(single.bindings, from: n)
            }
        }
        if defaultImports {
            for (i, imp) in model.operationImports.enumerated() where !contains(.operationImport(i)) {
                if let s = imp.entitySet, let n = nodeOfItem[.entitySet(s)] {
                    add(.operationImport(i), from: n)
                    continue
                }
                for op in imp.operations {
                    guard let r = model.operations[op].returnType, case .entity(let t) = r.type.kind,
                          let n = nodeOfItem[.entityType(t)] else { continue }
                    add(.operationImport(i), from: n)
                    break
                }
            }
        }
    }

    private mutating func addBindingTargets(_ bindings: [EDMNavigationBinding], from n: Int) {
        for b in bindings {
            let nav = b.navigationProperty
            let owner: SelectionItem = nav.ownerIsEntity ? .entityType(nav.owner) : .complexType(nav.owner)
            guard contains(owner) else { continue }
            let target: SelectionItem
            switch b.target {
            case .entitySet(let s): target = .entitySet(s)
            case .singleton(let s): target = .singleton(s)
            }
            add(target, from: n, .navigationBinding(b.path))
        }
    }
}
