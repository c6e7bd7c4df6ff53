/// Counts of the CSDL elements a document declares (EDM namespace), before resolution. The keys and their
/// meaning are the `counts` object of `odata-generator inspect --format json`.
public struct CSDLCounts: Codable, Hashable, Sendable {
    public var schemas = 0
    public var entityTypes = 0
    public var complexTypes = 0
    public var enumTypes = 0
    /// `Member` elements of enum types.
    public var enumMembers = 0
    public var typeDefinitions = 0
    /// `Property` elements of entity and complex types.
    public var properties = 0
    /// `NavigationProperty` elements of entity and complex types.
    public var navigationProperties = 0
    /// `Action` elements (each overload counts).
    public var actions = 0
    /// `Function` elements (each overload counts).
    public var functions = 0
    public var entitySets = 0
    public var singletons = 0
    public var actionImports = 0
    public var functionImports = 0
    public var terms = 0
    /// Every `Annotation` element, inline or inside `Annotations`, at any depth.
    public var annotations = 0

    public init() {}

    /// The keys in contract order.
    public static let keys = ["schemas", "entityTypes", "complexTypes", "enumTypes", "enumMembers", "typeDefinitions",
                              "properties", "navigationProperties", "actions", "functions", "entitySets", "singletons",
                              "actionImports", "functionImports", "terms", "annotations"]

    /// The values in the order of `keys`.
    public var values: [Int] {
        [schemas, entityTypes, complexTypes, enumTypes, enumMembers, typeDefinitions, properties, navigationProperties,
         actions, functions, entitySets, singletons, actionImports, functionImports, terms, annotations]
    }
}

extension CSDLDocument {
    /// Counts of what the document declares, walking the whole model (annotations at every depth).
    public func counts() -> CSDLCounts {
        var c = CSDLCounts()
        c.schemas = schemas.count
        for r in references {
            c.annotations += annotationCount(r.annotations)
            for i in r.includes { c.annotations += annotationCount(i.annotations) }
        }
        for s in schemas {
            c.annotations += annotationCount(s.annotations)
            c.entityTypes += s.entityTypes.count
            for t in s.entityTypes { c.addStructured(t.annotations, t.properties, t.navigationProperties) }
            c.complexTypes += s.complexTypes.count
            for t in s.complexTypes { c.addStructured(t.annotations, t.properties, t.navigationProperties) }
            c.enumTypes += s.enumTypes.count
            for t in s.enumTypes {
                c.annotations += annotationCount(t.annotations)
                c.enumMembers += t.members.count
                for j in t.members.indices { c.annotations += annotationCount(t.members[j].annotations) }
            }
            c.typeDefinitions += s.typeDefinitions.count
            for t in s.typeDefinitions { c.annotations += annotationCount(t.annotations) }
            c.actions += s.actions.count
            c.functions += s.functions.count
            for o in s.actions + s.functions {
                c.annotations += annotationCount(o.annotations)
                for p in o.parameters { c.annotations += annotationCount(p.annotations) }
                if let r = o.returnType { c.annotations += annotationCount(r.annotations) }
            }
            for container in s.entityContainers {
                c.annotations += annotationCount(container.annotations)
                c.entitySets += container.entitySets.count
                c.singletons += container.singletons.count
                c.actionImports += container.actionImports.count
                c.functionImports += container.functionImports.count
                for e in container.entitySets { c.annotations += annotationCount(e.annotations) }
                for e in container.singletons { c.annotations += annotationCount(e.annotations) }
                for e in container.actionImports { c.annotations += annotationCount(e.annotations) }
                for e in container.functionImports { c.annotations += annotationCount(e.annotations) }
            }
            c.terms += s.terms.count
            for t in s.terms { c.annotations += annotationCount(t.annotations) }
            for g in s.annotationGroups { c.annotations += annotationCount(g.annotations) }
        }
        return c
    }
}

extension CSDLCounts {
    /// Adds an entity or complex type's properties, navigation properties and annotations at every depth.
    fileprivate mutating func addStructured(_ annotations: [CSDLAnnotation], _ properties: [CSDLProperty],
                                            _ navigation: [CSDLNavigationProperty]) {
        self.annotations += annotationCount(annotations)
        self.properties += properties.count
        navigationProperties += navigation.count
        for j in properties.indices { self.annotations += annotationCount(properties[j].annotations) }
        for j in navigation.indices { self.annotations += navigationAnnotationCount(navigation[j]) }
    }
}

private func navigationAnnotationCount(_ n: CSDLNavigationProperty) -> Int {
    var total = annotationCount(n.annotations)
    for rc in n.referentialConstraints { total += annotationCount(rc.annotations) }
    if let od = n.onDelete { total += annotationCount(od.annotations) }
    return total
}

/// Annotations in the list, their own annotations, and those inside their values, at any depth.
func annotationCount(_ list: [CSDLAnnotation]) -> Int {
    var total = list.count
    for k in list.indices {
        if !list[k].annotations.isEmpty { total += annotationCount(list[k].annotations) }
        switch list[k].value {
        case .collection?, .record?, .raw?: total += annotationCount(in: list[k].value!)
        default: break
        }
    }
    return total
}

private func annotationCount(in expression: CSDLExpression) -> Int {
    switch expression {
    case .constant, .path, .null:
        return 0
    case .collection(let items):
        return items.reduce(0) { $0 + annotationCount(in: $1) }
    case .record(let r):
        var total = annotationCount(r.annotations)
        for pv in r.propertyValues {
            total += annotationCount(pv.annotations)
            if let v = pv.value { total += annotationCount(in: v) }
        }
        return total
    case .raw(let r):
        return annotationCount(r.annotations) + r.children.reduce(0) { $0 + annotationCount(in: $1) }
    }
}
