import ODataCSDL

/// A semantic diff of two resolved metadata documents, as seen by code written against the Swift generated from
/// them.
///
/// Compared: entity sets, singletons, entity and complex types (base type, key, properties with their type,
/// nullability and facets, navigation properties with their target), enum types (members, values, `IsFlags`,
/// underlying type), type definitions, actions and functions (every overload: parameters, their order, type,
/// nullability and facets, return type) and action/function imports. Elements are matched by qualified name
/// (aliases resolved), members by name; a rename is therefore a removal plus an addition.
///
/// ## The rule: breaking or additive
///
/// A change is **breaking** when code that compiles against the Swift generated from the old document may stop
/// compiling against the Swift generated from the new one, or when an app built from the old document may fail to
/// decode what the new service sends:
///
/// - anything removed: entity set, singleton, type, property, navigation property, enum member, operation,
///   parameter, import (renames show up as a removal and an addition);
/// - a type changed: property, navigation target or collection-ness, parameter, return type, an entity set's or
///   singleton's entity type, a type definition's underlying type, a base type;
/// - a key changed (properties, their order or aliases): the generated key struct and its initializer change;
/// - a property's nullability changed, either way. Nullable to non-nullable turns `T?` into `T`: `if let` and `??`
///   on it stop compiling and the memberwise initializer gains a required parameter (decoding alone would be
///   fine). Non-nullable to nullable turns `T` into `T?`: uses stop compiling, and an app built from the old
///   document fails to decode the `null` the service may now send. Key properties are never optional in the
///   generated code, so nullability changes on them are neutral;
/// - properties reordered: the memberwise initializer takes its labeled arguments in property order;
/// - a new non-nullable property: the memberwise initializer (and so every create call) gains a required
///   parameter. A new non-nullable parameter likewise; a parameter becoming non-nullable; parameters reordered;
/// - an enum becoming or ceasing to be flags; a member value changed in a flags enum (its bits are the API);
/// - an open type becoming closed (its generated `additionalProperties` member is gone).
///
/// A change is **additive** (non-breaking) otherwise: new entity sets, singletons, types, operations, imports,
/// navigation properties (generated as optional expanded values); a new nullable property or parameter (optional,
/// defaulting to `nil`); a new enum member (generated enums decode unknown members into `unknown(String)`, so old
/// apps keep decoding); a parameter becoming nullable (Swift promotes a value to an optional argument); facet
/// changes (`MaxLength`, `Precision`, `Scale`, `SRID`, `Unicode`: the generated Swift types do not carry them); a
/// navigation property's nullability (always optional in generated code); a member value in a non-flags enum
/// (enums travel by name); an enum's underlying type unless it is flags; a closed type becoming open.
public enum MetadataDiff {
    /// Compares `old` with `new`. With selections, each side is restricted to its selection (types, sets,
    /// operations, imports, and only the navigation properties the selection keeps): an element that leaves the
    /// selection counts as removed from the generated code, one that enters it as added.
    public static func compare(old: EDMModel, new: EDMModel, oldSelection: SelectionResult? = nil,
                               newSelection: SelectionResult? = nil) -> MetadataDiffReport {
        let a = MetadataSurface(model: old, selection: oldSelection)
        let b = MetadataSurface(model: new, selection: newSelection)
        return compare(a, b)
    }

    static func compare(_ a: MetadataSurface, _ b: MetadataSurface) -> MetadataDiffReport {
        var comparer = Comparer(a: a, b: b)
        comparer.run()
        return MetadataDiffReport(changes: comparer.changes.sorted {
            ($0.path, $0.kind.rawValue, $0.old ?? "", $0.new ?? "") < ($1.path, $1.kind.rawValue, $1.old ?? "", $1.new ?? "")
        })
    }

    private struct Comparer {
        let a: MetadataSurface
        let b: MetadataSurface
        var changes: [MetadataChange] = []
        /// Simple type names that more than one qualified name uses (across both documents): shown qualified.
        let ambiguous: Set<String>

        init(a: MetadataSurface, b: MetadataSurface) {
            self.a = a
            self.b = b
            var byName: [String: Set<String>] = [:]
            for s in [a, b] {
                for (q, t) in s.structuredTypes { byName[t.name, default: []].insert(q) }
                for (q, t) in s.enumTypes { byName[t.name, default: []].insert(q) }
                for (q, t) in s.typeDefinitions { byName[t.name, default: []].insert(q) }
            }
            ambiguous = Set(byName.filter { $0.value.count > 1 }.keys)
        }

        /// The name a type has in paths: simple unless ambiguous.
        func display(_ qualifiedName: String) -> String {
            guard let dot = qualifiedName.lastIndex(of: ".") else { return qualifiedName }
            let simple = String(qualifiedName[qualifiedName.index(after: dot)...])
            return ambiguous.contains(simple) ? qualifiedName : simple
        }

        /// A type name in paths: `Collection(X)` keeps its wrapper, the item named as `display` does.
        func displayType(_ typeName: String) -> String {
            if typeName.hasPrefix("Collection("), typeName.hasSuffix(")") {
                return "Collection(\(display(String(typeName.dropFirst(11).dropLast()))))"
            }
            return display(typeName)
        }

        mutating func add(_ kind: MetadataChange.Kind, _ path: String, _ breaking: Bool, old: String? = nil,
                          new: String? = nil, _ reason: String) {
            changes.append(MetadataChange(kind, path, breaking: breaking, old: old, new: new, reason: reason))
        }

        mutating func run() {
            members(a.entitySets, b.entitySets, added: .entitySetAdded, removed: .entitySetRemoved,
                    changed: .entitySetTypeChanged, what: "entity set")
            members(a.singletons, b.singletons, added: .singletonAdded, removed: .singletonRemoved,
                    changed: .singletonTypeChanged, what: "singleton")
            structuredTypes()
            enumTypes()
            typeDefinitions()
            operations()
            imports()
        }

        private static func nullability(_ nullable: Bool) -> String { nullable ? "Nullable=true" : "Nullable=false" }
        private static func describe(_ type: String, nullable: Bool) -> String {
            nullable ? type : type + " Nullable=false"
        }

        mutating func members(_ old: [String: MetadataSurface.Member], _ new: [String: MetadataSurface.Member],
                              added: MetadataChange.Kind, removed: MetadataChange.Kind, changed: MetadataChange.Kind,
                              what: String) {
            for (name, m) in old {
                guard let n = new[name] else {
                    add(removed, name, true, old: m.entityType, "the \(what) and its generated accessors are gone")
                    continue
                }
                if n.entityType != m.entityType {
                    add(changed, name, true, old: m.entityType, new: n.entityType,
                        "the \(what) now holds another entity type")
                }
            }
            for (name, n) in new where old[name] == nil {
                add(added, name, false, new: n.entityType, "a new \(what) adds API and changes none")
            }
        }

        mutating func structuredTypes() {
            for (q, t) in a.structuredTypes {
                let path = display(q)
                guard let n = b.structuredTypes[q], n.isEntity == t.isEntity else {
                    add(t.isEntity ? .entityTypeRemoved : .complexTypeRemoved, path, true, old: q,
                        "the generated type is gone")
                    continue
                }
                if t.baseType != n.baseType {
                    add(.baseTypeChanged, path, true, old: t.baseType, new: n.baseType,
                        "inherited properties and polymorphic decoding change")
                }
                if t.isOpenType != n.isOpenType {
                    add(.openTypeChanged, path, t.isOpenType, old: "OpenType=\(t.isOpenType)", new: "OpenType=\(n.isOpenType)",
                        t.isOpenType ? "the generated additionalProperties member is gone"
                            : "the generated type gains additionalProperties (dynamic properties) and loses nothing")
                }
                if t.key != n.key {
                    add(.keyChanged, path, true, old: t.key.joined(separator: ","), new: n.key.joined(separator: ","),
                        "the generated key struct and every key lookup change")
                }
                let keyNames = Set(n.key).intersection(t.key)
                var newProperties: [String: MetadataSurface.Property] = [:]
                for p in n.properties where newProperties[p.name] == nil { newProperties[p.name] = p }
                var oldNames: Set<String> = []
                for p in t.properties {
                    oldNames.insert(p.name)
                    let ppath = path + "/" + p.name
                    guard let np = newProperties[p.name] else {
                        add(.propertyRemoved, ppath, true, old: Self.describe(p.type, nullable: p.nullable),
                            "the generated property is gone")
                        continue
                    }
                    if p.type != np.type {
                        add(.propertyTypeChanged, ppath, true, old: p.type, new: np.type,
                            "the generated property has another Swift type")
                    }
                    if p.nullable != np.nullable {
                        if keyNames.contains(p.name) {
                            add(.propertyNullabilityChanged, ppath, false, old: Self.nullability(p.nullable),
                                new: Self.nullability(np.nullable), "key properties are never optional in generated code")
                        } else if np.nullable {
                            add(.propertyNullabilityChanged, ppath, true, old: Self.nullability(p.nullable),
                                new: Self.nullability(np.nullable),
                                "the property becomes optional: uses stop compiling, and apps built from the old metadata fail to decode null")
                        } else {
                            add(.propertyNullabilityChanged, ppath, true, old: Self.nullability(p.nullable),
                                new: Self.nullability(np.nullable),
                                "the property stops being optional: if-let and ?? on it stop compiling and the initializer gains a required parameter")
                        }
                    }
                    if p.facets != np.facets {
                        add(.propertyFacetsChanged, ppath, false, old: p.facets, new: np.facets,
                            "facets do not change the generated Swift types")
                    }
                }
                for p in n.properties where !oldNames.contains(p.name) {
                    oldNames.insert(p.name)
                    let isKey = n.key.contains(p.name)
                    if p.nullable && !isKey {
                        add(.propertyAdded, path + "/" + p.name, false, new: Self.describe(p.type, nullable: true),
                            "a new optional property defaults to nil in the initializer")
                    } else {
                        add(.propertyAdded, path + "/" + p.name, true, new: Self.describe(p.type, nullable: p.nullable),
                            "a new non-optional property is a required initializer parameter (every create call changes)")
                    }
                }
                // The memberwise initializer takes properties in declaration order (inherited first).
                let oldOrder = t.properties.map(\.name).filter { newProperties[$0] != nil }
                let common = Set(oldOrder)
                let newOrder = n.properties.map(\.name).filter { common.contains($0) }
                if oldOrder != newOrder {
                    add(.propertiesReordered, path, true, old: oldOrder.joined(separator: ","), new: newOrder.joined(separator: ","),
                        "the memberwise initializer takes its arguments in property order")
                }
                navigation(path, t.navigation, n.navigation)
            }
            for (q, n) in b.structuredTypes {
                if let t = a.structuredTypes[q], t.isEntity == n.isEntity { continue }
                add(n.isEntity ? .entityTypeAdded : .complexTypeAdded, display(q), false, new: q,
                    "a new type adds API and changes none")
            }
        }

        mutating func navigation(_ path: String, _ old: [MetadataSurface.Navigation], _ new: [MetadataSurface.Navigation]) {
            var byName: [String: MetadataSurface.Navigation] = [:]
            for nav in new where byName[nav.name] == nil { byName[nav.name] = nav }
            var seen: Set<String> = []
            // A collection's nullability follows from its being one: it is reported only for an unchanged type.
            for nav in old {
                seen.insert(nav.name)
                let npath = path + "/" + nav.name
                guard let n = byName[nav.name] else {
                    add(.navigationPropertyRemoved, npath, true, old: nav.type, "the generated navigation property is gone")
                    continue
                }
                if nav.type != n.type {
                    add(.navigationPropertyTypeChanged, npath, true, old: nav.type, new: n.type,
                        "the navigation property has another Swift type")
                } else if nav.nullable != n.nullable {
                    add(.navigationPropertyNullabilityChanged, npath, false, old: Self.nullability(nav.nullable),
                        new: Self.nullability(n.nullable), "navigation properties are always optional in generated code")
                }
            }
            for nav in new where !seen.contains(nav.name) {
                seen.insert(nav.name)
                add(.navigationPropertyAdded, path + "/" + nav.name, false, new: nav.type,
                    "a new navigation property is optional (set when expanded)")
            }
        }

        mutating func enumTypes() {
            for (q, t) in a.enumTypes {
                let path = display(q)
                guard let n = b.enumTypes[q] else {
                    add(.enumTypeRemoved, path, true, old: q, "the generated enum is gone")
                    continue
                }
                if t.isFlags != n.isFlags {
                    add(.enumFlagsChanged, path, true, old: "IsFlags=\(t.isFlags)", new: "IsFlags=\(n.isFlags)",
                        "a flags enum is generated as an option set, another enum as an enum")
                }
                if t.underlyingType != n.underlyingType {
                    add(.enumUnderlyingTypeChanged, path, n.isFlags && t.isFlags, old: t.underlyingType,
                        new: n.underlyingType, n.isFlags && t.isFlags
                            ? "the raw value type of the generated option set changes"
                            : "enum values travel by name; the underlying type is not part of the generated enum")
                }
                var values: [String: Int64] = [:]
                for m in n.members where values[m.name] == nil { values[m.name] = m.value }
                var seen: Set<String> = []
                for m in t.members where !seen.contains(m.name) {
                    seen.insert(m.name)
                    guard let v = values[m.name] else {
                        add(.enumMemberRemoved, path + "/" + m.name, true, old: String(m.value),
                            "the generated case is gone, and the service no longer sends or accepts the member")
                        continue
                    }
                    if v != m.value {
                        let flags = t.isFlags && n.isFlags
                        add(.enumMemberValueChanged, path + "/" + m.name, flags, old: String(m.value), new: String(v),
                            flags ? "the bits of a flags member are its generated raw value"
                                : "enum values travel by name; the generated case is unchanged")
                    }
                }
                for m in n.members where !seen.contains(m.name) {
                    seen.insert(m.name)
                    add(.enumMemberAdded, path + "/" + m.name, false, new: String(m.value),
                        "generated enums decode unknown members, so apps built from the old metadata keep working")
                }
            }
            for (q, _) in b.enumTypes where a.enumTypes[q] == nil {
                add(.enumTypeAdded, display(q), false, new: q, "a new type adds API and changes none")
            }
        }

        mutating func typeDefinitions() {
            for (q, t) in a.typeDefinitions {
                guard let n = b.typeDefinitions[q] else {
                    add(.typeDefinitionRemoved, display(q), true, old: t.underlyingType, "the type definition is gone")
                    continue
                }
                if t.underlyingType != n.underlyingType {
                    add(.typeDefinitionChanged, display(q), true, old: t.underlyingType, new: n.underlyingType,
                        "every property of this type gets another Swift type")
                } else if t.facets != n.facets {
                    add(.typeDefinitionChanged, display(q), false, old: t.facets, new: n.facets,
                        "facets do not change the generated Swift types")
                }
            }
            for (q, n) in b.typeDefinitions where a.typeDefinitions[q] == nil {
                add(.typeDefinitionAdded, display(q), false, new: n.underlyingType, "a new type adds API and changes none")
            }
        }

        func operationPath(_ key: MetadataSurface.OperationKey, _ op: MetadataSurface.Operation, overloaded: Bool) -> String {
            var path = display(key.qualifiedName) + "(" + (key.binding.map(displayType) ?? "") + ")"
            if overloaded { path += "[" + op.signature + "]" }
            return path
        }

        mutating func operations() {
            let keys = Set(a.operations.keys).union(b.operations.keys).sorted()
            for key in keys {
                let old = a.operations[key] ?? []
                let new = b.operations[key] ?? []
                let overloaded = old.count > 1 || new.count > 1
                let kind = key.isAction ? "action" : "function"
                var pairs: [(MetadataSurface.Operation, MetadataSurface.Operation)] = []
                var removed: [MetadataSurface.Operation] = []
                var added: [MetadataSurface.Operation] = []
                if old.count == 1 && new.count == 1 {
                    pairs = [(old[0], new[0])]
                } else {
                    var bySignature: [String: MetadataSurface.Operation] = [:]
                    for op in new where bySignature[op.signature] == nil { bySignature[op.signature] = op }
                    var matched: Set<String> = []
                    for op in old {
                        if let n = bySignature[op.signature], !matched.contains(op.signature) {
                            matched.insert(op.signature)
                            pairs.append((op, n))
                        } else {
                            removed.append(op)
                        }
                    }
                    var taken: Set<String> = []
                    for op in new where !matched.contains(op.signature) && taken.insert(op.signature).inserted {
                        added.append(op)
                    }
                }
                for op in removed {
                    add(.operationRemoved, operationPath(key, op, overloaded: overloaded), true, old: key.qualifiedName,
                        "the generated \(kind) call is gone")
                }
                for op in added {
                    add(.operationAdded, operationPath(key, op, overloaded: overloaded), false, new: key.qualifiedName,
                        "a new \(kind) adds API and changes none")
                }
                for (o, n) in pairs { operation(operationPath(key, o, overloaded: overloaded), o, n) }
            }
        }

        mutating func operation(_ path: String, _ o: MetadataSurface.Operation, _ n: MetadataSurface.Operation) {
            switch (o.returnType, n.returnType) {
            case (nil, nil): break
            case let (r?, s?):
                if r.type != s.type || r.nullable != s.nullable {
                    add(.operationReturnTypeChanged, path, true, old: Self.describe(r.type, nullable: r.nullable),
                        new: Self.describe(s.type, nullable: s.nullable), "the generated call returns another Swift type")
                } else if r.facets != s.facets {
                    add(.operationReturnTypeChanged, path, false, old: r.facets, new: s.facets,
                        "facets do not change the generated Swift types")
                }
            case let (r, s):
                add(.operationReturnTypeChanged, path, true, old: r.map { Self.describe($0.type, nullable: $0.nullable) },
                    new: s.map { Self.describe($0.type, nullable: $0.nullable) }, "the generated call returns another Swift type")
            }
            var byName: [String: MetadataSurface.Parameter] = [:]
            for p in n.parameters where byName[p.name] == nil { byName[p.name] = p }
            var seen: Set<String> = []
            for p in o.parameters where !seen.contains(p.name) {
                seen.insert(p.name)
                let ppath = path + "/" + p.name
                guard let np = byName[p.name] else {
                    add(.parameterRemoved, ppath, true, old: Self.describe(p.type, nullable: p.nullable),
                        "calls passing the parameter stop compiling")
                    continue
                }
                if p.type != np.type {
                    add(.parameterTypeChanged, ppath, true, old: p.type, new: np.type, "the argument has another Swift type")
                }
                if p.nullable != np.nullable {
                    add(.parameterNullabilityChanged, ppath, !np.nullable, old: Self.nullability(p.nullable),
                        new: Self.nullability(np.nullable), np.nullable
                            ? "a value still converts to an optional argument"
                            : "the argument stops being optional: calls passing nil stop compiling")
                }
                if p.facets != np.facets {
                    add(.parameterFacetsChanged, ppath, false, old: p.facets, new: np.facets,
                        "facets do not change the generated Swift types")
                }
            }
            for p in n.parameters where !seen.contains(p.name) {
                seen.insert(p.name)
                add(.parameterAdded, path + "/" + p.name, !p.nullable, new: Self.describe(p.type, nullable: p.nullable),
                    p.nullable ? "a new optional argument defaults to nil"
                        : "a new required argument: every call must pass it")
            }
            let oldOrder = o.parameters.map(\.name).filter { byName[$0] != nil }
            let kept = Set(oldOrder)
            let newOrder = n.parameters.map(\.name).filter { kept.contains($0) }
            if oldOrder != newOrder {
                add(.operationParametersReordered, path, true, old: oldOrder.joined(separator: ","),
                    new: newOrder.joined(separator: ","), "Swift argument labels must come in declaration order")
            }
        }

        mutating func imports() {
            for (name, i) in a.imports {
                guard let n = b.imports[name] else {
                    add(.operationImportRemoved, name, true, old: i.operation, "the generated call is gone")
                    continue
                }
                if i.operation != n.operation || i.isAction != n.isAction {
                    add(.operationImportChanged, name, true, old: i.operation, new: n.operation,
                        "the import calls another operation")
                } else if i.entitySet != n.entitySet {
                    add(.operationImportChanged, name, false, old: i.entitySet, new: n.entitySet,
                        "the entity set of the result does not change the generated Swift types")
                }
            }
            for (name, n) in b.imports where a.imports[name] == nil {
                add(.operationImportAdded, name, false, new: n.operation, "a new import adds API and changes none")
            }
        }
    }
}
