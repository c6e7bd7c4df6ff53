/// Built-in primitive and abstract types of the `Edm` namespace.
public enum EDMPrimitive: String, Sendable, Hashable, CaseIterable {
    /// The `Edm.Binary`, `Edm.Boolean`, `Edm.Byte`, `Edm.Date` and `Edm.DateTimeOffset` primitive types.
    case binary = "Binary", boolean = "Boolean", byte = "Byte", date = "Date", dateTimeOffset = "DateTimeOffset"
    /// The `Edm.Decimal`, `Edm.Double`, `Edm.Duration`, `Edm.Guid` and `Edm.Int16` primitive types.
    case decimal = "Decimal", double = "Double", duration = "Duration", guid = "Guid", int16 = "Int16"
    /// The `Edm.Int32`, `Edm.Int64`, `Edm.SByte`, `Edm.Single`, `Edm.Stream` and `Edm.String` types.
    case int32 = "Int32", int64 = "Int64", sByte = "SByte", single = "Single", stream = "Stream", string = "String"
    /// The `Edm.TimeOfDay` primitive type.
    case timeOfDay = "TimeOfDay"
    /// The abstract `Edm.Geography`, then `Edm.GeographyPoint` and `Edm.GeographyLineString`.
    case geography = "Geography", geographyPoint = "GeographyPoint", geographyLineString = "GeographyLineString"
    /// The `Edm.GeographyPolygon` and `Edm.GeographyMultiPoint` types.
    case geographyPolygon = "GeographyPolygon", geographyMultiPoint = "GeographyMultiPoint"
    /// The `Edm.GeographyMultiLineString` and `Edm.GeographyMultiPolygon` types.
    case geographyMultiLineString = "GeographyMultiLineString", geographyMultiPolygon = "GeographyMultiPolygon"
    /// The `Edm.GeographyCollection` type.
    case geographyCollection = "GeographyCollection"
    /// The abstract `Edm.Geometry`, then `Edm.GeometryPoint` and `Edm.GeometryLineString`.
    case geometry = "Geometry", geometryPoint = "GeometryPoint", geometryLineString = "GeometryLineString"
    /// The `Edm.GeometryPolygon` and `Edm.GeometryMultiPoint` types.
    case geometryPolygon = "GeometryPolygon", geometryMultiPoint = "GeometryMultiPoint"
    /// The `Edm.GeometryMultiLineString` and `Edm.GeometryMultiPolygon` types.
    case geometryMultiLineString = "GeometryMultiLineString", geometryMultiPolygon = "GeometryMultiPolygon"
    /// The `Edm.GeometryCollection` type.
    case geometryCollection = "GeometryCollection"
    // Abstract and vocabulary types.
    /// The abstract `Edm.Untyped`, `Edm.PrimitiveType`, `Edm.ComplexType` and `Edm.EntityType`.
    case untyped = "Untyped", primitiveType = "PrimitiveType", complexType = "ComplexType", entityType = "EntityType"
    /// The `Edm.AnnotationPath` and `Edm.PropertyPath` vocabulary types.
    case annotationPath = "AnnotationPath", propertyPath = "PropertyPath"
    /// The `Edm.NavigationPropertyPath` and `Edm.AnyPropertyPath` vocabulary types.
    case navigationPropertyPath = "NavigationPropertyPath", anyPropertyPath = "AnyPropertyPath"
    /// The `Edm.ModelElementPath` vocabulary type.
    case modelElementPath = "ModelElementPath"

    /// The qualified name, `Edm.X`.
    public var qualifiedName: String { "Edm." + rawValue }
}

/// What a type reference is bound to.
public enum EDMTypeKind: Sendable, Hashable {
    /// A primitive or abstract type of the `Edm` namespace.
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
    /// The type, or the item type of a collection.
    public var kind: EDMTypeKind
    /// True for `Collection(...)`.
    public var isCollection: Bool
    /// Creates a type reference.
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
    /// The `Name` attribute.
    public var name: String
    /// The bound `Type`.
    public var type: EDMTypeRef
    /// `Nullable`; absent means true.
    public var nullable: Bool
    /// The entity or complex type that declares the property (index into the same array as the owner).
    public var declaringType: Int
    /// Index into the declaring type's `properties` in the document.
    public var declarationIndex: Int
}

/// A navigation property, bound to its target entity type.
public struct EDMNavigationProperty: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// Index into `EDMModel.entityTypes`; nil for the abstract `Edm.EntityType` (any entity type).
    public var target: Int?
    /// True when the `Type` is `Collection(...)`.
    public var isCollection: Bool
    /// `Nullable`; absent means true for a single entity, always false for a collection.
    public var nullable: Bool
    /// `ContainsTarget`; absent means false.
    public var containsTarget: Bool
    /// The partner on the target type (index into the target's `navigationProperties`), when declared and found.
    public var partner: Int?
    /// True when `declaringType` indexes `EDMModel.entityTypes`, false for `complexTypes`.
    public var declaringIsEntity: Bool
    /// The entity or complex type that declares the navigation property.
    public var declaringType: Int
    /// Index into the declaring type's `navigationProperties` in the document.
    public var declarationIndex: Int
}

/// One part of a key, bound to the property it names (possibly a path into complex properties).
public struct EDMKeyProperty: Sendable {
    /// The name or path as written.
    public var name: String
    /// The `Alias` attribute of the `PropertyRef`; nil when absent.
    public var alias: String?
    /// The primitive or enum type of the key property.
    public var type: EDMTypeRef
}

/// An entity type, bound.
public struct EDMEntityType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `EntityType` element is in the document.
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
    /// `Abstract`; absent means false.
    public var isAbstract: Bool
    /// `OpenType`; absent means false.
    public var isOpenType: Bool
    /// `HasStream`; absent means false.
    public var hasStream: Bool
}

/// A complex type, bound.
public struct EDMComplexType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `ComplexType` element is in the document.
    public var declaration: EDMDeclaration
    /// Index of the base type, if any.
    public var baseType: Int?
    /// Base types from the nearest to the root.
    public var baseChain: [Int] = []
    /// Types that name this one as their base type.
    public var derivedTypes: [Int] = []
    /// All structural properties: inherited ones first (root first), then declared ones.
    public var properties: [EDMProperty] = []
    /// All navigation properties, inherited first.
    public var navigationProperties: [EDMNavigationProperty] = []
    /// `Abstract`; absent means false.
    public var isAbstract: Bool
    /// `OpenType`; absent means false.
    public var isOpenType: Bool
}

/// An enum type, bound.
public struct EDMEnumType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `EnumType` element is in the document.
    public var declaration: EDMDeclaration
    /// `UnderlyingType`; `Edm.Int32` when absent or not an integer type.
    public var underlyingType: EDMPrimitive
    /// `IsFlags`; absent means false.
    public var isFlags: Bool
}

/// A type definition, bound.
public struct EDMTypeDefinition: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `TypeDefinition` element is in the document.
    public var declaration: EDMDeclaration
    /// `UnderlyingType`; `Edm.String` when it is not a primitive type.
    public var underlyingType: EDMPrimitive
}

/// A parameter or return type of an operation, bound.
public struct EDMOperationParameter: Sendable {
    /// The `Name` attribute; empty for a return type.
    public var name: String
    /// The bound `Type`.
    public var type: EDMTypeRef
    /// `Nullable`; absent means true.
    public var nullable: Bool
}

/// An action or function overload, bound.
public struct EDMOperation: Sendable {
    /// Whether it is an `Action` or a `Function`.
    public var kind: CSDLOperation.Kind
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `Action` or `Function` element is in the document.
    public var declaration: EDMDeclaration
    /// `IsBound`; absent means false.
    public var isBound: Bool
    /// The binding parameter (the first parameter) of a bound operation.
    public var bindingParameter: EDMOperationParameter?
    /// All parameters, binding parameter first for bound operations.
    public var parameters: [EDMOperationParameter]
    /// The bound `ReturnType`; nil for an action that has none.
    public var returnType: EDMOperationParameter?
    /// `EntitySetPath` as written; nil when absent.
    public var entitySetPath: String?
    /// `IsComposable` (functions only); absent means false.
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
    /// Index into `EDMModel.entityTypes` or `EDMModel.complexTypes` (see `ownerIsEntity`).
    public var owner: Int
    /// Index into the owner's `navigationProperties`.
    public var index: Int

    /// Creates a reference to navigation property `index` of an entity type (`ownerIsEntity`) or complex type.
    public init(ownerIsEntity: Bool, owner: Int, index: Int) {
        self.ownerIsEntity = ownerIsEntity
        self.owner = owner
        self.index = index
    }
}

/// A navigation-property binding, bound.
public struct EDMNavigationBinding: Sendable {
    /// The `Path` attribute as written.
    public var path: String
    /// The navigation property the path ends in.
    public var navigationProperty: EDMNavigationRef
    /// The entity set or singleton named by the `Target` attribute.
    public var target: EDMBindingTarget
}

/// An entity set, bound.
public struct EDMEntitySet: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The qualified name of the container that declares it.
    public var container: String
    /// Index into `EDMModel.entityTypes` of the `EntityType` attribute.
    public var entityType: Int
    /// `IncludeInServiceDocument`; absent means true.
    public var includeInServiceDocument: Bool
    /// The `NavigationPropertyBinding` children that could be bound.
    public var bindings: [EDMNavigationBinding] = []
    /// Source location of the `EntitySet` element's start tag.
    public var location: SourceLocation
}

/// A singleton, bound.
public struct EDMSingleton: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The qualified name of the container that declares it.
    public var container: String
    /// Index into `EDMModel.entityTypes` of the `Type` attribute.
    public var entityType: Int
    /// The `NavigationPropertyBinding` children that could be bound.
    public var bindings: [EDMNavigationBinding] = []
    /// Source location of the `Singleton` element's start tag.
    public var location: SourceLocation
}

/// An action or function import, bound to its overloads.
public struct EDMOperationImport: Sendable {
    /// `.action` for an `ActionImport`, `.function` for a `FunctionImport`.
    public var kind: CSDLOperation.Kind
    /// The `Name` attribute.
    public var name: String
    /// The qualified name of the container that declares it.
    public var container: String
    /// Indexes into `EDMModel.operations` (all unbound overloads of the named operation).
    public var operations: [Int]
    /// Index into `EDMModel.entitySets` of the `EntitySet` attribute; nil when absent or not found.
    public var entitySet: Int?
}

/// A term, bound.
public struct EDMTerm: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The namespace of the declaring schema (not its alias).
    public var namespace: String
    /// The qualified name, `Namespace.Name`.
    public var qualifiedName: String { namespace + "." + name }
    /// Where the `Term` element is in the document.
    public var declaration: EDMDeclaration
    /// The bound `Type`; nil when it cannot be bound.
    public var type: EDMTypeRef?
}

/// The resolved model: every reference of the document bound to what it names, with the problems found on the
/// way as diagnostics. Elements whose references cannot be bound are set aside (and reported), not the whole model.
public struct EDMModel: Sendable {
    /// The document the model was built from.
    public let document: CSDLDocument
    /// Entity types, in document order.
    public var entityTypes: [EDMEntityType] = []
    /// Complex types, in document order.
    public var complexTypes: [EDMComplexType] = []
    /// Enum types, in document order.
    public var enumTypes: [EDMEnumType] = []
    /// Type definitions, in document order.
    public var typeDefinitions: [EDMTypeDefinition] = []
    /// Actions and functions (every overload), in document order per schema.
    public var operations: [EDMOperation] = []
    /// Entity sets of all containers.
    public var entitySets: [EDMEntitySet] = []
    /// Singletons of all containers.
    public var singletons: [EDMSingleton] = []
    /// Action and function imports of all containers.
    public var operationImports: [EDMOperationImport] = []
    /// Terms, in document order.
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
        if aliases.isEmpty { return qualifiedName }
        guard let dot = qualifiedName.utf8.lastIndex(of: UInt8(ascii: ".")) else { return qualifiedName }
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
