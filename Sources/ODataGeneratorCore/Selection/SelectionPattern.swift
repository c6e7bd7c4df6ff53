/// A name or glob in an `include` or `exclude` list, with where it was written (for diagnostics).
///
/// String literals convert: `let p: SelectionPattern = "SalesOrder*"`.
public struct SelectionPattern: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The compiled pattern.
    public let glob: GlobPattern
    /// The file the pattern was written in (a configuration file), when known; `SelectionOptions.configFile` otherwise.
    public var file: String?
    /// 1-based line of the pattern in `file`; 0 when unknown.
    public var line: Int
    /// 1-based column of the pattern in `file`; 0 when unknown.
    public var column: Int

    /// Creates a pattern, optionally with the place it was written.
    public init(_ text: String, file: String? = nil, line: Int = 0, column: Int = 0) {
        self.glob = GlobPattern(text)
        self.file = file
        self.line = line
        self.column = column
    }

    /// Creates a pattern from a string literal, with no source position.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The pattern as written.
    public var text: String { glob.text }

    /// The pattern as written.
    public var description: String { glob.text }

    /// True when `name` matches the pattern.
    public func matches(_ name: String) -> Bool { glob.matches(name) }
}
