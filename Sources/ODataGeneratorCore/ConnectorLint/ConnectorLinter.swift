import Foundation

/// One broken rule in a Power Platform custom-connector folder.
public struct ConnectorLintViolation: Sendable, Hashable, Codable {
    /// The rule's ID, e.g. `PP004`.
    public var rule: String
    /// What is wrong, in one sentence.
    public var message: String
    /// The file it is in: `apiDefinition.swagger.json`, `apiProperties.json` or `settings.json`.
    public var file: String
    /// A JSON pointer into that file (`""` for the whole document).
    public var pointer: String

    public init(rule: String, message: String, file: String, pointer: String) {
        self.rule = rule
        self.message = message
        self.file = file
        self.pointer = pointer
    }
}

/// Checks a connector folder offline against the Power Platform rules.
public enum ConnectorLinter {
    /// Lints the files of one connector folder, keyed by file name (`apiDefinition.swagger.json`,
    /// `apiProperties.json`, `settings.json`; a missing key is a missing file). Violations come sorted by
    /// file, pointer and rule.
    public static func lint(files: [String: Data]) -> [ConnectorLintViolation] {
        // Placeholder until the rules land (issue 5); the export already calls this.
        []
    }
}
