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

/// Limits the linter checks against (FNO.md item 3); tests and the exporter's split may lower them.
public struct ConnectorLintOptions: Sendable, Equatable {
    /// The definition file must be smaller than this many bytes (1 MiB).
    public var maximumDefinitionBytes: Int
    /// At most this many operations.
    public var maximumOperations: Int

    public init(maximumDefinitionBytes: Int = 1_048_576, maximumOperations: Int = 256) {
        self.maximumDefinitionBytes = maximumDefinitionBytes
        self.maximumOperations = maximumOperations
    }
}

/// Checks a connector folder offline against the Power Platform rules (`ConnectorLintRule.all`).
public enum ConnectorLinter {
    /// The file names of a connector folder.
    public static let definitionFile = "apiDefinition.swagger.json"
    public static let propertiesFile = "apiProperties.json"
    public static let settingsFile = "settings.json"

    /// Lints the files of one connector folder, keyed by file name (`apiDefinition.swagger.json`,
    /// `apiProperties.json`, `settings.json`; a missing key is a missing file). Violations come sorted by
    /// file, pointer and rule.
    public static func lint(files: [String: Data]) -> [ConnectorLintViolation] {
        lint(files: files, options: ConnectorLintOptions())
    }

    /// Lints with explicit limits.
    public static func lint(files: [String: Data], options: ConnectorLintOptions) -> [ConnectorLintViolation] {
        var violations: [ConnectorLintViolation] = []
        func read(_ name: String, required: Bool) -> LintJSON? {
            guard let data = files[name] else {
                if required {
                    violations.append(.init(rule: "IO001", message: "The connector folder has no \(name); paconn and pac need it.", file: name, pointer: ""))
                }
                return nil
            }
            do {
                let result = try LintJSONReader.read(data)
                for duplicate in result.duplicates {
                    violations.append(.init(rule: "IO001", message: "The key \(quoted(duplicate.key)) appears more than once in one object (line \(duplicate.line), column \(duplicate.column)); the later value wins, which is rarely what was meant.", file: name, pointer: duplicate.pointer))
                }
                guard result.value.isObject else {
                    violations.append(.init(rule: "IO001", message: "\(name) must hold a JSON object, not \(result.value.typeName == "array" ? "an" : "a") \(result.value.typeName).", file: name, pointer: ""))
                    return nil
                }
                return result.value
            } catch {
                violations.append(.init(rule: "IO001", message: "\(name) is not valid JSON: \(error.description).", file: name, pointer: error.pointer))
                return nil
            }
        }
        let definition = read(definitionFile, required: true)
        let properties = read(propertiesFile, required: true)
        let settings = read(settingsFile, required: false)

        if let definition {
            var shapes = LintShapeChecker(rule: "MS001", file: definitionFile, source: MicrosoftSchemaShapes.definitionSource)
            shapes.check(definition, MicrosoftSchemaShapes.definition, at: "")
            violations += shapes.violations
        }
        if let properties {
            var shapes = LintShapeChecker(rule: "MS002", file: propertiesFile, source: MicrosoftSchemaShapes.propertiesSource)
            shapes.check(properties, MicrosoftSchemaShapes.apiProperties, at: "")
            violations += shapes.violations
        }
        var rules = ConnectorRules(definition: definition, definitionSize: files[definitionFile]?.count ?? 0,
                                   properties: properties, options: options)
        rules.checkAll()
        violations += rules.violations
        if let settings {
            var shapes = LintShapeChecker(rule: "MS003", file: settingsFile, source: MicrosoftSchemaShapes.settingsSource)
            shapes.check(settings, MicrosoftSchemaShapes.settings, at: "")
            violations += shapes.violations
        }
        return sorted(violations)
    }

    /// Lints the three files of the folder at `directory`. Throws when the folder itself cannot be read.
    public static func lint(directory: URL, options: ConnectorLintOptions = ConnectorLintOptions()) throws -> [ConnectorLintViolation] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConnectorLintError.notADirectory(directory.path)
        }
        _ = try FileManager.default.contentsOfDirectory(atPath: directory.path)  // unreadable folder: throw
        var files: [String: Data] = [:]
        var unreadable: [ConnectorLintViolation] = []
        for name in [definitionFile, propertiesFile, settingsFile] {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                files[name] = try Data(contentsOf: url)
            } catch {
                unreadable.append(.init(rule: "IO001", message: "\(name) exists but cannot be read: \(error.localizedDescription).", file: name, pointer: ""))
            }
        }
        var violations = lint(files: files, options: options)
        // A file that exists but cannot be read is reported as such, not as missing.
        let unreadableNames = Set(unreadable.map(\.file))
        violations.removeAll { $0.rule == "IO001" && unreadableNames.contains($0.file) && $0.pointer.isEmpty && $0.message.hasPrefix("The connector folder has no") }
        return sorted(violations + unreadable)
    }

    /// File order: definition, properties, settings; then pointer, rule, message.
    static func sorted(_ violations: [ConnectorLintViolation]) -> [ConnectorLintViolation] {
        let fileOrder = [definitionFile: 0, propertiesFile: 1, settingsFile: 2]
        let unique = Array(Set(violations))
        return unique.sorted { a, b in
            let fa = fileOrder[a.file] ?? 3, fb = fileOrder[b.file] ?? 3
            if fa != fb { return fa < fb }
            if a.file != b.file { return a.file < b.file }
            if a.pointer != b.pointer { return a.pointer.utf8.lexicographicallyPrecedes(b.pointer.utf8) }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
        }
    }
}

/// Why a connector folder could not be linted at all.
public enum ConnectorLintError: Error, CustomStringConvertible, Equatable {
    case notADirectory(String)

    public var description: String {
        switch self {
        case .notADirectory(let path): return "\(path) is not a readable directory"
        }
    }
}
