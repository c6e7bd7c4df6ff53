/// A position in a source document: 1-based line and column (columns count bytes, as compilers do).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number; 0 when unknown.
    public var line: Int32
    /// 1-based column (byte offset in the line plus one); 0 when unknown.
    public var column: Int32

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    /// A location for things that have none (synthesized elements).
    public static let unknown = SourceLocation(line: 0, column: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One problem found in a document, printed in compiler format (`path:line:col: error: message`).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    /// How serious a diagnostic is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// error, warning or note.
    public var severity: Severity
    /// The file the problem is in (as given by the caller).
    public var file: String
    /// 1-based line; 0 when the problem has no line (e.g. the file could not be opened).
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// What is wrong and what to do.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, file: String, line: Int, column: Int) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// Creates a diagnostic at a source location.
    public init(_ severity: Severity, _ message: String, file: String, at location: SourceLocation) {
        self.init(severity, message, file: file, line: Int(location.line), column: Int(location.column))
    }

    /// `path:line:col: severity: message`, the form IDEs turn into links.
    public var description: String {
        if line > 0 {
            return "\(file):\(line):\(max(column, 1)): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }

    private enum CodingKeys: String, CodingKey { case severity, file, line, column, message }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics ordered by location, then severity (errors first), then message; stable for equal keys.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let l = a.element, r = b.element
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
