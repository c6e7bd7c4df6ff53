/// Built-in primitive and abstract types of the `Edm` namespace.
public enum EDMPrimitive: String, Sendable, Hashable, CaseIterable {
    case binary = "Binary", boolean = "Boolean", byte = "Byte", date = "Date", dateTimeOffset = "DateTimeOffset"
    case decimal = "Decimal", double = "Double", duration = "Duration", guid = "Guid", int16 = "Int16"
    case int32 = "Int32", int64 = "Int64", sByte = "SByte", single = "Single", stream = "Stream", string = "String"
    case timeOfDay = "TimeOfDay"
    case geography = "Geography", geographyPoint = "GeographyPoint", geographyLineString = "GeographyLineString"
    case geographyPolygon = "GeographyPolygon", geographyMultiPoint = "GeographyMultiPoint"
    case geographyMultiLineString = "GeographyMultiLineString", geographyMultiPolygon = "GeographyMultiPolygon"
    case geographyCollection = "GeographyCollection"
    case geometry = "Geometry", geometryPoint = "GeometryPoint", geometryLineString = "GeometryLineString"
    case geometryPolygon = "GeometryPolygon", geometryMultiPoint = "GeometryMultiPoint"
    case geometryMultiLineString = "GeometryMultiLineString", geometryMultiPolygon = "GeometryMultiPolygon"
    case geometryCollection = "GeometryCollection"
    // Abstract and vocabulary types.
    case untyped = "Untyped", primitiveType = "PrimitiveType", complexType = "ComplexType", entityType = "EntityType"
    case annotationPath = "AnnotationPath", propertyPath = "PropertyPath"
    case navigationPropertyPath = "NavigationPropertyPath", anyPropertyPath = "AnyPropertyPath"
    case modelElementPath = "ModelElementPath"

    /// The qualified name, `Edm.X`.
    public var qualifiedName: String { "Edm." + rawValue }
}

/// What a type reference is bound to.
public enum EDMTypeKind: Sendable, Hashable {
    case primitive(EDMPrimitive)
    /// Index into `EDMModel.entityTypes`.
    case entity(Int)
    /// Index into `EDMModel.complexTypes`.
    case complex(Int)
    /// Index into `EDMModel.enumTypes`.
    case enumeration(Int)
    /// Index into `EDMModel.typeDefinitions`.
    case definition(Int)
}

/// A bound type reference: the type and whether it is a `Collection(...)`.
public struct EDMTypeRef: Sendable, Hashable {
    public var kind: EDMTypeKind
    public var isCollection: Bool
    public init(_ kind: EDMTypeKind, isCollection: Bool = false) {
        self.kind = kind
        self.isCollection = isCollection
    }
}

/// Where a schema element is declared in the document.
public struct EDMDeclaration: Sendable, Hashable {
    /// Index into `CSDLDocument.schemas`.
    public var schema: Int
    /// Index into the schema's array of that kind.
    public var index: Int
}

/// A structural property, bound. Inherited properties are listed too (`declaringType` says where they come from).
public struct EDMProperty: Sendable {
    public var name: String
    public var type: EDMTypeRef
    public var nullable: Bool
    /// The entity or complex type that declares the property (index into the same array as the owner).
    public var declaringType: Int
    /// Index into the declaring type's `properties` in the document.
    public var declarationIndex: Int
}

/// A navigation property, bound to its target entity type.
public struct EDMNavigationProperty: Sendable {
    public var name: String
    /// Index into `EDMModel.entityTypes`; nil for the abstract `Edm.EntityType` (any entity type).
    public var target: Int?
    public var isCollection: Bool
    public var nullable: Bool
    public var containsTarget: Bool
    /// The partner on the target type (index into the target's `navigationProperties`), when declared and found.
    public var partner: Int?
    public var declaringIsEntity: Bool
    public var declaringType: Int
    public var declarationIndex: Int
}

/// One part of a key, bound to the property it names (possibly a path into complex properties).
public struct EDMKeyProperty: Sendable {
    /// The name or path as written.
    public var name: String
    public var alias: String?
    /// The primitive or enum type of the key property.
    public var type: EDMTypeRef
}

/// An entity type, bound.
public struct EDMEntityType: Sendable {
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    /// Index of the base type, if any.
    public var baseType: Int?
    /// Base types from the nearest to the root.
    public var baseChain: [Int] = []
    /// Types that name this one as their base type.
    public var derivedTypes: [Int] = []
    /// The key, declared or inherited; empty when the type has none.
    public var key: [EDMKeyProperty] = []
    /// All structural properties: inherited ones first (root first), then declared ones.
    public var properties: [EDMProperty] = []
    /// All navigation properties, inherited first.
    public var navigationProperties: [EDMNavigationProperty] = []
    public var isAbstract: Bool
    public var isOpenType: Bool
    public var hasStream: Bool
}

/// A complex type, bound.
public struct EDMComplexType: Sendable {
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    public var baseType: Int?
    public var baseChain: [Int] = []
    public var derivedTypes: [Int] = []
    public var properties: [EDMProperty] = []
    public var navigationProperties: [EDMNavigationProperty] = []
    public var isAbstract: Bool
    public var isOpenType: Bool
}

/// An enum type, bound.
public struct EDMEnumType: Sendable {
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    public var underlyingType: EDMPrimitive
    public var isFlags: Bool
}

/// A type definition, bound.
public struct EDMTypeDefinition: Sendable {
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    public var underlyingType: EDMPrimitive
}

/// A parameter or return type of an operation, bound.
public struct EDMOperationParameter: Sendable {
    public var name: String
    public var type: EDMTypeRef
    public var nullable: Bool
}

/// An action or function overload, bound.
public struct EDMOperation: Sendable {
    public var kind: CSDLOperation.Kind
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    public var isBound: Bool
    /// The binding parameter (the first parameter) of a bound operation.
    public var bindingParameter: EDMOperationParameter?
    /// All parameters, binding parameter first for bound operations.
    public var parameters: [EDMOperationParameter]
    public var returnType: EDMOperationParameter?
    public var entitySetPath: String?
    public var isComposable: Bool
}

/// The target of a navigation-property binding.
public enum EDMBindingTarget: Sendable, Hashable {
    /// Index into `EDMModel.entitySets`.
    case entitySet(Int)
    /// Index into `EDMModel.singletons`.
    case singleton(Int)
}

/// A navigation property of an entity type or a complex type.
public struct EDMNavigationRef: Sendable, Hashable {
    /// True when `owner` indexes `EDMModel.entityTypes`, false for `complexTypes`.
    public var ownerIsEntity: Bool
    public var owner: Int
    /// Index into the owner's `navigationProperties`.
    public var index: Int
}

/// A navigation-property binding, bound.
public struct EDMNavigationBinding: Sendable {
    public var path: String
    /// The navigation property the path ends in.
    public var navigationProperty: EDMNavigationRef
    public var target: EDMBindingTarget
}

/// An entity set, bound.
public struct EDMEntitySet: Sendable {
    public var name: String
    /// The qualified name of the container that declares it.
    public var container: String
    public var entityType: Int
    public var includeInServiceDocument: Bool
    public var bindings: [EDMNavigationBinding] = []
    public var location: SourceLocation
}

/// A singleton, bound.
public struct EDMSingleton: Sendable {
    public var name: String
    public var container: String
    public var entityType: Int
    public var bindings: [EDMNavigationBinding] = []
    public var location: SourceLocation
}

/// An action or function import, bound to its overloads.
public struct EDMOperationImport: Sendable {
    public var kind: CSDLOperation.Kind
    public var name: String
    public var container: String
    /// Indexes into `EDMModel.operations` (all unbound overloads of the named operation).
    public var operations: [Int]
    public var entitySet: Int?
}

/// A term, bound.
public struct EDMTerm: Sendable {
    public var name: String
    public var namespace: String
    public var qualifiedName: String { namespace + "." + name }
    public var declaration: EDMDeclaration
    public var type: EDMTypeRef?
}

/// The resolved model: every reference of the document bound to what it names, with the problems found on the
/// way as diagnostics. Elements whose references cannot be bound are set aside (and reported), not the whole model.
public struct EDMModel: Sendable {
    /// The document the model was built from.
    public let document: CSDLDocument
    public var entityTypes: [EDMEntityType] = []
    public var complexTypes: [EDMComplexType] = []
    public var enumTypes: [EDMEnumType] = []
    public var typeDefinitions: [EDMTypeDefinition] = []
    /// Actions and functions (every overload), in document order per schema.
    public var operations: [EDMOperation] = []
    public var entitySets: [EDMEntitySet] = []
    public var singletons: [EDMSingleton] = []
    public var operationImports: [EDMOperationImport] = []
    public var terms: [EDMTerm] = []
    /// Problems found while binding.
    public var diagnostics: [Diagnostic] = []
    /// Qualified name (namespace form) to type.
    public var typesByName: [String: EDMTypeKind] = [:]
    /// Namespace alias to namespace (schema aliases and `edmx:Include` aliases).
    public var aliases: [String: String] = [:]

    /// Resolves `document`.
    public init(document: CSDLDocument) {
        self.document = document
        var resolver = EDMResolver(document: document)
        resolver.run()
        entityTypes = resolver.entityTypes
        complexTypes = resolver.complexTypes
        enumTypes = resolver.enumTypes
        typeDefinitions = resolver.typeDefinitions
        operations = resolver.operations
        entitySets = resolver.entitySets
        singletons = resolver.singletons
        operationImports = resolver.operationImports
        terms = resolver.terms
        diagnostics = resolver.diagnostics
        typesByName = resolver.typesByName
        aliases = resolver.aliases
    }

    /// The CSDL declaration of an entity type.
    public func csdl(_ type: EDMEntityType) -> CSDLEntityType {
        document.schemas[type.declaration.schema].entityTypes[type.declaration.index]
    }

    /// The CSDL declaration of a complex type.
    public func csdl(_ type: EDMComplexType) -> CSDLComplexType {
        document.schemas[type.declaration.schema].complexTypes[type.declaration.index]
    }

    /// The CSDL declaration of an enum type.
    public func csdl(_ type: EDMEnumType) -> CSDLEnumType {
        document.schemas[type.declaration.schema].enumTypes[type.declaration.index]
    }

    /// The CSDL declaration of a property of an entity type (`ofEntity` true) or a complex type.
    public func csdl(_ property: EDMProperty, ofEntity: Bool) -> CSDLProperty {
        if ofEntity {
            let d = entityTypes[property.declaringType].declaration
            return document.schemas[d.schema].entityTypes[d.index].properties[property.declarationIndex]
        }
        let d = complexTypes[property.declaringType].declaration
        return document.schemas[d.schema].complexTypes[d.index].properties[property.declarationIndex]
    }

    /// The entity type with this qualified (or alias-qualified) name.
    public func entityType(named name: String) -> EDMEntityType? {
        if case .entity(let i)? = typesByName[normalize(name)] { return entityTypes[i] }
        return nil
    }

    /// Replaces a leading alias by its namespace.
    public func normalize(_ qualifiedName: String) -> String {
        guard let dot = qualifiedName.lastIndex(of: ".") else { return qualifiedName }
        let ns = String(qualifiedName[..<dot])
        if let full = aliases[ns] { return full + qualifiedName[dot...] }
        return qualifiedName
    }

    /// The name of a bound type as written in CSDL (`Edm.String`, `NS.Type`, `Collection(...)`).
    public func typeName(_ ref: EDMTypeRef) -> String {
        let base: String
        switch ref.kind {
        case .primitive(let p): base = p.qualifiedName
        case .entity(let i): base = entityTypes[i].qualifiedName
        case .complex(let i): base = complexTypes[i].qualifiedName
        case .enumeration(let i): base = enumTypes[i].qualifiedName
        case .definition(let i): base = typeDefinitions[i].qualifiedName
        }
        return ref.isCollection ? "Collection(\(base))" : base
    }
}
