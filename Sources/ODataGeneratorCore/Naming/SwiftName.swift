/// A resolved name: the Swift identifier to declare and the EDM name to keep for the wire (`CodingKeys` raw values,
/// URLs, `$select`). Templates get both and never convert names themselves.
public struct SwiftName: Sendable, Hashable, CustomStringConvertible {
    /// The name exactly as the metadata spells it, e.g. `_parentcustomerid_value` or `request-id`.
    public var edmName: String
    /// The Swift identifier without backticks, e.g. `parentcustomerid_value`, `requestId`, `default`. Use it to
    /// build derived names (`\(identifier)Key`); declare and reference the name with `escaped`.
    public var identifier: String
    /// True when the identifier is a Swift keyword and must be written with backticks (`` `default` ``).
    public var needsBackticks: Bool

    /// Creates a resolved name.
    public init(edmName: String, identifier: String, needsBackticks: Bool = false) {
        self.edmName = edmName
        self.identifier = identifier
        self.needsBackticks = needsBackticks
    }

    /// The identifier as written in code: with backticks when it is a keyword (`` `default` ``), else bare.
    public var escaped: String { needsBackticks ? "`" + identifier + "`" : identifier }

    /// True when the Swift identifier differs from the EDM name (case conversion included).
    public var isRenamed: Bool { identifier != edmName }

    /// The escaped identifier.
    public var description: String { escaped }

    /// The Swift type name for an EDM name outside any scope: UpperCamelCase, cleaned, reserved names avoided
    /// (`customerV3` → `CustomerV3`, `import` → `Import`, `Type` → `Type_`). Overrides in `configuration` apply by
    /// simple name; collisions are not resolved (use `SwiftNamer.resolve(_:in:)` for a whole scope).
    public static func typeName(_ edmName: String, configuration: NamingConfiguration = NamingConfiguration()) -> SwiftName {
        SwiftNamer(configuration).name(edmName, kind: .type)
    }

    /// The Swift member name for an EDM name outside any scope: lowerCamelCase, cleaned, keywords escaped or
    /// renamed, reserved member names avoided (`CustomerAccount` → `customerAccount`, `ID` → `id`,
    /// `request-id` → `requestId`, `default` → `` `default` ``, `self` → `self_`, `key` → `key_`).
    public static func memberName(_ edmName: String, configuration: NamingConfiguration = NamingConfiguration()) -> SwiftName {
        SwiftNamer(configuration).name(edmName, kind: .member)
    }

    /// The Swift enum case name for an EDM enum member outside any scope: like `memberName`, but a name without
    /// lowercase letters keeps its form (`GMT_CASABLANCA` stays, `Yes` → `yes`, `0` → `_0`).
    public static func enumCaseName(_ edmName: String, configuration: NamingConfiguration = NamingConfiguration()) -> SwiftName {
        SwiftNamer(configuration).name(edmName, kind: .enumCase)
    }
}
