/// Names the naming layer keeps away from generated declarations, besides the Swift keywords of `SwiftKeywords`.
public enum ReservedNames {
    /// Members the generated types or the runtime define themselves. A property, navigation property, enum case,
    /// operation or entity set that would get one of these names gets a trailing `_` instead (`key` → `key_`).
    /// This is the default of `NamingConfiguration.reservedMemberNames`.
    public static let defaultMemberNames: Set<String> = [
        "odataEtag", "key", "entitySetName", "edmName", "CodingKeys", "init", "description", "hashValue", "hash",
        "encode", "unknown",
    ]

    /// Types the generated code names without qualification (the Swift types EDM primitives map to, the protocols
    /// generated types conform to) and the modules it qualifies names with. A generated type with one of these names
    /// would shadow them, so it gets a trailing `_` instead (`Data` → `Data_`).
    /// This is the default of `NamingConfiguration.reservedTypeNames`.
    public static let defaultTypeNames: Set<String> = [
        // EDM primitives
        "Bool", "Data", "Date", "Decimal", "Double", "Float", "Int", "Int8", "Int16", "Int32", "Int64", "String",
        "UInt8", "UUID",
        // conformances and helpers
        "Codable", "CodingKey", "Decodable", "Decoder", "Encodable", "Encoder", "Equatable", "Error", "Hashable",
        "Optional", "Sendable",
        // modules
        "Foundation", "ODataRuntime", "Swift",
    ]

    /// Keywords that backticks do not make usable as a member: `x.self` and `x.init` mean something else even when
    /// the declaration is escaped, `E.Type` and `E.Protocol` are metatypes (escaped or not), `Self` names the
    /// enclosing type, `_` is the wildcard. Such members get a trailing `_` (`self` → `self_`).
    public static let unescapableMemberNames: Set<String> = ["self", "Self", "Type", "Protocol", "init", "_"]

    /// Keywords that must not name a generated type even with backticks: `Type` and `Protocol` (metatype
    /// suffixes), `Self` and `Any`, and `_`. Such types get a trailing `_` (`Type` → `Type_`). Other keywords are
    /// lowercase, so converted type names never equal them; an override to one of them is escaped with backticks.
    public static let unescapableTypeNames: Set<String> = ["Type", "Protocol", "Self", "Any", "_"]
}
