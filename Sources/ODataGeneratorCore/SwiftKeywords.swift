/// Words that cannot be used as Swift identifiers without backticks, and the names generated code or the runtime
/// already uses for its own members (a property with such a name would clash).
public enum SwiftKeywords {
    /// Keywords used in declarations, statements, expressions and types (The Swift Programming Language,
    /// "Lexical Structure"), plus `Type`, `Protocol` and `self`/`Self`, which need escaping in member position.
    public static let reserved: Set<String> = [
        // declarations
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "precedencegroup",
        "private", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        // statements
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "throw", "switch", "where", "while",
        // expressions and types
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        // patterns and special names
        "_", "Type", "Protocol",
    ]

    /// Names a generated type may not take: keywords, and the types generated code itself uses (a generated type
    /// named `Decimal` would shadow Foundation's). Such types are renamed with a trailing `_`.
    public static let reservedTypeNames: Set<String> = reserved.union([
        "String", "Bool", "Int", "Int8", "Int16", "Int32", "Int64", "UInt8", "Double", "Float", "Decimal", "Data",
        "UUID", "Date", "URL", "Array", "Dictionary", "Optional", "Set", "Codable", "Encodable", "Decodable",
        "Hashable", "Equatable", "Sendable", "Error", "CodingKey", "Encoder", "Decoder", "Never", "Void",
        "Indirect", "ODataJSONValue", "EDMDate", "EDMTimeOfDay", "EDMDuration", "EDMDateTimeOffset",
        "ODataEnum", "ODataFlags", "ODataRuntimeAPIVersion1", "Foundation", "ODataRuntime", "Swift",
        "ODataInt64", "ODataDecimal", "ODataOpenProperties", "ODataDynamicCodingKey", "Set",
    ])

    /// True when `name` must be escaped (or renamed) to be used as an identifier.
    public static func isReserved(_ name: String) -> Bool { reserved.contains(name) }
}
