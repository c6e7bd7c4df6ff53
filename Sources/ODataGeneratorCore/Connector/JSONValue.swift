/// A JSON value for the connector and OpenAPI exports, written deterministically: object keys sorted by their
/// UTF-8 bytes, two-space indentation, `/` not escaped, integers written as integers.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The object's members, or nil for other values.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The array's items, or nil for other values.
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The string, or nil for other values.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The member `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [String: JSONValue] = [:]
        for (k, v) in elements { members[k] = v }
        self = .object(members)
    }
}

/// Writes `JSONValue`s as JSON (pretty, 2 spaces, sorted keys, trailing newline) or as block-style YAML whose
/// scalars are all JSON-quoted (valid YAML 1.2, read the same by any YAML parser).
public enum JSONWriter {
    /// Sorted keys: by UTF-8 bytes, so the order does not depend on locale or Unicode normalization.
    static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
        members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The pretty-printed JSON text, ending in a newline.
    public static func json(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(4096)
        writeJSON(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// The pretty-printed JSON as UTF-8 bytes.
    public static func jsonBytes(_ value: JSONValue) -> [UInt8] { Array(json(value).utf8) }

    private static func writeJSON(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                writeJSON(item, indent: indent + 2, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = sortedKeys(members)
            for (i, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                quote(key, into: &out)
                out += ": "
                writeJSON(members[key]!, indent: indent + 2, into: &out)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        default:
            scalar(value, into: &out)
        }
    }

    private static func scalar(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += number(d)
        case .string(let s): quote(s, into: &out)
        case .array, .object: break
        }
    }

    /// A double as JSON: integral values without a fraction, non-finite values as null.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, ... or `\u00XX`; everything else
    /// (including `/` and non-ASCII) as is.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The value as block-style YAML (keys sorted, every string double-quoted), ending in a newline.
    public static func yaml(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let m) where !m.isEmpty: writeYAMLMembers(m, indent: 0, into: &out)
        case .array(let a) where !a.isEmpty: writeYAMLItems(a, indent: 0, into: &out)
        default: scalarOrEmpty(value, into: &out); out += "\n"
        }
        return out
    }

    private static func scalarOrEmpty(_ value: JSONValue, into out: inout String) {
        switch value {
        case .array: out += "[]"
        case .object: out += "{}"
        default: scalar(value, into: &out)
        }
    }

    private static func isCollection(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        default: return false
        }
    }

    private static func writeYAMLMembers(_ members: [String: JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in sortedKeys(members) {
            let value = members[key]!
            var quoted = ""
            quote(key, into: &quoted)
            // YAML limits implicit keys to 1,024 characters; longer ones (long key predicates) are explicit keys.
            if quoted.utf8.count > 1000 {
                out += pad + "? " + quoted + "\n" + pad + ":"
            } else {
                out += pad + quoted + ":"
            }
            switch value {
            case .object(let m) where !m.isEmpty:
                out += "\n"
                writeYAMLMembers(m, indent: indent + 2, into: &out)
            case .array(let a) where !a.isEmpty:
                out += "\n"
                writeYAMLItems(a, indent: indent + 2, into: &out)
            default:
                out += " "
                scalarOrEmpty(value, into: &out)
                out += "\n"
            }
        }
    }

    private static func writeYAMLItems(_ items: [JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            out += pad + "-"
            switch item {
            case .object(let m) where !m.isEmpty:
                // The first member on the dash line, the others aligned under it.
                var first = ""
                writeYAMLMembers(m, indent: indent + 2, into: &first)
                out += " " + first.dropFirst(indent + 2)
            case .array(let a) where !a.isEmpty:
                out += "\n"
                writeYAMLItems(a, indent: indent + 2, into: &out)
            default:
                out += " "
                scalarOrEmpty(item, into: &out)
                out += "\n"
            }
        }
    }
}
