import Foundation

/// A JSON value as the connector linter reads it: object members keep their document order (and duplicates
/// are reported by the reader, not silently merged); numbers keep their source text.
public indirect enum LintJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number with its exact source text (so `1` and `1.0` stay apart and no precision is lost).
    case number(String)
    case string(String)
    case array([LintJSON])
    /// Members in document order. When a key repeats, the reader keeps the last value (as most JSON readers do)
    /// and reports the repetition.
    case object([Member])

    /// One object member.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: LintJSON
        public init(key: String, value: LintJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The member `key` of an object, or nil (also when this is not an object).
    public subscript(key: String) -> LintJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The members of an object (empty for anything else).
    public var members: [Member] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The elements of an array (empty for anything else).
    public var elements: [LintJSON] {
        if case .array(let elements) = self { return elements }
        return []
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    public var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// True for a number written without fraction or exponent (what JSON Schema draft-04 calls an integer;
    /// `1.0` also counts, as in draft-07).
    public var isInteger: Bool {
        guard case .number(let text) = self else { return false }
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return true }
        guard let value = Double(text) else { return false }
        return value.rounded() == value
    }

    /// The JSON type name, as JSON Schema spells it, for messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The value at a JSON pointer (`""` is the whole document), or nil.
    public func resolve(pointer: String) -> LintJSON? {
        if pointer.isEmpty { return self }
        guard pointer.hasPrefix("/") else { return nil }
        var current = self
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = JSONPointer.unescape(String(raw))
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), index >= 0, index < elements.count, String(index) == token else {
                    return nil
                }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// JSON pointer (RFC 6901) helpers.
public enum JSONPointer {
    /// Escapes one reference token: `~` as `~0`, `/` as `~1`.
    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Undoes `escape`.
    public static func unescape(_ token: String) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// `pointer` followed by one more token.
    public static func appending(_ pointer: String, _ token: String) -> String {
        pointer + "/" + escape(token)
    }

    /// `pointer` followed by an array index.
    public static func appending(_ pointer: String, _ index: Int) -> String {
        pointer + "/" + String(index)
    }
}
