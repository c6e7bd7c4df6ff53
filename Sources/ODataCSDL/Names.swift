/// Element names the reader knows, matched by libxml2 dictionary pointer.
enum ElementName: UInt8, CaseIterable {
    case unknown = 0
    // edmx namespace
    case edmx, reference, include, includeAnnotations, dataServices
    // edm namespace
    case schema, entityType, complexType, enumType, member, typeDefinition, key, propertyRef, property
    case navigationProperty, referentialConstraint, onDelete, action, function, parameter, returnType
    case entityContainer, entitySet, singleton, navigationPropertyBinding, actionImport, functionImport
    case term, annotations, annotation
    // expressions
    case binary, bool, date, dateTimeOffset, decimal, duration, enumMember, float, guid, int, string, timeOfDay
    case annotationPath, modelElementPath, navigationPropertyPath, path, propertyPath
    case collection, record, propertyValue, null
    case and, or, not, eq, ne, gt, ge, lt, le, has, `in`, add, sub, mul, div, divBy, mod, neg
    case apply, cast, `if`, isOf, labeledElement, labeledElementReference, urlRef

    /// The XML local name.
    var xmlName: String {
        switch self {
        case .unknown: return ""
        case .edmx: return "Edmx"
        case .reference: return "Reference"
        case .include: return "Include"
        case .includeAnnotations: return "IncludeAnnotations"
        case .dataServices: return "DataServices"
        case .schema: return "Schema"
        case .entityType: return "EntityType"
        case .complexType: return "ComplexType"
        case .enumType: return "EnumType"
        case .member: return "Member"
        case .typeDefinition: return "TypeDefinition"
        case .key: return "Key"
        case .propertyRef: return "PropertyRef"
        case .property: return "Property"
        case .navigationProperty: return "NavigationProperty"
        case .referentialConstraint: return "ReferentialConstraint"
        case .onDelete: return "OnDelete"
        case .action: return "Action"
        case .function: return "Function"
        case .parameter: return "Parameter"
        case .returnType: return "ReturnType"
        case .entityContainer: return "EntityContainer"
        case .entitySet: return "EntitySet"
        case .singleton: return "Singleton"
        case .navigationPropertyBinding: return "NavigationPropertyBinding"
        case .actionImport: return "ActionImport"
        case .functionImport: return "FunctionImport"
        case .term: return "Term"
        case .annotations: return "Annotations"
        case .annotation: return "Annotation"
        case .binary: return "Binary"
        case .bool: return "Bool"
        case .date: return "Date"
        case .dateTimeOffset: return "DateTimeOffset"
        case .decimal: return "Decimal"
        case .duration: return "Duration"
        case .enumMember: return "EnumMember"
        case .float: return "Float"
        case .guid: return "Guid"
        case .int: return "Int"
        case .string: return "String"
        case .timeOfDay: return "TimeOfDay"
        case .annotationPath: return "AnnotationPath"
        case .modelElementPath: return "ModelElementPath"
        case .navigationPropertyPath: return "NavigationPropertyPath"
        case .path: return "Path"
        case .propertyPath: return "PropertyPath"
        case .collection: return "Collection"
        case .record: return "Record"
        case .propertyValue: return "PropertyValue"
        case .null: return "Null"
        case .and: return "And"
        case .or: return "Or"
        case .not: return "Not"
        case .eq: return "Eq"
        case .ne: return "Ne"
        case .gt: return "Gt"
        case .ge: return "Ge"
        case .lt: return "Lt"
        case .le: return "Le"
        case .has: return "Has"
        case .in: return "In"
        case .add: return "Add"
        case .sub: return "Sub"
        case .mul: return "Mul"
        case .div: return "Div"
        case .divBy: return "DivBy"
        case .mod: return "Mod"
        case .neg: return "Neg"
        case .apply: return "Apply"
        case .cast: return "Cast"
        case .if: return "If"
        case .isOf: return "IsOf"
        case .labeledElement: return "LabeledElement"
        case .labeledElementReference: return "LabeledElementReference"
        case .urlRef: return "UrlRef"
        }
    }

    var isEdmxNamespace: Bool { rawValue >= ElementName.edmx.rawValue && rawValue <= ElementName.dataServices.rawValue }

    var constantKind: CSDLConstantKind? {
        switch self {
        case .binary: return .binary
        case .bool: return .bool
        case .date: return .date
        case .dateTimeOffset: return .dateTimeOffset
        case .decimal: return .decimal
        case .duration: return .duration
        case .enumMember: return .enumMember
        case .float: return .float
        case .guid: return .guid
        case .int: return .int
        case .string: return .string
        case .timeOfDay: return .timeOfDay
        default: return nil
        }
    }

    var pathKind: CSDLPathKind? {
        switch self {
        case .annotationPath: return .annotationPath
        case .modelElementPath: return .modelElementPath
        case .navigationPropertyPath: return .navigationPropertyPath
        case .path: return .path
        case .propertyPath: return .propertyPath
        default: return nil
        }
    }

    /// Elements that may hold `Annotation` children.
    var isAnnotatable: Bool {
        switch self {
        case .reference, .include, .schema, .entityType, .complexType, .enumType, .member, .typeDefinition,
             .property, .navigationProperty, .referentialConstraint, .onDelete, .action, .function, .parameter,
             .returnType, .entityContainer, .entitySet, .singleton, .actionImport, .functionImport, .term,
             .annotations, .annotation, .record, .propertyValue, .null,
             .and, .or, .not, .eq, .ne, .gt, .ge, .lt, .le, .has, .in, .add, .sub, .mul, .div, .divBy, .mod, .neg,
             .apply, .cast, .if, .isOf, .labeledElement, .labeledElementReference, .urlRef:
            return true
        default:
            return false
        }
    }
}

/// Attribute names the reader knows, matched by libxml2 dictionary pointer.
enum AttributeName: UInt8, CaseIterable {
    case unknown = 0
    case version, uri, namespace, alias, termNamespace, qualifier, targetNamespace, name, baseType, abstract
    case openType, hasStream, type, nullable, maxLength, precision, scale, srid, unicode, defaultValue, partner
    case containsTarget, property, referencedProperty, action, function, value, underlyingType, isFlags, isBound
    case entitySetPath, isComposable, extends, entityType, includeInServiceDocument, path, target, entitySet
    case term, baseTerm, appliesTo
    // constant and path expressions in attribute form
    case binary, bool, date, dateTimeOffset, decimal, duration, enumMember, float, guid, int, string, timeOfDay
    case annotationPath, modelElementPath, navigationPropertyPath, propertyPath

    var xmlName: String {
        switch self {
        case .unknown: return ""
        case .version: return "Version"
        case .uri: return "Uri"
        case .namespace: return "Namespace"
        case .alias: return "Alias"
        case .termNamespace: return "TermNamespace"
        case .qualifier: return "Qualifier"
        case .targetNamespace: return "TargetNamespace"
        case .name: return "Name"
        case .baseType: return "BaseType"
        case .abstract: return "Abstract"
        case .openType: return "OpenType"
        case .hasStream: return "HasStream"
        case .type: return "Type"
        case .nullable: return "Nullable"
        case .maxLength: return "MaxLength"
        case .precision: return "Precision"
        case .scale: return "Scale"
        case .srid: return "SRID"
        case .unicode: return "Unicode"
        case .defaultValue: return "DefaultValue"
        case .partner: return "Partner"
        case .containsTarget: return "ContainsTarget"
        case .property: return "Property"
        case .referencedProperty: return "ReferencedProperty"
        case .action: return "Action"
        case .function: return "Function"
        case .value: return "Value"
        case .underlyingType: return "UnderlyingType"
        case .isFlags: return "IsFlags"
        case .isBound: return "IsBound"
        case .entitySetPath: return "EntitySetPath"
        case .isComposable: return "IsComposable"
        case .extends: return "Extends"
        case .entityType: return "EntityType"
        case .includeInServiceDocument: return "IncludeInServiceDocument"
        case .path: return "Path"
        case .target: return "Target"
        case .entitySet: return "EntitySet"
        case .term: return "Term"
        case .baseTerm: return "BaseTerm"
        case .appliesTo: return "AppliesTo"
        case .binary: return "Binary"
        case .bool: return "Bool"
        case .date: return "Date"
        case .dateTimeOffset: return "DateTimeOffset"
        case .decimal: return "Decimal"
        case .duration: return "Duration"
        case .enumMember: return "EnumMember"
        case .float: return "Float"
        case .guid: return "Guid"
        case .int: return "Int"
        case .string: return "String"
        case .timeOfDay: return "TimeOfDay"
        case .annotationPath: return "AnnotationPath"
        case .modelElementPath: return "ModelElementPath"
        case .navigationPropertyPath: return "NavigationPropertyPath"
        case .propertyPath: return "PropertyPath"
        }
    }

    var constantKind: CSDLConstantKind? {
        switch self {
        case .binary: return .binary
        case .bool: return .bool
        case .date: return .date
        case .dateTimeOffset: return .dateTimeOffset
        case .decimal: return .decimal
        case .duration: return .duration
        case .enumMember: return .enumMember
        case .float: return .float
        case .guid: return .guid
        case .int: return .int
        case .string: return .string
        case .timeOfDay: return .timeOfDay
        default: return nil
        }
    }

    var pathKind: CSDLPathKind? {
        switch self {
        case .annotationPath: return .annotationPath
        case .modelElementPath: return .modelElementPath
        case .navigationPropertyPath: return .navigationPropertyPath
        case .path: return .path
        case .propertyPath: return .propertyPath
        default: return nil
        }
    }
}

/// A small open-addressing table from libxml2 dictionary pointers to codes.
struct PointerTable {
    private var keys: [UInt]
    private var values: [UInt8]
    private let mask: Int

    init(capacity: Int) {
        var c = 1
        while c < capacity * 4 { c <<= 1 }
        keys = Array(repeating: 0, count: c)
        values = Array(repeating: 0, count: c)
        mask = c - 1
    }

    @inline(__always)
    private func slot(_ k: UInt) -> Int { Int(truncatingIfNeeded: ((k >> 3) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    mutating func insert(_ p: UnsafeRawPointer, _ v: UInt8) {
        let k = UInt(bitPattern: p)
        var s = slot(k)
        while keys[s] != 0 && keys[s] != k { s = (s + 1) & mask }
        keys[s] = k
        values[s] = v
    }

    @inline(__always)
    func lookup(_ p: UnsafeRawPointer) -> UInt8 {
        let k = UInt(bitPattern: p)
        var s = slot(k)
        while true {
            let key = keys[s]
            if key == k { return values[s] }
            if key == 0 { return 0 }
            s = (s + 1) & mask
        }
    }
}
