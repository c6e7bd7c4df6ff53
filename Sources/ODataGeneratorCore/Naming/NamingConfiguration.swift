/// Settings of the naming layer. The defaults are what the generator uses; every field can be changed.
public struct NamingConfiguration: Sendable, Hashable {
    /// User-chosen names; they win over every rule (see `NamingOverrides`).
    public var overrides: NamingOverrides
    /// Members the generated types or runtime define (see `ReservedNames.defaultMemberNames`); applies to the
    /// roles `properties`, `enumMembers`, `operations` and `containerMembers`.
    public var reservedMemberNames: Set<String>
    /// Type names the generated code relies on (see `ReservedNames.defaultTypeNames`); applies to the role `types`.
    public var reservedTypeNames: Set<String>
    /// When true (the default), names in a scope that differ only in letter case clash: `feedbackid` and
    /// `FeedbackId` would be legal Swift side by side but are easy to confuse, and type names become file names,
    /// which case-insensitive file systems (macOS, Windows) cannot tell apart.
    public var caseInsensitiveCollisions: Bool
    /// Longest converted name, in UTF-8 bytes, before a collision number or a trailing `_` is added (default 200;
    /// values below 16 count as 16). Longer names are cut at a character boundary: type names become file names,
    /// and file systems allow 255 bytes.
    public var maximumUTF8Length: Int

    /// Creates a configuration.
    public init(
        overrides: NamingOverrides = NamingOverrides(),
        reservedMemberNames: Set<String> = ReservedNames.defaultMemberNames,
        reservedTypeNames: Set<String> = ReservedNames.defaultTypeNames,
        caseInsensitiveCollisions: Bool = true,
        maximumUTF8Length: Int = 200
    ) {
        self.overrides = overrides
        self.reservedMemberNames = reservedMemberNames
        self.reservedTypeNames = reservedTypeNames
        self.caseInsensitiveCollisions = caseInsensitiveCollisions
        self.maximumUTF8Length = maximumUTF8Length
    }

    /// The reserved names that apply to a scope: the configured set for its role plus its own additions.
    public func reservedNames(for scope: NamingScope) -> Set<String> {
        let configured: Set<String>
        switch scope.role {
        case .types: configured = reservedTypeNames
        case .properties, .enumMembers, .operations, .containerMembers: configured = reservedMemberNames
        case .parameters: configured = []
        }
        return scope.additionalReservedNames.isEmpty ? configured : configured.union(scope.additionalReservedNames)
    }

    /// `maximumUTF8Length`, at least 16.
    var effectiveMaximumUTF8Length: Int { max(16, maximumUTF8Length) }
}
