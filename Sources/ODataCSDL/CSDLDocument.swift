/// The CSDL XML document as written: every element the reader understands, in document order, with its
/// source location. Names are kept as written (qualified or aliased); `EDMModel` binds them.
public struct CSDLDocument: Sendable {
    /// The file name the document was read from (as given by the caller).
    public var file: String
    /// `edmx:Edmx/@Version` ("4.0" or "4.01").
    public var version: String
    /// Location of the `edmx:Edmx` element.
    public var location: SourceLocation
    /// `edmx:Reference` elements.
    public var references: [CSDLReference] = []
    /// `edmx:DataServices` location, when present.
    public var dataServicesLocation: SourceLocation?
    /// `Schema` elements in document order.
    public var schemas: [CSDLSchema] = []

    /// Creates an empty document.
    public init(file: String, version: String = "", location: SourceLocation = .unknown) {
        self.file = file
        self.version = version
        self.location = location
    }
}

/// `edmx:Reference`.
public struct CSDLReference: Sendable {
    public var uri: String
    public var includes: [CSDLInclude] = []
    public var includeAnnotations: [CSDLIncludeAnnotations] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `edmx:Include`.
public struct CSDLInclude: Sendable {
    public var namespace: String
    public var alias: String?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `edmx:IncludeAnnotations`.
public struct CSDLIncludeAnnotations: Sendable {
    public var termNamespace: String
    public var qualifier: String?
    public var targetNamespace: String?
    public var location: SourceLocation
}

/// The kinds of schema children, used to keep document order across kinds.
public enum CSDLSchemaElementKind: UInt8, Sendable {
    case entityType, complexType, enumType, typeDefinition, action, function, entityContainer, term, annotations
}

/// `Schema`.
public struct CSDLSchema: Sendable {
    public var namespace: String
    public var alias: String?
    public var location: SourceLocation
    public var entityTypes: [CSDLEntityType] = []
    public var complexTypes: [CSDLComplexType] = []
    public var enumTypes: [CSDLEnumType] = []
    public var typeDefinitions: [CSDLTypeDefinition] = []
    public var actions: [CSDLOperation] = []
    public var functions: [CSDLOperation] = []
    public var entityContainers: [CSDLEntityContainer] = []
    public var terms: [CSDLTerm] = []
    /// `Annotations` elements (external targeting).
    public var annotationGroups: [CSDLAnnotations] = []
    /// `Annotation` elements directly on the schema.
    public var annotations: [CSDLAnnotation] = []
    /// Document order of the children above: (kind, index into that kind's array).
    public var order: [(kind: CSDLSchemaElementKind, index: Int32)] = []

    public init(namespace: String, alias: String?, location: SourceLocation) {
        self.namespace = namespace
        self.alias = alias
        self.location = location
    }
}

/// Facets of a property, parameter, return type, term or type definition.
public struct CSDLFacets: Sendable, Hashable {
    /// `MaxLength`.
    public enum MaxLength: Sendable, Hashable {
        case max
        case value(Int)
    }
    /// `Scale`.
    public enum Scale: Sendable, Hashable {
        case variable
        case floating
        case value(Int)
    }
    public var maxLength: MaxLength?
    public var precision: Int?
    public var scale: Scale?
    /// `SRID` as written (a number or `variable`).
    public var srid: String?
    public var unicode: Bool?

    public init() {}

    /// True when no facet is set.
    public var isEmpty: Bool {
        maxLength == nil && precision == nil && scale == nil && srid == nil && unicode == nil
    }
}

/// `Property` of an entity or complex type.
public struct CSDLProperty: Sendable {
    public var name: String
    /// The type as written: `Edm.String`, `NS.Type`, `Alias.Type`, `Collection(...)`.
    public var type: String
    /// `Nullable`, default true.
    public var nullable: Bool = true
    public var facets = CSDLFacets()
    public var defaultValue: String?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `ReferentialConstraint`.
public struct CSDLReferentialConstraint: Sendable {
    public var property: String
    public var referencedProperty: String
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `OnDelete`.
public struct CSDLOnDelete: Sendable {
    /// Cascade, None, SetNull or SetDefault, as written.
    public var action: String
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `NavigationProperty`.
public struct CSDLNavigationProperty: Sendable {
    public var name: String
    public var type: String
    /// `Nullable` as written; nil when absent (the default is true for single-valued navigation).
    public var nullable: Bool?
    public var partner: String?
    public var containsTarget: Bool = false
    public var referentialConstraints: [CSDLReferentialConstraint] = []
    public var onDelete: CSDLOnDelete?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `PropertyRef` in a `Key`.
public struct CSDLPropertyRef: Sendable {
    /// A property name or a path (`Complex/Property`).
    public var name: String
    public var alias: String?
    public var location: SourceLocation
}

/// `Key`.
public struct CSDLKey: Sendable {
    public var propertyRefs: [CSDLPropertyRef] = []
    public var location: SourceLocation
}

/// `EntityType`.
public struct CSDLEntityType: Sendable {
    public var name: String
    public var baseType: String?
    public var isAbstract = false
    public var isOpenType = false
    public var hasStream = false
    public var key: CSDLKey?
    public var properties: [CSDLProperty] = []
    public var navigationProperties: [CSDLNavigationProperty] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `ComplexType`.
public struct CSDLComplexType: Sendable {
    public var name: String
    public var baseType: String?
    public var isAbstract = false
    public var isOpenType = false
    public var properties: [CSDLProperty] = []
    public var navigationProperties: [CSDLNavigationProperty] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Member` of an `EnumType`.
public struct CSDLEnumMember: Sendable {
    public var name: String
    /// The value: as written, or implicit (previous member's value + 1, starting at 0) when absent.
    public var value: Int64
    /// True when `Value` was written in the document.
    public var hasExplicitValue: Bool
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `EnumType`.
public struct CSDLEnumType: Sendable {
    public var name: String
    /// `UnderlyingType`, default `Edm.Int32`.
    public var underlyingType: String = "Edm.Int32"
    public var isFlags = false
    public var members: [CSDLEnumMember] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `TypeDefinition`.
public struct CSDLTypeDefinition: Sendable {
    public var name: String
    public var underlyingType: String
    public var facets = CSDLFacets()
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Parameter` of an action or function.
public struct CSDLParameter: Sendable {
    public var name: String
    public var type: String
    public var nullable: Bool = true
    public var facets = CSDLFacets()
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `ReturnType` of an action or function.
public struct CSDLReturnType: Sendable {
    public var type: String
    public var nullable: Bool = true
    public var facets = CSDLFacets()
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Action` or `Function` (one overload).
public struct CSDLOperation: Sendable {
    /// Action or function.
    public enum Kind: String, Sendable { case action = "Action", function = "Function" }
    public var kind: Kind
    public var name: String
    public var isBound = false
    public var entitySetPath: String?
    /// Functions only.
    public var isComposable = false
    public var parameters: [CSDLParameter] = []
    public var returnType: CSDLReturnType?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `NavigationPropertyBinding`.
public struct CSDLNavigationPropertyBinding: Sendable {
    public var path: String
    public var target: String
    public var location: SourceLocation
}

/// `EntitySet`.
public struct CSDLEntitySet: Sendable {
    public var name: String
    public var entityType: String
    public var includeInServiceDocument = true
    public var navigationPropertyBindings: [CSDLNavigationPropertyBinding] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Singleton`.
public struct CSDLSingleton: Sendable {
    public var name: String
    public var type: String
    /// `Nullable` (CSDL 4.01), default false.
    public var nullable = false
    public var navigationPropertyBindings: [CSDLNavigationPropertyBinding] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `ActionImport` or `FunctionImport`.
public struct CSDLOperationImport: Sendable {
    public var kind: CSDLOperation.Kind
    public var name: String
    /// `Action` or `Function`: the qualified name of the operation.
    public var operation: String
    public var entitySet: String?
    /// FunctionImport only; default false.
    public var includeInServiceDocument = false
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// The kinds of container children, used to keep document order across kinds.
public enum CSDLContainerElementKind: UInt8, Sendable {
    case entitySet, singleton, actionImport, functionImport
}

/// `EntityContainer`.
public struct CSDLEntityContainer: Sendable {
    public var name: String
    public var extends: String?
    public var entitySets: [CSDLEntitySet] = []
    public var singletons: [CSDLSingleton] = []
    public var actionImports: [CSDLOperationImport] = []
    public var functionImports: [CSDLOperationImport] = []
    public var annotations: [CSDLAnnotation] = []
    /// Document order of the children: (kind, index into that kind's array).
    public var order: [(kind: CSDLContainerElementKind, index: Int32)] = []
    public var location: SourceLocation
}

/// `Term`.
public struct CSDLTerm: Sendable {
    public var name: String
    public var type: String
    public var baseTerm: String?
    public var nullable = true
    public var defaultValue: String?
    /// `AppliesTo` as written (space-separated).
    public var appliesTo: String?
    public var facets = CSDLFacets()
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Annotations` (external targeting).
public struct CSDLAnnotations: Sendable {
    public var target: String
    public var qualifier: String?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Annotation`.
public struct CSDLAnnotation: Sendable {
    /// The term as written (qualified or aliased).
    public var term: String
    public var qualifier: String?
    /// The value; nil when the annotation has none (a Boolean term then means true).
    public var value: CSDLExpression?
    /// Annotations of this annotation.
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// Constant expression kinds (attribute or element form).
public enum CSDLConstantKind: String, Sendable, CaseIterable {
    case binary = "Binary", bool = "Bool", date = "Date", dateTimeOffset = "DateTimeOffset"
    case decimal = "Decimal", duration = "Duration", enumMember = "EnumMember", float = "Float"
    case guid = "Guid", int = "Int", string = "String", timeOfDay = "TimeOfDay"
}

/// Path expression kinds (attribute or element form).
public enum CSDLPathKind: String, Sendable, CaseIterable {
    case annotationPath = "AnnotationPath", modelElementPath = "ModelElementPath"
    case navigationPropertyPath = "NavigationPropertyPath", path = "Path", propertyPath = "PropertyPath"
}

/// `PropertyValue` of a `Record`.
public struct CSDLPropertyValue: Sendable {
    public var property: String
    public var value: CSDLExpression?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// `Record`.
public struct CSDLRecord: Sendable {
    public var type: String?
    public var propertyValues: [CSDLPropertyValue] = []
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// Any other expression, kept as a tree: `If`, `Apply`, `Cast`, `IsOf`, `LabeledElement`, `Null`, `And`, `Eq`, ...
public struct CSDLRawExpression: Sendable {
    /// The element's local name.
    public var name: String
    /// Its attributes (unqualified ones), in document order.
    public var attributes: [(name: String, value: String)] = []
    /// Its child expressions.
    public var children: [CSDLExpression] = []
    /// Text content, when any (non-whitespace).
    public var text: String?
    public var annotations: [CSDLAnnotation] = []
    public var location: SourceLocation
}

/// An annotation value.
public enum CSDLExpression: Sendable {
    case constant(CSDLConstantKind, String)
    case path(CSDLPathKind, String)
    case collection([CSDLExpression])
    indirect case record(CSDLRecord)
    case null
    indirect case raw(CSDLRawExpression)

    /// The text of a constant or path expression.
    public var text: String? {
        switch self {
        case .constant(_, let s), .path(_, let s): return s
        default: return nil
        }
    }

    /// The Boolean value of a `Bool` constant.
    public var boolValue: Bool? {
        if case .constant(.bool, let s) = self { return s == "true" ? true : (s == "false" ? false : nil) }
        return nil
    }
}

extension CSDLAnnotation {
    /// The value of a Boolean term (no value means true).
    public var boolValue: Bool? {
        guard let value else { return true }
        return value.boolValue
    }
}
