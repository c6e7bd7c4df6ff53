import Foundation

/// The expected shape of a JSON value: a small structural subset of JSON Schema (types, allowed values,
/// required and allowed members), enough to state the rules of Microsoft's connector schemas in Swift.
indirect enum LintShape: Sendable {
    /// Anything.
    case any
    /// A string, optionally from a fixed list (compared exactly) and passing a check that returns a problem.
    case string(allowed: [String]? = nil, check: (@Sendable (String) -> String?)? = nil)
    case boolean
    case integer
    case number
    /// One of several JSON types (e.g. string or null).
    case types([String])
    case array(LintShape)
    case object(LintObjectShape)
    /// A shape chosen by looking at the value (e.g. by its `in` or `templateId` member).
    case choose(@Sendable (LintJSON) -> LintShape)
    /// A shape defined later (for recursion).
    case deferred(@Sendable () -> LintShape)
    /// Both shapes.
    case all([LintShape])
    /// A custom check that reports problems as (pointer suffix, message).
    case custom(@Sendable (LintJSON) -> [(suffix: String, message: String)])
}

/// What an object may and must contain.
struct LintObjectShape: Sendable {
    /// Known members and their shapes.
    var properties: [String: LintShape] = [:]
    /// Members that must be present.
    var required: [String] = []
    /// Members matched by name (checked when a name is not in `properties`).
    var patterns: [LintPattern] = []
    /// The shape of every other member; nil forbids other members.
    var additional: LintShape? = nil
    /// Whether `x-...` vendor extensions other than `x-ms-...` are allowed (Swagger's `^x-(?!ms-)`).
    var vendorExtensions = false
    /// What the object is called in messages (e.g. "an operation").
    var name: String

    init(_ name: String, properties: [String: LintShape] = [:], required: [String] = [],
         patterns: [LintPattern] = [], additional: LintShape? = nil,
         vendorExtensions: Bool = false) {
        self.name = name
        self.properties = properties
        self.required = required
        self.patterns = patterns
        self.additional = additional
        self.vendorExtensions = vendorExtensions
    }
}

/// Members whose names pass a test share a shape (JSON Schema's patternProperties).
struct LintPattern: Sendable {
    var matches: @Sendable (String) -> Bool
    var shape: LintShape

    init(matches: @escaping @Sendable (String) -> Bool, shape: LintShape) {
        self.matches = matches
        self.shape = shape
    }
}

/// Checks a value against a shape and reports each mismatch as a violation of one rule.
struct LintShapeChecker {
    var rule: String
    var file: String
    /// Names the schema in messages, e.g. "Microsoft's apiDefinition schema".
    var source: String
    var violations: [ConnectorLintViolation] = []

    init(rule: String, file: String, source: String) {
        self.rule = rule
        self.file = file
        self.source = source
    }

    mutating func check(_ value: LintJSON, _ shape: LintShape, at pointer: String) {
        switch shape {
        case .any:
            return
        case .string(let allowed, let check):
            guard let text = value.stringValue else { return mismatch(value, "a string", pointer) }
            if let allowed, !allowed.contains(text) {
                report(pointer, "\(quoted(text)) is not allowed here; \(source) allows \(list(allowed)).")
            } else if let check, let problem = check(text) {
                report(pointer, problem)
            }
        case .boolean:
            if value.boolValue == nil { mismatch(value, "a boolean", pointer) }
        case .integer:
            if !value.isInteger { mismatch(value, "an integer", pointer) }
        case .number:
            if case .number = value {} else { mismatch(value, "a number", pointer) }
        case .types(let names):
            let ok = names.contains(value.typeName) || (names.contains("number") && value.typeName == "integer")
            if !ok { mismatch(value, names.joined(separator: " or "), pointer) }
        case .array(let item):
            guard case .array(let elements) = value else { return mismatch(value, "an array", pointer) }
            for (i, element) in elements.enumerated() {
                check(element, item, at: JSONPointer.appending(pointer, i))
            }
        case .object(let object):
            checkObject(value, object, pointer)
        case .choose(let pick):
            check(value, pick(value), at: pointer)
        case .deferred(let make):
            check(value, make(), at: pointer)
        case .all(let shapes):
            for s in shapes { check(value, s, at: pointer) }
        case .custom(let run):
            for problem in run(value) { report(pointer + problem.suffix, problem.message) }
        }
    }

    private mutating func checkObject(_ value: LintJSON, _ shape: LintObjectShape, _ pointer: String) {
        guard case .object(let members) = value else { return mismatch(value, "an object (\(shape.name))", pointer) }
        for key in shape.required where value[key] == nil {
            report(pointer, "\(shape.name.prefix(1).uppercased() + shape.name.dropFirst()) lacks the required member \(quoted(key)) (\(source)).")
        }
        for member in members {
            let memberPointer = JSONPointer.appending(pointer, member.key)
            if let known = shape.properties[member.key] {
                check(member.value, known, at: memberPointer)
            } else if let pattern = shape.patterns.first(where: { $0.matches(member.key) }) {
                check(member.value, pattern.shape, at: memberPointer)
            } else if shape.vendorExtensions, member.key.hasPrefix("x-"), !member.key.hasPrefix("x-ms-") {
                continue
            } else if let additional = shape.additional {
                check(member.value, additional, at: memberPointer)
            } else {
                let hint = member.key.hasPrefix("x-ms-") ? " (an x-ms- extension this schema does not define here)" : ""
                report(memberPointer, "\(quoted(member.key)) is not allowed in \(shape.name)\(hint) (\(source)).")
            }
        }
    }

    private mutating func mismatch(_ value: LintJSON, _ expected: String, _ pointer: String) {
        report(pointer, "Expected \(expected), found \(value.typeName == "integer" || value.typeName == "number" ? "a number" : "a" + (value.typeName.first.map { "aeiou".contains($0) } == true ? "n " : " ") + value.typeName) (\(source)).")
    }

    private mutating func report(_ pointer: String, _ message: String) {
        violations.append(ConnectorLintViolation(rule: rule, message: message, file: file, pointer: pointer))
    }
}

func quoted(_ text: String) -> String {
    "\"" + (text.count > 60 ? String(text.prefix(57)) + "..." : text) + "\""
}

func list(_ values: [String]) -> String {
    let quotedValues = values.map { quoted($0) }
    if quotedValues.count <= 1 { return quotedValues.joined() }
    return "one of " + quotedValues.joined(separator: ", ")
}
