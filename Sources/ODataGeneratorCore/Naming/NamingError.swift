/// A naming override that cannot be used. The entry it was meant for keeps the name the rules give it (or, for a
/// duplicate, the override name with a number appended), so generation can go on; callers decide whether to stop.
public struct NamingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the override's Swift name.
    public enum Problem: Sendable, Hashable {
        /// The Swift name is empty.
        case empty
        /// The Swift name is written with backticks; they are added where needed.
        case backticks
        /// The Swift name contains a character Swift does not allow in identifiers.
        case invalidCharacter(Unicode.Scalar)
        /// The Swift name starts with a character that may only follow the first (a digit, a combining mark).
        case invalidStart(Unicode.Scalar)
        /// The Swift name is a keyword that backticks cannot make usable for this kind of name.
        case unusableKeyword
        /// The Swift name is a member or type name reserved for the generated code or runtime.
        case reserved
        /// Another override in the same scope already gives this name (to the EDM name in the payload).
        case duplicate(otherEDMName: String)

        /// What is wrong, in words.
        public var explanation: String {
            switch self {
            case .empty:
                return "it is empty"
            case .backticks:
                return "it is written with backticks; write the bare name, backticks are added where Swift needs them"
            case .invalidCharacter(let scalar):
                return "it contains \(Self.describe(scalar)), which Swift does not allow in identifiers"
            case .invalidStart(let scalar):
                return "it starts with \(Self.describe(scalar)), which cannot start a Swift identifier"
            case .unusableKeyword:
                return "it is a Swift keyword that cannot name this declaration even with backticks"
            case .reserved:
                return "the generated code or the runtime already uses that name"
            case .duplicate(let other):
                return "the override for '\(other)' already gives that name in this scope"
            }
        }

        private static func describe(_ scalar: Unicode.Scalar) -> String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.properties.isDefaultIgnorableCodePoint {
                return code
            }
            return "'\(Character(scalar))' (\(code))"
        }
    }

    /// The override key (a simple or qualified EDM name).
    public var overrideKey: String
    /// The Swift name the override asks for.
    public var swiftName: String
    /// What is wrong.
    public var problem: Problem
    /// The scope the override was applied in; nil when the override was checked on its own.
    public var scope: NamingScope?

    /// Creates an error.
    public init(overrideKey: String, swiftName: String, problem: Problem, scope: NamingScope? = nil) {
        self.overrideKey = overrideKey
        self.swiftName = swiftName
        self.problem = problem
        self.scope = scope
    }

    /// E.g. `naming override 'CustomerV3' → '3Customer' cannot be used: it starts with '3' (U+0033), which cannot
    /// start a Swift identifier. Change the Swift name in naming.overrides.`
    public var description: String {
        let place = scope.map { " (\($0))" } ?? ""
        return "naming override '\(overrideKey)' → '\(swiftName)'\(place) cannot be used: \(problem.explanation). "
            + "Change the Swift name in naming.overrides."
    }
}
