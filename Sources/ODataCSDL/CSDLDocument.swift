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
    /// The `Uri` attribute: the URL of the referenced document.
    public var uri: String
    /// `edmx:Include` children: the schemas used from the referenced document.
    public var includes: [CSDLInclude] = []
    /// `edmx:IncludeAnnotations` children: the annotations used from the referenced document.
    public var includeAnnotations: [CSDLIncludeAnnotations] = []
    /// `Annotation` children of the reference.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `edmx:Include`.
public struct CSDLInclude: Sendable {
    /// The `Namespace` attribute: the namespace of the included schema.
    public var namespace: String
    /// The `Alias` attribute, when present.
    public var alias: String?
    /// `Annotation` children of the include.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `edmx:IncludeAnnotations`.
public struct CSDLIncludeAnnotations: Sendable {
    /// The `TermNamespace` attribute: the namespace of the terms whose annotations are included.
    public var termNamespace: String
    /// The `Qualifier` attribute; nil includes annotations regardless of qualifier.
    public var qualifier: String?
    /// The `TargetNamespace` attribute; nil includes annotations on targets in any namespace.
    public var targetNamespace: String?
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// The kinds of schema children, used to keep document order across kinds.
public enum CSDLSchemaElementKind: UInt8, Sendable {
    /// One case per schema child element: `EntityType`, `ComplexType`, ..., `Annotations`.
    case entityType, complexType, enumType, typeDefinition, action, function, entityContainer, term, annotations
}

/// `Schema`.
public struct CSDLSchema: Sendable {
    /// The `Namespace` attribute.
    public var namespace: String
    /// The `Alias` attribute, when present.
    public var alias: String?
    /// Source location of the element's start tag.
    public var location: SourceLocation
    /// `EntityType` elements in document order.
    public var entityTypes: [CSDLEntityType] = []
    /// `ComplexType` elements in document order.
    public var complexTypes: [CSDLComplexType] = []
    /// `EnumType` elements in document order.
    public var enumTypes: [CSDLEnumType] = []
    /// `TypeDefinition` elements in document order.
    public var typeDefinitions: [CSDLTypeDefinition] = []
    /// `Action` elements (every overload) in document order.
    public var actions: [CSDLOperation] = []
    /// `Function` elements (every overload) in document order.
    public var functions: [CSDLOperation] = []
    /// `EntityContainer` elements in document order.
    public var entityContainers: [CSDLEntityContainer] = []
    /// `Term` elements in document order.
    public var terms: [CSDLTerm] = []
    /// `Annotations` elements (external targeting).
    public var annotationGroups: [CSDLAnnotations] = []
    /// `Annotation` elements directly on the schema.
    public var annotations: [CSDLAnnotation] = []
    /// Document order of the children above: (kind, index into that kind's array).
    public var order: [(kind: CSDLSchemaElementKind, index: Int32)] = []

    /// Creates an empty schema.
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
        /// `max`: the largest length the service allows.
        case max
        /// A length given as a number.
        case value(Int)
    }
    /// `Scale`.
    public enum Scale: Sendable, Hashable {
        /// `variable`: each value may have its own scale.
        case variable
        /// `floating` (CSDL 4.01): a decimal floating-point number.
        case floating
        /// A scale given as a number.
        case value(Int)
    }
    /// `MaxLength`; nil when absent.
    public var maxLength: MaxLength?
    /// `Precision`; nil when absent.
    public var precision: Int?
    /// `Scale`; nil when absent.
    public var scale: Scale?
    /// `SRID` as written (a number or `variable`).
    public var srid: String?
    /// `Unicode`; nil when absent (which means true).
    public var unicode: Bool?

    /// Creates facets with none set.
    public init() {}

    /// True when no facet is set.
    public var isEmpty: Bool {
        maxLength == nil && precision == nil && scale == nil && srid == nil && unicode == nil
    }
}

/// `Property` of an entity or complex type.
public struct CSDLProperty: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The type as written: `Edm.String`, `NS.Type`, `Alias.Type`, `Collection(...)`.
    public var type: String
    /// `Nullable`, default true.
    public var nullable: Bool = true
    /// `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    public var facets = CSDLFacets()
    /// `DefaultValue` as written; nil when absent.
    public var defaultValue: String?
    /// `Annotation` children of the property.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `ReferentialConstraint`.
public struct CSDLReferentialConstraint: Sendable {
    /// The `Property` attribute: the path of the dependent property.
    public var property: String
    /// The `ReferencedProperty` attribute: the path of the principal property on the target.
    public var referencedProperty: String
    /// `Annotation` children of the constraint.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `OnDelete`.
public struct CSDLOnDelete: Sendable {
    /// Cascade, None, SetNull or SetDefault, as written.
    public var action: String
    /// `Annotation` children of the `OnDelete` element.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `NavigationProperty`.
public struct CSDLNavigationProperty: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The type as written: an entity type, or `Collection(...)` of one.
    public var type: String
    /// `Nullable` as written; nil when absent (the default is true for single-valued navigation).
    public var nullable: Bool?
    /// `Partner`: the path of the partner navigation property on the target type; nil when absent.
    public var partner: String?
    /// `ContainsTarget`; absent means false.
    public var containsTarget: Bool = false
    /// `ReferentialConstraint` children.
    public var referentialConstraints: [CSDLReferentialConstraint] = []
    /// The `OnDelete` child, when present.
    public var onDelete: CSDLOnDelete?
    /// `Annotation` children of the navigation property.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `PropertyRef` in a `Key`.
public struct CSDLPropertyRef: Sendable {
    /// A property name or a path (`Complex/Property`).
    public var name: String
    /// The `Alias` attribute (required when `Name` is a path); nil when absent.
    public var alias: String?
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Key`.
public struct CSDLKey: Sendable {
    /// `PropertyRef` children in document order.
    public var propertyRefs: [CSDLPropertyRef] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `EntityType`.
public struct CSDLEntityType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `BaseType` as written (qualified or aliased); nil when absent.
    public var baseType: String?
    /// `Abstract`; absent means false.
    public var isAbstract = false
    /// `OpenType`; absent means false.
    public var isOpenType = false
    /// `HasStream`; absent means false.
    public var hasStream = false
    /// The `Key` child, when present.
    public var key: CSDLKey?
    /// `Property` children in document order.
    public var properties: [CSDLProperty] = []
    /// `NavigationProperty` children in document order.
    public var navigationProperties: [CSDLNavigationProperty] = []
    /// `Annotation` children of the entity type.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `ComplexType`.
public struct CSDLComplexType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `BaseType` as written (qualified or aliased); nil when absent.
    public var baseType: String?
    /// `Abstract`; absent means false.
    public var isAbstract = false
    /// `OpenType`; absent means false.
    public var isOpenType = false
    /// `Property` children in document order.
    public var properties: [CSDLProperty] = []
    /// `NavigationProperty` children in document order.
    public var navigationProperties: [CSDLNavigationProperty] = []
    /// `Annotation` children of the complex type.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Member` of an `EnumType`.
public struct CSDLEnumMember: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The value: as written, or implicit (previous member's value + 1, starting at 0) when absent.
    public var value: Int64
    /// True when `Value` was written in the document.
    public var hasExplicitValue: Bool
    /// `Annotation` children of the member.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `EnumType`.
public struct CSDLEnumType: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `UnderlyingType`, default `Edm.Int32`.
    public var underlyingType: String = "Edm.Int32"
    /// `IsFlags`; absent means false.
    public var isFlags = false
    /// `Member` children in document order.
    public var members: [CSDLEnumMember] = []
    /// `Annotation` children of the enum type.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `TypeDefinition`.
public struct CSDLTypeDefinition: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `UnderlyingType` as written: a primitive type.
    public var underlyingType: String
    /// `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    public var facets = CSDLFacets()
    /// `Annotation` children of the type definition.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Parameter` of an action or function.
public struct CSDLParameter: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The type as written: `Edm.String`, `NS.Type`, `Alias.Type`, `Collection(...)`.
    public var type: String
    /// `Nullable`; absent means true.
    public var nullable: Bool = true
    /// `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    public var facets = CSDLFacets()
    /// `Annotation` children of the parameter.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `ReturnType` of an action or function.
public struct CSDLReturnType: Sendable {
    /// The type as written: `Edm.String`, `NS.Type`, `Alias.Type`, `Collection(...)`.
    public var type: String
    /// `Nullable`; absent means true.
    public var nullable: Bool = true
    /// `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    public var facets = CSDLFacets()
    /// `Annotation` children of the return type.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Action` or `Function` (one overload).
public struct CSDLOperation: Sendable {
    /// Action or function.
    public enum Kind: String, Sendable { case action = "Action", function = "Function" }
    /// Whether the element is an `Action` or a `Function`.
    public var kind: Kind
    /// The `Name` attribute.
    public var name: String
    /// `IsBound`; absent means false. The first parameter is then the binding parameter.
    public var isBound = false
    /// `EntitySetPath` as written; nil when absent.
    public var entitySetPath: String?
    /// Functions only.
    public var isComposable = false
    /// `Parameter` children in document order.
    public var parameters: [CSDLParameter] = []
    /// The `ReturnType` child, when present (functions must have one).
    public var returnType: CSDLReturnType?
    /// `Annotation` children of the operation.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `NavigationPropertyBinding`.
public struct CSDLNavigationPropertyBinding: Sendable {
    /// The `Path` attribute: the navigation property path from the entity set or singleton.
    public var path: String
    /// The `Target` attribute: the entity set or singleton bound to, as written.
    public var target: String
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `EntitySet`.
public struct CSDLEntitySet: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `EntityType` as written (qualified or aliased).
    public var entityType: String
    /// `IncludeInServiceDocument`; absent means true.
    public var includeInServiceDocument = true
    /// `NavigationPropertyBinding` children in document order.
    public var navigationPropertyBindings: [CSDLNavigationPropertyBinding] = []
    /// `Annotation` children of the entity set.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Singleton`.
public struct CSDLSingleton: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `Type` as written: the entity type (qualified or aliased).
    public var type: String
    /// `Nullable` (CSDL 4.01), default false.
    public var nullable = false
    /// `NavigationPropertyBinding` children in document order.
    public var navigationPropertyBindings: [CSDLNavigationPropertyBinding] = []
    /// `Annotation` children of the singleton.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `ActionImport` or `FunctionImport`.
public struct CSDLOperationImport: Sendable {
    /// `.action` for `ActionImport`, `.function` for `FunctionImport`.
    public var kind: CSDLOperation.Kind
    /// The `Name` attribute.
    public var name: String
    /// `Action` or `Function`: the qualified name of the operation.
    public var operation: String
    /// `EntitySet` as written: the entity set returned; nil when absent.
    public var entitySet: String?
    /// FunctionImport only; default false.
    public var includeInServiceDocument = false
    /// `Annotation` children of the import.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// The kinds of container children, used to keep document order across kinds.
public enum CSDLContainerElementKind: UInt8, Sendable {
    /// One case per container child element: `EntitySet`, `Singleton`, `ActionImport`, `FunctionImport`.
    case entitySet, singleton, actionImport, functionImport
}

/// `EntityContainer`.
public struct CSDLEntityContainer: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// `Extends` as written: the qualified name of the container extended; nil when absent.
    public var extends: String?
    /// `EntitySet` children in document order.
    public var entitySets: [CSDLEntitySet] = []
    /// `Singleton` children in document order.
    public var singletons: [CSDLSingleton] = []
    /// `ActionImport` children in document order.
    public var actionImports: [CSDLOperationImport] = []
    /// `FunctionImport` children in document order.
    public var functionImports: [CSDLOperationImport] = []
    /// `Annotation` children of the container.
    public var annotations: [CSDLAnnotation] = []
    /// Document order of the children: (kind, index into that kind's array).
    public var order: [(kind: CSDLContainerElementKind, index: Int32)] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Term`.
public struct CSDLTerm: Sendable {
    /// The `Name` attribute.
    public var name: String
    /// The type as written: `Edm.String`, `NS.Type`, `Alias.Type`, `Collection(...)`.
    public var type: String
    /// `BaseTerm` as written (qualified or aliased); nil when absent.
    public var baseTerm: String?
    /// `Nullable`; absent means true.
    public var nullable = true
    /// `DefaultValue` as written; nil when absent.
    public var defaultValue: String?
    /// `AppliesTo` as written (space-separated).
    public var appliesTo: String?
    /// `MaxLength`, `Precision`, `Scale`, `SRID` and `Unicode`.
    public var facets = CSDLFacets()
    /// `Annotation` children of the term.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Annotations` (external targeting).
public struct CSDLAnnotations: Sendable {
    /// The `Target` attribute: the path of the model element annotated, as written.
    public var target: String
    /// The `Qualifier` attribute, applied to every annotation in the group; nil when absent.
    public var qualifier: String?
    /// `Annotation` children: the annotations applied to the target.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Annotation`.
public struct CSDLAnnotation: Sendable {
    /// The term as written (qualified or aliased).
    public var term: String
    /// The `Qualifier` attribute; nil when absent.
    public var qualifier: String?
    /// The value; nil when the annotation has none (a Boolean term then means true).
    public var value: CSDLExpression?
    /// Annotations of this annotation.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// Constant expression kinds (attribute or element form).
public enum CSDLConstantKind: String, Sendable, CaseIterable {
    /// The `Binary`, `Bool`, `Date` and `DateTimeOffset` constant expressions.
    case binary = "Binary", bool = "Bool", date = "Date", dateTimeOffset = "DateTimeOffset"
    /// The `Decimal`, `Duration`, `EnumMember` and `Float` constant expressions.
    case decimal = "Decimal", duration = "Duration", enumMember = "EnumMember", float = "Float"
    /// The `Guid`, `Int`, `String` and `TimeOfDay` constant expressions.
    case guid = "Guid", int = "Int", string = "String", timeOfDay = "TimeOfDay"
}

/// Path expression kinds (attribute or element form).
public enum CSDLPathKind: String, Sendable, CaseIterable {
    /// The `AnnotationPath` and `ModelElementPath` expressions.
    case annotationPath = "AnnotationPath", modelElementPath = "ModelElementPath"
    /// The `NavigationPropertyPath`, `Path` and `PropertyPath` expressions.
    case navigationPropertyPath = "NavigationPropertyPath", path = "Path", propertyPath = "PropertyPath"
}

/// `PropertyValue` of a `Record`.
public struct CSDLPropertyValue: Sendable {
    /// The `Property` attribute: the name of the property given a value.
    public var property: String
    /// The value (attribute or child expression); nil when none was written.
    public var value: CSDLExpression?
    /// `Annotation` children of the property value.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// `Record`.
public struct CSDLRecord: Sendable {
    /// The `Type` attribute as written (qualified or aliased); nil when absent.
    public var type: String?
    /// `PropertyValue` children in document order.
    public var propertyValues: [CSDLPropertyValue] = []
    /// `Annotation` children of the record.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
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
    /// `Annotation` children of the expression.
    public var annotations: [CSDLAnnotation] = []
    /// Source location of the element's start tag.
    public var location: SourceLocation
}

/// An annotation value.
public enum CSDLExpression: Sendable {
    /// A constant expression: its kind and the text as written.
    case constant(CSDLConstantKind, String)
    /// A path expression: its kind and the path as written.
    case path(CSDLPathKind, String)
    /// `Collection`: its items in document order.
    case collection([CSDLExpression])
    /// `Record`.
    indirect case record(CSDLRecord)
    /// `Null` without annotations (an annotated `Null` is kept as `.raw`).
    case null
    /// Any other expression, kept as a tree.
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
