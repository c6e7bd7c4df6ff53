/// One difference between two metadata documents, classified for users of the generated Swift code.
///
/// `path` names the element: a type or set by its name (`CustomerV3`, `CustomersV3`; namespace-qualified only when
/// two types of the two documents share a simple name), a member after a slash (`CustomerV3/CreditLimit`,
/// `NoYes/Yes`), an operation as `name(BindingType)` (bound) or `name()` (unbound), with `[p1,p2]` (its parameter
/// names) when several function overloads share name and binding, and a parameter after a slash
/// (`confirm(SalesOrderHeaderV2)/Reason`). `old` and `new` are the values compared, in CSDL terms (a type name,
/// `Nullable=false`, facets such as `MaxLength=20`, a key as a comma-separated list); nil when not applicable (an
/// added element has no `old`).
public struct MetadataChange: Sendable, Hashable, Codable {
    /// What changed. The raw value is the `kind` of the JSON contract.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An entity set added, removed, or now of another entity type.
        case entitySetAdded, entitySetRemoved, entitySetTypeChanged
        /// A singleton added, removed, or now of another entity type.
        case singletonAdded, singletonRemoved, singletonTypeChanged
        /// An entity or complex type added or removed (an entity type turned complex is both).
        case entityTypeAdded, entityTypeRemoved, complexTypeAdded, complexTypeRemoved
        /// An enum type or type definition added or removed; a type definition's underlying type or facets changed.
        case enumTypeAdded, enumTypeRemoved, typeDefinitionAdded, typeDefinitionRemoved, typeDefinitionChanged
        /// A structured type's base type, key (names, order, aliases) or `OpenType` changed.
        case baseTypeChanged, keyChanged, openTypeChanged
        /// A structural property added, removed, or its type, nullability or facets changed.
        case propertyAdded, propertyRemoved, propertyTypeChanged, propertyNullabilityChanged, propertyFacetsChanged
        /// The remaining properties of a type come in another order.
        case propertiesReordered
        /// A navigation property added, removed, or its target type (or collection-ness) changed.
        case navigationPropertyAdded, navigationPropertyRemoved, navigationPropertyTypeChanged
        /// A navigation property's nullability changed.
        case navigationPropertyNullabilityChanged
        /// An enum member added, removed or given another value; an enum's `IsFlags` or underlying type changed.
        case enumMemberAdded, enumMemberRemoved, enumMemberValueChanged, enumFlagsChanged, enumUnderlyingTypeChanged
        /// An action or function overload added or removed, its return type changed, its parameters reordered.
        case operationAdded, operationRemoved, operationReturnTypeChanged, operationParametersReordered
        /// A parameter added, removed, or its type, nullability or facets changed.
        case parameterAdded, parameterRemoved, parameterTypeChanged, parameterNullabilityChanged, parameterFacetsChanged
        /// An action or function import added, removed, or calling another operation or naming another entity set.
        case operationImportAdded, operationImportRemoved, operationImportChanged

        /// How the kind reads in the text report (`property removed`).
        public var words: String {
            var out = ""
            for c in rawValue {
                if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
            }
            return out
        }
    }

    /// What changed.
    public var kind: Kind
    /// The element that changed (see the type's documentation).
    public var path: String
    /// True when code written against the Swift generated from the old document may stop compiling, or a deployed
    /// app built from it may stop decoding responses, once it talks to the new service; false for additive or
    /// neutral changes.
    public var breaking: Bool
    /// The old value; nil for an addition.
    public var old: String?
    /// The new value; nil for a removal.
    public var new: String?
    /// Why the change is (or is not) breaking, in one sentence.
    public var reason: String

    /// Creates a change.
    public init(_ kind: Kind, _ path: String, breaking: Bool, old: String? = nil, new: String? = nil, reason: String) {
        self.kind = kind
        self.path = path
        self.breaking = breaking
        self.old = old
        self.new = new
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case kind, path, breaking, old, new, reason }

    /// Encodes every key, `old` and `new` as `null` when absent (the JSON contract has fixed keys).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(path, forKey: .path)
        try c.encode(breaking, forKey: .breaking)
        if let old { try c.encode(old, forKey: .old) } else { try c.encodeNil(forKey: .old) }
        if let new { try c.encode(new, forKey: .new) } else { try c.encodeNil(forKey: .new) }
        try c.encode(reason, forKey: .reason)
    }
}
