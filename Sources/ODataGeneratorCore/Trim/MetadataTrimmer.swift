import ODataCSDL

/// Writes a smaller EDMX document holding a selection and its closure, so a team can commit the part of a 50 MB
/// `$metadata` it generates from.
///
/// Kept: every `edmx:Reference` and every `Schema` (namespace and alias, so names keep resolving); the selected
/// entity, complex, enum and type definitions (the selection's closure: base types, property, key and parameter
/// types); their properties; their navigation properties whose target type is kept (the others would be dropped
/// by generation anyway); the selected actions and functions (every selected overload) and the ones kept imports
/// call; in the entity container, the selected entity sets, singletons and imports, with the navigation property
/// bindings whose navigation property and target are kept (the container is left out when nothing in it is
/// kept, as CSDL requires at least one child); inline annotations of everything kept; `Annotations` elements whose
/// target is a kept element (or a member of one that is kept); the `Term` declarations those annotations use.
///
/// The output is deterministic (document order, fixed indentation, LF line ends) and escapes attribute values and
/// text (`&`, `<`, `>`, `"`, control characters in attributes); non-ASCII is written as UTF-8. Attributes that equal
/// their CSDL default are left out (`Nullable="true"` on a property, for instance).
public enum MetadataTrimmer {
    /// Sizes of a trim.
    public struct Result: Sendable {
        /// The trimmed document, UTF-8.
        public var bytes: [UInt8]
        /// How many `Annotations` elements were left out because their target is not kept.
        public var droppedAnnotationGroups: Int
        /// How many navigation properties of kept types were left out because their target type is not kept.
        public var droppedNavigationProperties: Int
    }

    /// Trims the document of `model` to `selection` (a result of `Selection.select` on that model).
    public static func trim(model: EDMModel, selection: SelectionResult) -> Result {
        var writer = Writer(model: model, selection: selection)
        writer.write()
        return Result(bytes: writer.out.bytes, droppedAnnotationGroups: writer.droppedAnnotationGroups,
                      droppedNavigationProperties: writer.droppedNavigation)
    }

    /// Where an element is declared: (index into the document's schemas, index into that kind's array).
    private struct Decl: Hashable {
        var schema: Int
        var index: Int
        init(schema: Int, index: Int) {
            self.schema = schema
            self.index = index
        }
        init(_ d: EDMDeclaration) {
            schema = d.schema
            index = d.index
        }
    }

    private struct Writer {
        let model: EDMModel
        let document: CSDLDocument
        var out = XMLOutput()
        var droppedAnnotationGroups = 0
        var droppedNavigation = 0

        // Kept declarations, by (schema, index) per kind.
        var entityTypes: Set<Decl> = []
        var complexTypes: Set<Decl> = []
        var enumTypes: Set<Decl> = []
        var typeDefinitions: Set<Decl> = []
        var actions: Set<Decl> = []
        var functions: Set<Decl> = []
        /// Kept navigation properties: declaration of the declaring type (entity or complex) -> declaration indexes.
        var entityNavigation: [Decl: Set<Int>] = [:]
        var complexNavigation: [Decl: Set<Int>] = [:]
        /// Qualified container name -> kept member names (sets, singletons, imports).
        var containerMembers: [String: Set<String>] = [:]
        /// Qualified container name + "/" + set or singleton name -> kept binding paths.
        var bindings: [String: Set<String>] = [:]
        /// Qualified names of kept operations (any overload).
        var operationNames: Set<String> = []
        /// Qualified names of kept types.
        var typeNames: Set<String> = []
        /// Qualified type name -> names of its navigation properties that are not kept.
        var droppedNavigationNames: [String: Set<String>] = [:]
        /// Terms used by kept annotations (qualified, aliases resolved).
        var usedTerms: Set<String> = []
        /// Enum types named by `EnumMember` values of kept annotations (qualified, aliases resolved): kept too, so the
        /// annotation values still resolve.
        var annotationEnums: Set<String> = []
        /// `Annotations` elements kept: (schema, index).
        var keptGroups: Set<Decl> = []

        init(model: EDMModel, selection: SelectionResult) {
            self.model = model
            self.document = model.document
            var keptEntity = [Bool](repeating: false, count: model.entityTypes.count)
            for i in selection.entityTypes {
                keptEntity[i] = true
                entityTypes.insert(Decl(model.entityTypes[i].declaration))
                typeNames.insert(model.entityTypes[i].qualifiedName)
            }
            for i in selection.complexTypes {
                complexTypes.insert(Decl(model.complexTypes[i].declaration))
                typeNames.insert(model.complexTypes[i].qualifiedName)
            }
            for i in selection.enumTypes {
                enumTypes.insert(Decl(model.enumTypes[i].declaration))
                typeNames.insert(model.enumTypes[i].qualifiedName)
            }
            for i in selection.typeDefinitions {
                typeDefinitions.insert(Decl(model.typeDefinitions[i].declaration))
                typeNames.insert(model.typeDefinitions[i].qualifiedName)
            }
            var operations = Set(selection.operations)
            for i in selection.operationImports { operations.formUnion(model.operationImports[i].operations) }
            for i in operations.sorted() {
                let op = model.operations[i]
                if op.kind == .action { actions.insert(Decl(op.declaration)) } else { functions.insert(Decl(op.declaration)) }
                operationNames.insert(op.qualifiedName)
            }
            // Navigation: kept when declared on a kept type and its target is kept (or any entity type).
            func isKept(_ nav: EDMNavigationProperty) -> Bool { nav.target.map { keptEntity[$0] } ?? true }
            for i in selection.entityTypes {
                let t = model.entityTypes[i]
                for nav in t.navigationProperties {
                    if !isKept(nav) { droppedNavigationNames[t.qualifiedName, default: []].insert(nav.name) }
                    guard nav.declaringIsEntity, nav.declaringType == i, isKept(nav) else { continue }
                    entityNavigation[Decl(t.declaration), default: []].insert(nav.declarationIndex)
                }
            }
            for i in selection.complexTypes {
                let t = model.complexTypes[i]
                for nav in t.navigationProperties {
                    if !isKept(nav) { droppedNavigationNames[t.qualifiedName, default: []].insert(nav.name) }
                    guard !nav.declaringIsEntity, nav.declaringType == i, isKept(nav) else { continue }
                    complexNavigation[Decl(t.declaration), default: []].insert(nav.declarationIndex)
                }
            }
            func navigationKept(_ ref: EDMNavigationRef) -> Bool {
                let nav = ref.ownerIsEntity ? model.entityTypes[ref.owner].navigationProperties[ref.index]
                    : model.complexTypes[ref.owner].navigationProperties[ref.index]
                let declaring = Decl(nav.declaringIsEntity ? model.entityTypes[nav.declaringType].declaration
                    : model.complexTypes[nav.declaringType].declaration)
                let kept = nav.declaringIsEntity ? entityNavigation[declaring] : complexNavigation[declaring]
                return kept?.contains(nav.declarationIndex) ?? false
            }
            let keptSets = Set(selection.entitySets)
            let keptSingletons = Set(selection.singletons)
            func targetKept(_ target: EDMBindingTarget) -> Bool {
                switch target {
                case .entitySet(let i): return keptSets.contains(i)
                case .singleton(let i): return keptSingletons.contains(i)
                }
            }
            for i in selection.entitySets {
                let s = model.entitySets[i]
                containerMembers[s.container, default: []].insert(s.name)
                bindings[s.container + "/" + s.name] = Set(s.bindings.filter {
                    targetKept($0.target) && navigationKept($0.navigationProperty)
                }.map(\.path))
            }
            for i in selection.singletons {
                let s = model.singletons[i]
                containerMembers[s.container, default: []].insert(s.name)
                bindings[s.container + "/" + s.name] = Set(s.bindings.filter {
                    targetKept($0.target) && navigationKept($0.navigationProperty)
                }.map(\.path))
            }
            for i in selection.operationImports {
                let imp = model.operationImports[i]
                containerMembers[imp.container, default: []].insert(imp.name)
            }
        }

        // MARK: Which annotation groups and terms are kept

        /// True when an `Annotations` target names a kept element: a kept type (or a member of it that is kept), a
        /// kept operation (or its parameters), a kept container or one of its kept members, or a kept term.
        func targetIsKept(_ target: String, schemaNamespace: String) -> Bool {
            let segments = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard let first = segments.first else { return false }
            let head = first.firstIndex(of: "(").map { String(first[..<$0]) } ?? first
            let name = model.normalize(head)
            if typeNames.contains(name) {
                guard segments.count > 1 else { return true }
                return !(droppedNavigationNames[name]?.contains(segments[1]) ?? false)
            }
            if operationNames.contains(name) { return true }
            if let members = containerMembers[name] {
                guard segments.count > 1 else { return true }
                return members.contains(segments[1])
            }
            if isContainer(name) { return segments.count == 1 && !(containerMembers[name]?.isEmpty ?? true) }
            return false
        }

        func isContainer(_ qualifiedName: String) -> Bool {
            document.schemas.contains { s in s.entityContainers.contains { s.namespace + "." + $0.name == qualifiedName } }
        }

        mutating func collectTerms(_ annotations: [CSDLAnnotation]) {
            for a in annotations {
                usedTerms.insert(model.normalize(a.term))
                collectTerms(a.annotations)
                if let v = a.value { collectTerms(v) }
            }
        }

        mutating func collectTerms(_ e: CSDLExpression) {
            switch e {
            case .constant(.enumMember, let text):
                for member in text.split(separator: " ") {
                    guard let slash = member.firstIndex(of: "/") else { continue }
                    annotationEnums.insert(model.normalize(String(member[..<slash])))
                }
            case .collection(let items): for i in items { collectTerms(i) }
            case .record(let r):
                collectTerms(r.annotations)
                for pv in r.propertyValues {
                    collectTerms(pv.annotations)
                    if let v = pv.value { collectTerms(v) }
                }
            case .raw(let r):
                collectTerms(r.annotations)
                for c in r.children { collectTerms(c) }
            default: break
            }
        }

        /// Terms used by everything kept (a first pass that mirrors what `write` writes).
        mutating func collectUsedTerms() {
            for ref in document.references {
                collectTerms(ref.annotations)
                for inc in ref.includes { collectTerms(inc.annotations) }
            }
            for (s, schema) in document.schemas.enumerated() {
                collectTerms(schema.annotations)
                for (i, t) in schema.entityTypes.enumerated() where entityTypes.contains(Decl(schema: s, index: i)) {
                    collectTerms(t.annotations)
                    for p in t.properties { collectTerms(p.annotations) }
                    let navs = entityNavigation[Decl(schema: s, index: i)] ?? []
                    for (n, nav) in t.navigationProperties.enumerated() where navs.contains(n) { collect(nav) }
                }
                for (i, t) in schema.complexTypes.enumerated() where complexTypes.contains(Decl(schema: s, index: i)) {
                    collectTerms(t.annotations)
                    for p in t.properties { collectTerms(p.annotations) }
                    let navs = complexNavigation[Decl(schema: s, index: i)] ?? []
                    for (n, nav) in t.navigationProperties.enumerated() where navs.contains(n) { collect(nav) }
                }
                for (i, t) in schema.enumTypes.enumerated() where enumTypes.contains(Decl(schema: s, index: i)) {
                    collectTerms(t.annotations)
                    for m in t.members { collectTerms(m.annotations) }
                }
                for (i, t) in schema.typeDefinitions.enumerated() where typeDefinitions.contains(Decl(schema: s, index: i)) {
                    collectTerms(t.annotations)
                }
                for (i, op) in schema.actions.enumerated() where actions.contains(Decl(schema: s, index: i)) { collect(op) }
                for (i, op) in schema.functions.enumerated() where functions.contains(Decl(schema: s, index: i)) { collect(op) }
                for c in schema.entityContainers {
                    let q = schema.namespace + "." + c.name
                    guard let members = containerMembers[q], !members.isEmpty else { continue }
                    collectTerms(c.annotations)
                    for e in c.entitySets where members.contains(e.name) { collectTerms(e.annotations) }
                    for e in c.singletons where members.contains(e.name) { collectTerms(e.annotations) }
                    for e in c.actionImports + c.functionImports where members.contains(e.name) { collectTerms(e.annotations) }
                }
                for (g, group) in schema.annotationGroups.enumerated()
                where targetIsKept(group.target, schemaNamespace: schema.namespace) {
                    keptGroups.insert(Decl(schema: s, index: g))
                    collectTerms(group.annotations)
                }
            }
            // Annotations of kept terms may use further terms.
            var seen: Set<String> = []
            while true {
                let pending = usedTerms.subtracting(seen)
                if pending.isEmpty { break }
                seen.formUnion(pending)
                for schema in document.schemas {
                    for t in schema.terms where pending.contains(schema.namespace + "." + t.name) { collectTerms(t.annotations) }
                }
            }
        }

        mutating func collect(_ nav: CSDLNavigationProperty) {
            collectTerms(nav.annotations)
            for rc in nav.referentialConstraints { collectTerms(rc.annotations) }
            if let d = nav.onDelete { collectTerms(d.annotations) }
        }

        mutating func collect(_ op: CSDLOperation) {
            collectTerms(op.annotations)
            for p in op.parameters { collectTerms(p.annotations) }
            if let r = op.returnType { collectTerms(r.annotations) }
        }

        // MARK: Writing

        mutating func write() {
            collectUsedTerms()
            out.start("edmx:Edmx", [("Version", document.version.isEmpty ? "4.0" : document.version),
                                    ("xmlns:edmx", "http://docs.oasis-open.org/odata/ns/edmx"),
                                    // Annotations of references and includes are CSDL elements, unprefixed.
                                    ("xmlns", "http://docs.oasis-open.org/odata/ns/edm")])
            for ref in document.references { write(ref) }
            out.start("edmx:DataServices")
            for (s, schema) in document.schemas.enumerated() { write(schema, index: s) }
            out.end()
            out.end()
            for (s, schema) in document.schemas.enumerated() {
                for g in schema.annotationGroups.indices where !keptGroups.contains(Decl(schema: s, index: g)) {
                    droppedAnnotationGroups += 1
                }
            }
            for (s, schema) in document.schemas.enumerated() {
                for (i, t) in schema.entityTypes.enumerated() {
                    let d = Decl(schema: s, index: i)
                    guard entityTypes.contains(d) else { continue }
                    droppedNavigation += t.navigationProperties.count - (entityNavigation[d]?.count ?? 0)
                }
                for (i, t) in schema.complexTypes.enumerated() {
                    let d = Decl(schema: s, index: i)
                    guard complexTypes.contains(d) else { continue }
                    droppedNavigation += t.navigationProperties.count - (complexNavigation[d]?.count ?? 0)
                }
            }
        }

        mutating func write(_ ref: CSDLReference) {
            out.start("edmx:Reference", [("Uri", ref.uri)])
            for inc in ref.includes {
                out.start("edmx:Include", [("Namespace", inc.namespace), ("Alias", inc.alias)])
                write(inc.annotations)
                out.end()
            }
            for inc in ref.includeAnnotations {
                out.empty("edmx:IncludeAnnotations", [("TermNamespace", inc.termNamespace), ("Qualifier", inc.qualifier),
                                                      ("TargetNamespace", inc.targetNamespace)])
            }
            write(ref.annotations)
            out.end()
        }

        static func facets(_ f: CSDLFacets) -> [(String, String?)] {
            var a: [(String, String?)] = []
            switch f.maxLength {
            case .max?: a.append(("MaxLength", "max"))
            case .value(let n)?: a.append(("MaxLength", String(n)))
            case nil: break
            }
            a.append(("Precision", f.precision.map(String.init)))
            switch f.scale {
            case .variable?: a.append(("Scale", "variable"))
            case .floating?: a.append(("Scale", "floating"))
            case .value(let n)?: a.append(("Scale", String(n)))
            case nil: break
            }
            a.append(("SRID", f.srid))
            a.append(("Unicode", f.unicode.map { $0 ? "true" : "false" }))
            return a
        }

        static func flag(_ value: Bool, _ whenWritten: Bool) -> String? {
            value == whenWritten ? (value ? "true" : "false") : nil
        }

        mutating func write(_ schema: CSDLSchema, index s: Int) {
            out.start("Schema", [("Namespace", schema.namespace), ("Alias", schema.alias),
                                 ("xmlns", "http://docs.oasis-open.org/odata/ns/edm")])
            for (kind, i32) in schema.order {
                let i = Int(i32)
                let d = Decl(schema: s, index: i)
                switch kind {
                case .entityType where entityTypes.contains(d):
                    let t = schema.entityTypes[i]
                    out.start("EntityType", [("Name", t.name), ("BaseType", t.baseType),
                                             ("Abstract", Self.flag(t.isAbstract, true)),
                                             ("OpenType", Self.flag(t.isOpenType, true)),
                                             ("HasStream", Self.flag(t.hasStream, true))])
                    if let key = t.key {
                        out.start("Key")
                        for r in key.propertyRefs { out.empty("PropertyRef", [("Name", r.name), ("Alias", r.alias)]) }
                        out.end()
                    }
                    for p in t.properties { write(p) }
                    let navs = entityNavigation[d] ?? []
                    for (n, nav) in t.navigationProperties.enumerated() where navs.contains(n) { write(nav) }
                    write(t.annotations)
                    out.end()
                case .complexType where complexTypes.contains(d):
                    let t = schema.complexTypes[i]
                    out.start("ComplexType", [("Name", t.name), ("BaseType", t.baseType),
                                              ("Abstract", Self.flag(t.isAbstract, true)),
                                              ("OpenType", Self.flag(t.isOpenType, true))])
                    for p in t.properties { write(p) }
                    let navs = complexNavigation[d] ?? []
                    for (n, nav) in t.navigationProperties.enumerated() where navs.contains(n) { write(nav) }
                    write(t.annotations)
                    out.end()
                case .enumType where enumTypes.contains(d)
                    || annotationEnums.contains(schema.namespace + "." + schema.enumTypes[i].name):
                    let t = schema.enumTypes[i]
                    out.start("EnumType", [("Name", t.name),
                                           ("UnderlyingType", t.underlyingType == "Edm.Int32" ? nil : t.underlyingType),
                                           ("IsFlags", Self.flag(t.isFlags, true))])
                    write(t.annotations)
                    for m in t.members {
                        out.start("Member", [("Name", m.name), ("Value", m.hasExplicitValue ? String(m.value) : nil)])
                        write(m.annotations)
                        out.end()
                    }
                    out.end()
                case .typeDefinition where typeDefinitions.contains(d):
                    let t = schema.typeDefinitions[i]
                    out.start("TypeDefinition", [("Name", t.name), ("UnderlyingType", t.underlyingType)] + Self.facets(t.facets))
                    write(t.annotations)
                    out.end()
                case .action where actions.contains(d):
                    write(schema.actions[i])
                case .function where functions.contains(d):
                    write(schema.functions[i])
                case .entityContainer:
                    write(schema.entityContainers[i], namespace: schema.namespace)
                case .term where usedTerms.contains(schema.namespace + "." + schema.terms[i].name):
                    let t = schema.terms[i]
                    out.start("Term", [("Name", t.name), ("Type", t.type), ("BaseTerm", t.baseTerm),
                                       ("Nullable", Self.flag(t.nullable, false)), ("DefaultValue", t.defaultValue),
                                       ("AppliesTo", t.appliesTo)] + Self.facets(t.facets))
                    write(t.annotations)
                    out.end()
                case .annotations where keptGroups.contains(d):
                    let g = schema.annotationGroups[i]
                    out.start("Annotations", [("Target", g.target), ("Qualifier", g.qualifier)])
                    write(g.annotations)
                    out.end()
                default:
                    break
                }
            }
            write(schema.annotations)
            out.end()
        }

        mutating func write(_ p: CSDLProperty) {
            out.start("Property", [("Name", p.name), ("Type", p.type), ("Nullable", Self.flag(p.nullable, false))]
                      + Self.facets(p.facets) + [("DefaultValue", p.defaultValue)])
            write(p.annotations)
            out.end()
        }

        mutating func write(_ nav: CSDLNavigationProperty) {
            out.start("NavigationProperty", [("Name", nav.name), ("Type", nav.type),
                                             ("Nullable", nav.nullable.map { $0 ? "true" : "false" }),
                                             ("Partner", nav.partner), ("ContainsTarget", Self.flag(nav.containsTarget, true))])
            for rc in nav.referentialConstraints {
                out.start("ReferentialConstraint", [("Property", rc.property), ("ReferencedProperty", rc.referencedProperty)])
                write(rc.annotations)
                out.end()
            }
            if let d = nav.onDelete {
                out.start("OnDelete", [("Action", d.action)])
                write(d.annotations)
                out.end()
            }
            write(nav.annotations)
            out.end()
        }

        mutating func write(_ op: CSDLOperation) {
            out.start(op.kind.rawValue, [("Name", op.name), ("IsBound", Self.flag(op.isBound, true)),
                                         ("EntitySetPath", op.entitySetPath),
                                         ("IsComposable", op.kind == .function ? Self.flag(op.isComposable, true) : nil)])
            for p in op.parameters {
                out.start("Parameter", [("Name", p.name), ("Type", p.type), ("Nullable", Self.flag(p.nullable, false))]
                          + Self.facets(p.facets))
                write(p.annotations)
                out.end()
            }
            if let r = op.returnType {
                out.start("ReturnType", [("Type", r.type), ("Nullable", Self.flag(r.nullable, false))] + Self.facets(r.facets))
                write(r.annotations)
                out.end()
            }
            write(op.annotations)
            out.end()
        }

        mutating func write(_ c: CSDLEntityContainer, namespace: String) {
            let q = namespace + "." + c.name
            guard let members = containerMembers[q], !members.isEmpty else { return }
            out.start("EntityContainer", [("Name", c.name), ("Extends", c.extends)])
            write(c.annotations)
            for (kind, i32) in c.order {
                let i = Int(i32)
                switch kind {
                case .entitySet where members.contains(c.entitySets[i].name):
                    let e = c.entitySets[i]
                    out.start("EntitySet", [("Name", e.name), ("EntityType", e.entityType),
                                            ("IncludeInServiceDocument", Self.flag(e.includeInServiceDocument, false))])
                    let kept = bindings[q + "/" + e.name] ?? []
                    for b in e.navigationPropertyBindings where kept.contains(b.path) {
                        out.empty("NavigationPropertyBinding", [("Path", b.path), ("Target", b.target)])
                    }
                    write(e.annotations)
                    out.end()
                case .singleton where members.contains(c.singletons[i].name):
                    let e = c.singletons[i]
                    out.start("Singleton", [("Name", e.name), ("Type", e.type), ("Nullable", Self.flag(e.nullable, true))])
                    let kept = bindings[q + "/" + e.name] ?? []
                    for b in e.navigationPropertyBindings where kept.contains(b.path) {
                        out.empty("NavigationPropertyBinding", [("Path", b.path), ("Target", b.target)])
                    }
                    write(e.annotations)
                    out.end()
                case .actionImport where members.contains(c.actionImports[i].name):
                    let e = c.actionImports[i]
                    out.start("ActionImport", [("Name", e.name), ("Action", e.operation), ("EntitySet", e.entitySet)])
                    write(e.annotations)
                    out.end()
                case .functionImport where members.contains(c.functionImports[i].name):
                    let e = c.functionImports[i]
                    out.start("FunctionImport", [("Name", e.name), ("Function", e.operation), ("EntitySet", e.entitySet),
                                                 ("IncludeInServiceDocument", Self.flag(e.includeInServiceDocument, true))])
                    write(e.annotations)
                    out.end()
                default:
                    break
                }
            }
            out.end()
        }

        // MARK: Annotations and expressions

        mutating func write(_ annotations: [CSDLAnnotation]) {
            for a in annotations { write(a) }
        }

        /// The attribute form of a constant or path expression; nil for the others.
        static func inlineAttribute(_ e: CSDLExpression?) -> (String, String?)? {
            switch e {
            case .constant(let kind, let text)?: return (kind.rawValue, text)
            case .path(let kind, let text)?: return (kind.rawValue, text)
            default: return nil
            }
        }

        mutating func write(_ a: CSDLAnnotation) {
            var attributes: [(String, String?)] = [("Term", a.term), ("Qualifier", a.qualifier)]
            if let inline = Self.inlineAttribute(a.value) { attributes.append(inline) }
            out.start("Annotation", attributes)
            write(a.annotations)
            if let v = a.value, Self.inlineAttribute(v) == nil { writeElement(v) }
            out.end()
        }

        mutating func writeElement(_ e: CSDLExpression) {
            switch e {
            case .constant(let kind, let text): out.textElement(kind.rawValue, text: text)
            case .path(let kind, let text): out.textElement(kind.rawValue, text: text)
            case .null: out.empty("Null")
            case .collection(let items):
                out.start("Collection")
                for i in items { writeElement(i) }
                out.end()
            case .record(let r):
                out.start("Record", [("Type", r.type)])
                write(r.annotations)
                for pv in r.propertyValues {
                    var attributes: [(String, String?)] = [("Property", pv.property)]
                    if let inline = Self.inlineAttribute(pv.value) { attributes.append(inline) }
                    out.start("PropertyValue", attributes)
                    write(pv.annotations)
                    if let v = pv.value, Self.inlineAttribute(v) == nil { writeElement(v) }
                    out.end()
                }
                out.end()
            case .raw(let r):
                let attributes = r.attributes.map { ($0.name, Optional($0.value)) }
                if r.children.isEmpty && r.annotations.isEmpty, let text = r.text {
                    out.textElement(r.name, attributes, text: text)
                    return
                }
                out.start(r.name, attributes)
                write(r.annotations)
                if let text = r.text { out.text(text) }
                for c in r.children { writeElement(c) }
                out.end()
            }
        }
    }
}
