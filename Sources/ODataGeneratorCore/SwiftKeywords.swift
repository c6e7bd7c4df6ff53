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

    /// True when `name` must be escaped (or renamed) to be used as an identifier.
    public static func isReserved(_ name: String) -> Bool { reserved.contains(name) }
}
