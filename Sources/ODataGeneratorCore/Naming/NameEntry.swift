/// One name to resolve in a scope: the EDM name as written in the metadata and, optionally, its qualified form,
/// which overrides are looked up by first.
///
/// Qualified forms, by convention: `Namespace.Name` for types and operations, `Namespace.Type/name` for properties,
/// navigation properties and enum members (the CSDL target-path syntax), `Namespace.Container/name` for entity sets,
/// singletons and imports. Use the namespace, not its alias.
public struct NameEntry: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name exactly as the metadata spells it; it stays the name on the wire.
    public var edmName: String
    /// The qualified name, e.g. `Microsoft.Dynamics.DataEntities.CustomerV3` or `...CustomerV3/dataAreaId`.
    public var qualifiedName: String?

    /// Creates an entry.
    public init(_ edmName: String, qualifiedName: String? = nil) {
        self.edmName = edmName
        self.qualifiedName = qualifiedName
    }

    /// Creates an entry without a qualified name.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The qualified name when there is one, else the EDM name.
    public var description: String { qualifiedName ?? edmName }
}
