/// Binds the references of a `CSDLDocument`. Problems become diagnostics at the element's location; an element
/// whose reference cannot be bound is set aside, the rest goes on.
struct EDMResolver {
    let document: CSDLDocument
    var diagnostics: [Diagnostic] = []
    var entityTypes: [EDMEntityType] = []
    var complexTypes: [EDMComplexType] = []
    var enumTypes: [EDMEnumType] = []
    var typeDefinitions: [EDMTypeDefinition] = []
    var operations: [EDMOperation] = []
    var entitySets: [EDMEntitySet] = []
    var singletons: [EDMSingleton] = []
    var operationImports: [EDMOperationImport] = []
    var terms: [EDMTerm] = []
    var typesByName: [String: EDMTypeKind] = [:]
    var aliases: [String: String] = [:]

    private var termsByName: [String: Int] = [:]
    private var containersByName: [String: (schema: Int, index: Int)] = [:]
    private var operationsByName: [String: [Int]] = [:]
    private var typeCache: [String: EDMTypeRef?] = [:]
    /// Valid while the document (which owns every string used as a key) is alive, i.e. for the resolver's life.
    private var identityCache = IdentityCache()
    private var referencedNamespaces: [String: String] = [:]
    private static let primitives: [String: EDMPrimitive] = {
        var d: [String: EDMPrimitive] = [:]
        for p in EDMPrimitive.allCases { d[p.qualifiedName] = p }
        return d
    }()

    init(document: CSDLDocument) {
        self.document = document
    }

    private mutating func warn(_ message: String, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, message, file: document.file, at: location))
    }

    private mutating func error(_ message: String, _ location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, file: document.file, at: location))
    }

    mutating func run() {
        collectAliases()
        registerTypes()
        resolveBaseTypes()
        resolveStructure()
        resolveOperations()
        resolveContainers()
        resolveTerms()
    }

    // MARK: - Names

    private mutating func collectAliases() {
        for r in document.references {
            for i in r.includes {
                referencedNamespaces[i.namespace] = r.uri
                guard let alias = i.alias else { continue }
                if let other = aliases[alias], other != i.namespace {
                    warn("alias \(alias) is already used for \(other); this include of \(i.namespace) is ignored", i.location)
                    continue
                }
                aliases[alias] = i.namespace
            }
        }
        for s in document.schemas {
            guard let alias = s.alias else { continue }
            if let other = aliases[alias], other != s.namespace {
                warn("alias \(alias) is already used for \(other); the alias of schema \(s.namespace) is ignored", s.location)
                continue
            }
            aliases[alias] = s.namespace
        }
    }

    /// Replaces a leading alias by its namespace.
    private func normalize(_ name: String) -> String {
        if aliases.isEmpty { return name }
        let u = name.utf8
        guard let dot = u.lastIndex(of: UInt8(ascii: ".")) else { return name }
        if let full = aliases[String(name[..<dot])] { return full + name[dot...] }
        return name
    }

    /// Binds a type name as written (`Edm.X`, `NS.T`, `Alias.T`, `Collection(...)`); nil when it names nothing.
    private mutating func bind(_ written: String) -> EDMTypeRef? {
        // Most type names are one of a few hundred strings shared by the reader's interning (or small inline
        // strings): look them up by their bits first, without hashing their text.
        let bits = unsafeBitCast(written, to: (UInt64, UInt64).self)
        if let hit = identityCache.lookup(bits) { return hit }
        let result = bindByName(written)
        identityCache.insert(bits, result)
        return result
    }

    private mutating func bindByName(_ written: String) -> EDMTypeRef? {
        if let cached = typeCache[written] { return cached }
        var name = Substring(written)
        var isCollection = false
        if name.hasPrefix("Collection("), name.hasSuffix(")") {
            name = name.dropFirst("Collection(".count).dropLast()
            isCollection = true
        }
        var result: EDMTypeRef?
        let full = normalize(String(name))
        if let p = EDMResolver.primitives[full] {
            result = EDMTypeRef(.primitive(p), isCollection: isCollection)
        } else if let kind = typesByName[full] {
            result = EDMTypeRef(kind, isCollection: isCollection)
        }
        typeCache[written] = result
        return result
    }

    private func describe(_ written: String) -> String {
        let full = normalize(written.hasPrefix("Collection(") ? String(written.dropFirst(11).dropLast()) : written)
        if full.hasPrefix("Edm.") {
            return "\(written) is not a primitive type of the Edm namespace"
        }
        if let dot = full.lastIndex(of: "."), let reference = referencedNamespaces[String(full[..<dot])] {
            return "\(written) belongs to a referenced document (\(reference)), which is not loaded"
        }
        return "\(written) is not declared in this document"
    }

    private mutating func checkIdentifier(_ name: String, _ what: String, _ location: SourceLocation) {
        if !isSimpleIdentifier(name) {
            warn("\(what) name \"\(name)\" is not a valid CSDL identifier (a letter or _ followed by letters, digits or _, at most 128 characters); generated code and URLs may need to escape it", location)
        }
    }

    // MARK: - Declarations

    private mutating func register(_ qualified: String, _ kind: EDMTypeKind, _ what: String, _ location: SourceLocation) -> Bool {
        if typesByName[qualified] != nil {
            error("\(what) \(qualified) is declared more than once; rename or remove one of the declarations", location)
            return false
        }
        typesByName[qualified] = kind
        return true
    }

    private mutating func registerTypes() {
        var operationNames: Set<String> = []
        for (si, s) in document.schemas.enumerated() {
            let ns = s.namespace
            for (i, t) in s.entityTypes.enumerated() {
                checkIdentifier(t.name, "EntityType", t.location)
                if register(ns + "." + t.name, .entity(entityTypes.count), "EntityType", t.location) {
                    entityTypes.append(EDMEntityType(name: t.name, namespace: ns, declaration: .init(schema: si, index: i),
                                                     isAbstract: t.isAbstract, isOpenType: t.isOpenType, hasStream: t.hasStream))
                }
            }
            for (i, t) in s.complexTypes.enumerated() {
                checkIdentifier(t.name, "ComplexType", t.location)
                if register(ns + "." + t.name, .complex(complexTypes.count), "ComplexType", t.location) {
                    complexTypes.append(EDMComplexType(name: t.name, namespace: ns, declaration: .init(schema: si, index: i),
                                                       isAbstract: t.isAbstract, isOpenType: t.isOpenType))
                }
            }
            for (i, t) in s.enumTypes.enumerated() {
                checkIdentifier(t.name, "EnumType", t.location)
                var u = EDMPrimitive.int32
                if t.underlyingType == "Edm.Int32" {
                    u = .int32
                } else if let underlying = EDMResolver.primitives[t.underlyingType],
                          [.byte, .sByte, .int16, .int32, .int64].contains(underlying) {
                    u = underlying
                } else {
                    warn("EnumType \(t.name) has UnderlyingType \(t.underlyingType); it must be Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64 (Edm.Int32 is used)", t.location)
                }
                var seen: Set<String> = []
                seen.reserveCapacity(t.members.count)
                for k in t.members.indices {
                    let name = t.members[k].name
                    checkIdentifier(name, "enum member", t.members[k].location)
                    if !seen.insert(name).inserted {
                        warn("EnumType \(t.name) has two members named \(name); the second is ignored by generated code", t.members[k].location)
                    }
                }
                if register(ns + "." + t.name, .enumeration(enumTypes.count), "EnumType", t.location) {
                    enumTypes.append(EDMEnumType(name: t.name, namespace: ns, declaration: .init(schema: si, index: i),
                                                 underlyingType: u, isFlags: t.isFlags))
                }
            }
            for (i, t) in s.typeDefinitions.enumerated() {
                checkIdentifier(t.name, "TypeDefinition", t.location)
                var u = EDMPrimitive.string
                if let p = EDMResolver.primitives[normalize(t.underlyingType)] { u = p } else {
                    warn("TypeDefinition \(t.name) has UnderlyingType \(t.underlyingType), which is not a primitive type; Edm.String is used", t.location)
                }
                if register(ns + "." + t.name, .definition(typeDefinitions.count), "TypeDefinition", t.location) {
                    typeDefinitions.append(EDMTypeDefinition(name: t.name, namespace: ns, declaration: .init(schema: si, index: i),
                                                             underlyingType: u))
                }
            }
            for (i, t) in s.terms.enumerated() {
                checkIdentifier(t.name, "Term", t.location)
                let q = ns + "." + t.name
                if termsByName[q] != nil {
                    error("Term \(q) is declared more than once; rename or remove one of the declarations", t.location)
                    continue
                }
                termsByName[q] = terms.count
                terms.append(EDMTerm(name: t.name, namespace: ns, declaration: .init(schema: si, index: i), type: nil))
            }
            for (i, c) in s.entityContainers.enumerated() {
                checkIdentifier(c.name, "EntityContainer", c.location)
                let q = ns + "." + c.name
                if containersByName[q] != nil {
                    error("EntityContainer \(q) is declared more than once; a document has one container per name", c.location)
                    continue
                }
                containersByName[q] = (si, i)
            }
            for o in s.actions + s.functions {
                checkIdentifier(o.name, o.kind.rawValue, o.location)
                operationNames.insert(ns + "." + o.name)
            }
        }
        // A type and an operation of the same qualified name (Microsoft Graph has both `image`s).
        for s in document.schemas {
            for o in s.actions + s.functions where typesByName[s.namespace + "." + o.name] != nil {
                let q = s.namespace + "." + o.name
                if operationNames.remove(q) != nil {
                    warn("\(o.kind.rawValue) \(q) has the same name as a type; both are kept, generated code names them apart", o.location)
                }
            }
        }
    }

    // MARK: - Base types

    private mutating func resolveBaseTypes() {
        for i in entityTypes.indices {
            let t = csdlEntity(i)
            guard let base = t.baseType else { continue }
            if case .entity(let b)? = bind(base)?.kind, bind(base)?.isCollection == false {
                entityTypes[i].baseType = b
            } else {
                warn("EntityType \(t.name) has BaseType \(base), which is not an entity type declared in this document; the type is read without its base", t.location)
            }
        }
        for i in complexTypes.indices {
            let t = csdlComplex(i)
            guard let base = t.baseType else { continue }
            if case .complex(let b)? = bind(base)?.kind, bind(base)?.isCollection == false {
                complexTypes[i].baseType = b
            } else {
                warn("ComplexType \(t.name) has BaseType \(base), which is not a complex type declared in this document; the type is read without its base", t.location)
            }
        }
        // Cycles: every type whose base chain comes back to itself is an error and loses its base.
        let entities = EDMResolver.hierarchy(entityTypes.map(\.baseType))
        for i in entities.cycle.sorted() {
            let names = EDMResolver.cycleNames(from: i, bases: entityTypes.map(\.baseType)) { entityTypes[$0].name }
            error("EntityType \(entityTypes[i].qualifiedName) has a cyclic base type chain (\(names)); break the cycle", csdlEntity(i).location)
        }
        for i in entityTypes.indices {
            entityTypes[i].baseType = entities.bases[i]
            entityTypes[i].baseChain = entities.chains[i]
            entityTypes[i].derivedTypes = entities.derived[i]
        }
        let complexes = EDMResolver.hierarchy(complexTypes.map(\.baseType))
        for i in complexes.cycle.sorted() {
            let names = EDMResolver.cycleNames(from: i, bases: complexTypes.map(\.baseType)) { complexTypes[$0].name }
            error("ComplexType \(complexTypes[i].qualifiedName) has a cyclic base type chain (\(names)); break the cycle", csdlComplex(i).location)
        }
        for i in complexTypes.indices {
            complexTypes[i].baseType = complexes.bases[i]
            complexTypes[i].baseChain = complexes.chains[i]
            complexTypes[i].derivedTypes = complexes.derived[i]
        }
    }

    /// The base-type graph of one kind of types: the members of cycles, the bases with those removed, each type's
    /// chain (nearest base first) and its derived types (in index order).
    static func hierarchy(_ declared: [Int?]) -> (cycle: Set<Int>, bases: [Int?], chains: [[Int]], derived: [[Int]]) {
        let cycle = cycleMembers(declared)
        var bases = declared
        for i in cycle { bases[i] = nil }
        var chains: [[Int]] = []
        var derived = [[Int]](repeating: [], count: bases.count)
        for i in bases.indices {
            var chain: [Int] = []
            var next = bases[i]
            while let b = next { chain.append(b); next = bases[b] }
            chains.append(chain)
            if let b = bases[i] { derived[b].append(i) }
        }
        return (cycle, bases, chains, derived)
    }

    /// Indexes of the types that lie on a cycle of the base-type graph.
    static func cycleMembers(_ bases: [Int?]) -> Set<Int> {
        var members: Set<Int> = []
        var state = [UInt8](repeating: 0, count: bases.count)  // 0 new, 1 on the current walk, 2 done
        for start in bases.indices where state[start] == 0 {
            var path: [Int] = []
            var node: Int? = start
            while let n = node, state[n] == 0 {
                state[n] = 1
                path.append(n)
                node = bases[n]
            }
            if let n = node, state[n] == 1, let at = path.firstIndex(of: n) {
                members.formUnion(path[at...])
            }
            for n in path { state[n] = 2 }
        }
        return members
    }

    static func cycleNames(from start: Int, bases: [Int?], name: (Int) -> String) -> String {
        var names = [name(start)]
        var node = bases[start]
        while let n = node, n != start, names.count <= bases.count {
            names.append(name(n))
            node = bases[n]
        }
        names.append(name(start))
        return names.joined(separator: " -> ")
    }

    private func csdlEntity(_ i: Int) -> CSDLEntityType {
        let d = entityTypes[i].declaration
        return document.schemas[d.schema].entityTypes[d.index]
    }

    private func csdlComplex(_ i: Int) -> CSDLComplexType {
        let d = complexTypes[i].declaration
        return document.schemas[d.schema].complexTypes[d.index]
    }

    // MARK: - Properties, navigation, keys

    private mutating func declaredProperties(_ props: [CSDLProperty], owner: Int, ownerName: String) -> [EDMProperty] {
        var result: [EDMProperty] = []
        result.reserveCapacity(props.count)
        for pi in props.indices {
            let name = props[pi].name
            let written = props[pi].type
            let location = props[pi].location
            checkIdentifier(name, "Property", location)
            guard let type = bind(written) else {
                warn("property \(ownerName)/\(name) has Type \(written): \(describe(written)); the property is set aside", location)
                continue
            }
            if case .entity = type.kind {
                warn("property \(ownerName)/\(name) has an entity type (\(written)); structural properties must have primitive, complex, enum or type-definition types; the property is set aside", location)
                continue
            }
            result.append(EDMProperty(name: name, type: type, nullable: props[pi].nullable, declaringType: owner, declarationIndex: pi))
        }
        return result
    }

    private mutating func declaredNavigation(_ navs: [CSDLNavigationProperty], owner: Int, isEntity: Bool, ownerName: String) -> [EDMNavigationProperty] {
        var result: [EDMNavigationProperty] = []
        for (ni, n) in navs.enumerated() {
            checkIdentifier(n.name, "NavigationProperty", n.location)
            var target: Int?
            if let type = bind(n.type), case .entity(let t) = type.kind { target = t }
            guard let type = bind(n.type), target != nil || type.kind == .primitive(.entityType) else {
                warn("navigation property \(ownerName)/\(n.name) has Type \(n.type), which is not an entity type declared in this document; the navigation property is set aside", n.location)
                continue
            }
            if type.isCollection, n.nullable != nil {
                warn("navigation property \(ownerName)/\(n.name) is a collection and must not have a Nullable attribute; it is ignored", n.location)
            }
            result.append(EDMNavigationProperty(name: n.name, target: target, isCollection: type.isCollection,
                                                nullable: type.isCollection ? false : (n.nullable ?? true),
                                                containsTarget: n.containsTarget, partner: nil, declaringIsEntity: isEntity,
                                                declaringType: owner, declarationIndex: ni))
        }
        return result
    }

    private mutating func resolveStructure() {
        // Declared members first, then flatten along base chains (root first).
        var ownEntity: [[EDMProperty]] = []
        var ownEntityNav: [[EDMNavigationProperty]] = []
        ownEntity.reserveCapacity(entityTypes.count)
        ownEntityNav.reserveCapacity(entityTypes.count)
        for i in entityTypes.indices {
            let d = entityTypes[i].declaration
            let name = entityTypes[i].name
            ownEntity.append(declaredProperties(document.schemas[d.schema].entityTypes[d.index].properties, owner: i, ownerName: name))
            let navs = document.schemas[d.schema].entityTypes[d.index].navigationProperties
            ownEntityNav.append(navs.isEmpty ? [] : declaredNavigation(navs, owner: i, isEntity: true, ownerName: name))
        }
        for i in entityTypes.indices {
            let chain = entityTypes[i].baseChain
            if chain.isEmpty {
                entityTypes[i].properties = ownEntity[i]
                entityTypes[i].navigationProperties = ownEntityNav[i]
            } else {
                var props: [EDMProperty] = []
                var navs: [EDMNavigationProperty] = []
                for b in chain.reversed() {
                    props += ownEntity[b]
                    navs += ownEntityNav[b]
                }
                entityTypes[i].properties = props + ownEntity[i]
                entityTypes[i].navigationProperties = navs + ownEntityNav[i]
            }
        }
        var ownComplex: [[EDMProperty]] = []
        var ownComplexNav: [[EDMNavigationProperty]] = []
        for i in complexTypes.indices {
            let t = csdlComplex(i)
            ownComplex.append(declaredProperties(t.properties, owner: i, ownerName: t.name))
            ownComplexNav.append(declaredNavigation(t.navigationProperties, owner: i, isEntity: false, ownerName: t.name))
        }
        for i in complexTypes.indices {
            var props: [EDMProperty] = []
            var navs: [EDMNavigationProperty] = []
            for b in complexTypes[i].baseChain.reversed() {
                props += ownComplex[b]
                navs += ownComplexNav[b]
            }
            complexTypes[i].properties = props + ownComplex[i]
            complexTypes[i].navigationProperties = navs + ownComplexNav[i]
        }
        resolveKeys()
        resolvePartners()
    }

    private mutating func resolveKeys() {
        var declared: [[EDMKeyProperty]?] = Array(repeating: nil, count: entityTypes.count)
        for i in entityTypes.indices {
            let d = entityTypes[i].declaration
            guard let key = document.schemas[d.schema].entityTypes[d.index].key else { continue }
            let t = (name: entityTypes[i].name, location: key.location)
            if entityTypes[i].baseType != nil, entityTypes[i].baseChain.contains(where: { b in
                let bd = entityTypes[b].declaration
                return document.schemas[bd.schema].entityTypes[bd.index].key != nil
            }) {
                warn("EntityType \(t.name) declares a Key although its base type already has one; the inherited key is used", key.location)
                continue
            }
            var parts: [EDMKeyProperty] = []
            for ref in key.propertyRefs {
                guard let type = keyPropertyType(ref.name, in: i) else {
                    warn("the key of EntityType \(t.name) names property \(ref.name), which \(entityTypes[i].name) does not have; this key part is set aside", ref.location)
                    continue
                }
                if ref.alias == nil && ref.name.utf8.contains(UInt8(ascii: "/")) {
                    warn("key part \(ref.name) of EntityType \(t.name) is a path and needs an Alias", ref.location)
                }
                parts.append(EDMKeyProperty(name: ref.name, alias: ref.alias, type: type))
            }
            declared[i] = parts
        }
        for i in entityTypes.indices {
            if let own = declared[i] {
                entityTypes[i].key = own
                continue
            }
            for b in entityTypes[i].baseChain {
                if let k = declared[b] {
                    entityTypes[i].key = k
                    break
                }
            }
        }
    }

    /// The type of a key property or path (`Info/ID`) of entity type `i`.
    private func keyPropertyType(_ path: String, in i: Int) -> EDMTypeRef? {
        if !path.utf8.contains(UInt8(ascii: "/")) {
            return entityTypes[i].properties.first(where: { $0.name == path })?.type
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var props = entityTypes[i].properties
        var type: EDMTypeRef?
        for (n, segment) in segments.enumerated() {
            guard let p = props.first(where: { $0.name == segment }) else { return nil }
            type = p.type
            if n < segments.count - 1 {
                guard case .complex(let c) = p.type.kind, !p.type.isCollection else { return nil }
                props = complexTypes[c].properties
            }
        }
        return type
    }

    private mutating func resolvePartners() {
        for i in entityTypes.indices {
            for (n, nav) in entityTypes[i].navigationProperties.enumerated() where nav.declaringType == i && nav.declaringIsEntity {
                let decl = csdlEntity(i).navigationProperties[nav.declarationIndex]
                guard let partner = decl.partner, let target = nav.target else { continue }
                if let p = entityTypes[target].navigationProperties.firstIndex(where: { $0.name == partner }) {
                    entityTypes[i].navigationProperties[n].partner = p
                } else {
                    warn("navigation property \(entityTypes[i].name)/\(nav.name) names Partner \(partner), which \(entityTypes[target].name) does not have; the partner is ignored", decl.location)
                }
            }
        }
        // Inherited copies take the partner found on the declaring type.
        for i in entityTypes.indices where !entityTypes[i].baseChain.isEmpty {
            for n in entityTypes[i].navigationProperties.indices {
                let nav = entityTypes[i].navigationProperties[n]
                guard nav.declaringType != i, nav.declaringIsEntity else { continue }
                entityTypes[i].navigationProperties[n].partner = entityTypes[nav.declaringType].navigationProperties
                    .first(where: { $0.declaringType == nav.declaringType && $0.declarationIndex == nav.declarationIndex })?.partner
            }
        }
    }

    // MARK: - Operations

    private mutating func resolveOperations() {
        for (si, s) in document.schemas.enumerated() {
            for (oi, o) in s.actions.enumerated() { resolveOperation(o, si, oi, s.namespace) }
            for (oi, o) in s.functions.enumerated() { resolveOperation(o, si, oi, s.namespace) }
        }
    }

    private mutating func resolveOperation(_ o: CSDLOperation, _ si: Int, _ oi: Int, _ ns: String) {
        var params: [EDMOperationParameter] = []
        var ok = true
        for p in o.parameters {
            checkIdentifier(p.name, "Parameter", p.location)
            guard let type = bind(p.type) else {
                warn("parameter \(p.name) of \(o.kind.rawValue) \(o.name) has Type \(p.type): \(describe(p.type)); the \(o.kind.rawValue.lowercased()) is set aside", p.location)
                ok = false
                continue
            }
            params.append(EDMOperationParameter(name: p.name, type: type, nullable: p.nullable))
        }
        var ret: EDMOperationParameter?
        if let r = o.returnType {
            if let type = bind(r.type) {
                ret = EDMOperationParameter(name: "", type: type, nullable: r.nullable)
            } else {
                warn("the ReturnType of \(o.kind.rawValue) \(o.name) is \(r.type): \(describe(r.type)); the \(o.kind.rawValue.lowercased()) is set aside", r.location)
                ok = false
            }
        } else if o.kind == .function {
            warn("Function \(o.name) has no ReturnType, which functions must have; the function is set aside", o.location)
            ok = false
        }
        if o.isBound && o.parameters.isEmpty {
            warn("\(o.kind.rawValue) \(o.name) is bound but has no parameter to bind to; the first parameter is the binding parameter. It is set aside", o.location)
            ok = false
        }
        if let path = o.entitySetPath {
            let first = path.split(separator: "/").first.map(String.init) ?? ""
            if !o.isBound || o.parameters.first?.name != first {
                warn("\(o.kind.rawValue) \(o.name) has EntitySetPath \(path), which must start with the name of the binding parameter\(o.parameters.first.map { " (\($0.name))" } ?? ""); it is ignored", o.location)
            }
        }
        guard ok else { return }
        let q = ns + "." + o.name
        operationsByName[q, default: []].append(operations.count)
        operations.append(EDMOperation(kind: o.kind, name: o.name, namespace: ns, declaration: .init(schema: si, index: oi),
                                       isBound: o.isBound, bindingParameter: o.isBound ? params.first : nil,
                                       parameters: params, returnType: ret, entitySetPath: o.entitySetPath,
                                       isComposable: o.isComposable))
    }

    // MARK: - Containers

    private mutating func resolveContainers() {
        var setsByName: [String: [String: Int]] = [:]  // container qualified name -> set name -> index
        var singletonsByName: [String: [String: Int]] = [:]
        var pending: [(isSet: Bool, index: Int, container: String, bindings: [CSDLNavigationPropertyBinding])] = []
        for (si, s) in document.schemas.enumerated() {
            for (ci, c) in s.entityContainers.enumerated() {
                let cq = s.namespace + "." + c.name
                guard let registered = containersByName[cq], registered.schema == si, registered.index == ci else { continue }
                if let ext = c.extends, containersByName[normalize(ext)] == nil {
                    warn("EntityContainer \(c.name) extends \(ext), which is not declared in this document; only its own members are read", c.location)
                }
                var names: Set<String> = []
                for e in c.entitySets {
                    checkIdentifier(e.name, "EntitySet", e.location)
                    guard names.insert(e.name).inserted else {
                        error("EntityContainer \(c.name) has two members named \(e.name); rename one", e.location)
                        continue
                    }
                    guard let type = bind(e.entityType), case .entity(let t) = type.kind, !type.isCollection else {
                        warn("entity set \(e.name) has EntityType \(e.entityType), which is not an entity type declared in this document; the entity set is set aside", e.location)
                        continue
                    }
                    setsByName[cq, default: [:]][e.name] = entitySets.count
                    pending.append((true, entitySets.count, cq, e.navigationPropertyBindings))
                    entitySets.append(EDMEntitySet(name: e.name, container: cq, entityType: t,
                                                   includeInServiceDocument: e.includeInServiceDocument, location: e.location))
                }
                for e in c.singletons {
                    checkIdentifier(e.name, "Singleton", e.location)
                    guard names.insert(e.name).inserted else {
                        error("EntityContainer \(c.name) has two members named \(e.name); rename one", e.location)
                        continue
                    }
                    guard let type = bind(e.type), case .entity(let t) = type.kind, !type.isCollection else {
                        warn("singleton \(e.name) has Type \(e.type), which is not an entity type declared in this document; the singleton is set aside", e.location)
                        continue
                    }
                    singletonsByName[cq, default: [:]][e.name] = singletons.count
                    pending.append((false, singletons.count, cq, e.navigationPropertyBindings))
                    singletons.append(EDMSingleton(name: e.name, container: cq, entityType: t, location: e.location))
                }
                for imp in c.actionImports + c.functionImports {
                    checkIdentifier(imp.name, imp.kind.rawValue + "Import", imp.location)
                    guard names.insert(imp.name).inserted else {
                        error("EntityContainer \(c.name) has two members named \(imp.name); rename one", imp.location)
                        continue
                    }
                    let overloads = (operationsByName[normalize(imp.operation)] ?? []).filter {
                        operations[$0].kind == imp.kind && !operations[$0].isBound
                    }
                    if overloads.isEmpty {
                        warn("\(imp.kind.rawValue)Import \(imp.name) names \(imp.kind.rawValue) \(imp.operation), which has no unbound overload declared in this document; the import is set aside", imp.location)
                        continue
                    }
                    operationImports.append(EDMOperationImport(kind: imp.kind, name: imp.name, container: cq, operations: overloads,
                                                               entitySet: nil))
                    if let set = imp.entitySet {
                        pendingImportSets.append((operationImports.count - 1, set, cq, imp.location))
                    }
                }
            }
        }
        for (index, set, cq, location) in pendingImportSets {
            if let i = lookupTarget(set, cq, setsByName, singletonsByName), case .entitySet(let s) = i {
                operationImports[index].entitySet = s
            } else {
                warn("\(operationImports[index].kind.rawValue)Import \(operationImports[index].name) names EntitySet \(set), which is not declared; it is ignored", location)
            }
        }
        for p in pending {
            let type = p.isSet ? entitySets[p.index].entityType : singletons[p.index].entityType
            var bound: [EDMNavigationBinding] = []
            for b in p.bindings {
                guard let nav = bindingPath(b.path, from: type) else {
                    warn("NavigationPropertyBinding Path \(b.path) does not name a navigation property of \(entityTypes[type].name); the binding is set aside", b.location)
                    continue
                }
                guard let target = lookupTarget(b.target, p.container, setsByName, singletonsByName) else {
                    warn("NavigationPropertyBinding \(b.path) has Target \(b.target), which is not an entity set or singleton declared in this document; the binding is set aside", b.location)
                    continue
                }
                bound.append(EDMNavigationBinding(path: b.path, navigationProperty: nav, target: target))
            }
            if p.isSet { entitySets[p.index].bindings = bound } else { singletons[p.index].bindings = bound }
        }
    }

    private var pendingImportSets: [(Int, String, String, SourceLocation)] = []

    private func lookupTarget(_ target: String, _ container: String, _ sets: [String: [String: Int]],
                              _ singles: [String: [String: Int]]) -> EDMBindingTarget? {
        var containerName = container
        var name = Substring(target)
        if let slash = target.firstIndex(of: "/") {
            let head = String(target[..<slash])
            if containersByName[normalize(head)] != nil {
                containerName = normalize(head)
                name = target[target.index(after: slash)...]
            }
        }
        // Containment paths (Set/Nav/...) bind to the first segment's set.
        let first = String(name.split(separator: "/").first ?? name)
        if let s = sets[containerName]?[first] { return .entitySet(s) }
        if let s = singles[containerName]?[first] { return .singleton(s) }
        return nil
    }

    /// Binds a binding path (`Nav`, `Complex/Nav`, `NS.Derived/Nav`) from entity type `start`.
    private func bindingPath(_ path: String, from start: Int) -> EDMNavigationRef? {
        var entity: Int? = start
        var complex: Int?
        let segments = path.split(separator: "/")
        for (n, segment) in segments.enumerated() {
            let last = n == segments.count - 1
            if segment.utf8.contains(UInt8(ascii: ".")) {
                // Type cast.
                switch typesByName[normalize(String(segment))] {
                case .entity(let e)?: entity = e; complex = nil
                case .complex(let c)?: complex = c; entity = nil
                default: return nil
                }
                if last { return nil }
                continue
            }
            let navs = entity.map { entityTypes[$0].navigationProperties } ?? complex.map { complexTypes[$0].navigationProperties } ?? []
            if let i = navs.firstIndex(where: { $0.name == segment }) {
                let nav = navs[i]
                if last {
                    if let e = entity { return EDMNavigationRef(ownerIsEntity: true, owner: e, index: i) }
                    if let c = complex { return EDMNavigationRef(ownerIsEntity: false, owner: c, index: i) }
                    return nil
                }
                // Only containment navigation can be followed inside a binding path.
                guard let target = nav.target else { return nil }
                entity = target
                complex = nil
                continue
            }
            let props = entity.map { entityTypes[$0].properties } ?? complex.map { complexTypes[$0].properties } ?? []
            guard !last, let p = props.first(where: { $0.name == segment }), case .complex(let c) = p.type.kind else { return nil }
            complex = c
            entity = nil
        }
        return nil
    }

    // MARK: - Terms

    private mutating func resolveTerms() {
        for i in terms.indices {
            let d = terms[i].declaration
            let t = document.schemas[d.schema].terms[d.index]
            if let type = bind(t.type) {
                terms[i].type = type
            } else {
                warn("Term \(t.name) has Type \(t.type): \(describe(t.type))", t.location)
            }
        }
    }
}

/// True when `name` is a CSDL SimpleIdentifier: a letter or `_`, then letters, digits, `_` (Unicode categories
/// L, Nl, Nd, Mn, Mc, Pc, Cf), at most 128 characters.
public func isSimpleIdentifier(_ name: String) -> Bool {
    // ASCII fast path over the contiguous UTF-8 bytes.
    var copy = name
    let ascii: Bool? = copy.withUTF8 { bytes -> Bool? in
        if bytes.isEmpty || bytes.count > 128 * 4 { return false }
        var valid = true
        for i in 0..<bytes.count {
            let c = bytes[i]
            if c >= 0x80 { return nil }
            let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
            if i == 0 ? !letter : !(letter || (c >= 0x30 && c <= 0x39)) { valid = false }
        }
        return valid && bytes.count <= 128
    }
    if let ascii { return ascii }
    var count = 0
    for (i, scalar) in name.unicodeScalars.enumerated() {
        count += 1
        if count > 128 { return false }
        let v = scalar.value
        if v < 0x80 {
            let c = UInt8(v)
            let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
            let digit = c >= 0x30 && c <= 0x39
            if i == 0 ? !letter : !(letter || digit) { return false }
            continue
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber:
            continue
        case .decimalNumber, .nonspacingMark, .spacingMark, .connectorPunctuation, .format:
            if i == 0 { return false }
        default:
            return false
        }
    }
    return count > 0
}

/// A map from the bits of a `String` value to a bound type. Equal bits mean an equal string: a small string's bits
/// are its content, a large one's name its (immutable) storage. Unequal bits may still be equal strings, which
/// only costs a miss. Keys must stay alive while the cache is used.
struct IdentityCache {
    private var keys: [(UInt64, UInt64)]
    private var values: [EDMTypeRef?]
    private var used: [Bool]
    private var count = 0
    private var mask: Int

    init() {
        keys = Array(repeating: (0, 0), count: 1024)
        values = Array(repeating: nil, count: 1024)
        used = Array(repeating: false, count: 1024)
        mask = 1023
    }

    @inline(__always)
    private func slot(_ k: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: ((k.0 ^ (k.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 32) & mask
    }

    func lookup(_ k: (UInt64, UInt64)) -> EDMTypeRef?? {
        var s = slot(k)
        while used[s] {
            if keys[s] == k { return .some(values[s]) }
            s = (s + 1) & mask
        }
        return nil
    }

    mutating func insert(_ k: (UInt64, UInt64), _ v: EDMTypeRef?) {
        if (count + 1) * 2 > keys.count { grow() }
        var s = slot(k)
        while used[s] {
            if keys[s] == k { values[s] = v; return }
            s = (s + 1) & mask
        }
        keys[s] = k
        values[s] = v
        used[s] = true
        count += 1
    }

    private mutating func grow() {
        let old = (keys, values, used)
        let c = keys.count * 2
        keys = Array(repeating: (0, 0), count: c)
        values = Array(repeating: nil, count: c)
        used = Array(repeating: false, count: c)
        mask = c - 1
        count = 0
        for i in old.0.indices where old.2[i] { insert(old.0[i], old.1[i]) }
    }
}
