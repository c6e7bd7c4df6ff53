import Foundation

/// A strict RFC 8259 JSON parser that keeps what `JSONSerialization` and `JSONDecoder` lose: the exact text of
/// numbers, the document order of object members, and duplicate keys.
///
/// It works on UTF-8 bytes that are known to be valid UTF-8, limits nesting to ``maximumDepth`` levels (so a
/// hostile document cannot exhaust the stack) and reports errors with their byte offset.
struct ODataJSONParser {
    /// How deeply arrays and objects may nest.
    static let maximumDepth = 512

    let text: String
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(text: String, bytes: [UInt8]) {
        self.text = text
        self.bytes = bytes
    }

    /// Parses the whole input as one JSON value (surrounding whitespace allowed).
    mutating func parseDocument() throws(ODataLiteralError) -> ODataJSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else {
            throw error("unexpected \(found) after the JSON value")
        }
        return value
    }

    func error(_ problem: String, at offset: Int? = nil) -> ODataLiteralError {
        ODataLiteralError(
            typeName: "JSON", text: text, problem: problem,
            expected: "a JSON value (RFC 8259)", offset: offset ?? position)
    }

    var found: String {
        guard position < bytes.count else { return "the end of the text" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(ODataLiteralError) -> ODataJSONValue {
        guard position < bytes.count else { throw error("expected a JSON value but found the end of the text") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a JSON value but found \(found)")
        }
    }

    mutating func literal(_ word: String) throws(ODataLiteralError) {
        let start = position
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else {
                throw error("expected '\(word)'", at: start)
            }
            position += 1
        }
    }

    mutating func enter() throws(ODataLiteralError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw error("arrays and objects nest more than \(Self.maximumDepth) levels deep")
        }
    }

    mutating func parseObject() throws(ODataLiteralError) -> ODataJSONValue {
        try enter()
        position += 1
        var members: [ODataJSONValue.Member] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes but found \(found)")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the member name but found \(found)")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(ODataJSONValue.Member(key, value))
            skipWhitespace()
            guard position < bytes.count else { throw error("the object is not closed; expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else {
                throw error("expected ',' or '}' but found \(found)")
            }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    mutating func parseArray() throws(ODataLiteralError) -> ODataJSONValue {
        try enter()
        position += 1
        var elements: [ODataJSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("the array is not closed; expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else {
                throw error("expected ',' or ']' but found \(found)")
            }
            position += 1
            depth -= 1
            return .array(elements)
        }
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns its exact text.
    mutating func parseNumber() throws(ODataLiteralError) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, bytes[position].isASCIIDigit else {
            throw error("expected a digit after '-' but found \(found)")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, bytes[position].isASCIIDigit {
                throw error("a JSON number must not have a leading zero")
            }
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, bytes[position].isASCIIDigit else {
                throw error("expected a digit after '.' but found \(found)")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, bytes[position].isASCIIDigit else {
                throw error("expected exponent digits but found \(found)")
            }
            skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func skipDigits() {
        while position < bytes.count, bytes[position].isASCIIDigit { position += 1 }
    }

    /// Reads a string literal (the position is at its opening quote) and returns its content.
    mutating func parseString() throws(ODataLiteralError) -> String {
        let start = position
        position += 1
        var output: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error("the string is not closed", at: start) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: bytes[runStart..<position])
                position += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                output.append(contentsOf: bytes[runStart..<position])
                position += 1
                try parseEscape(into: &output)
                runStart = position
            case 0x00..<0x20:
                throw error("a control character (\(String(format: "0x%02X", byte))) must be escaped in a string")
            default:
                position += 1
            }
        }
    }

    mutating func parseEscape(into output: inout [UInt8]) throws(ODataLiteralError) {
        guard position < bytes.count else { throw error("the escape sequence is not complete") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let escapeStart = position - 2
            let first = try hex4()
            var scalarValue = UInt32(first)
            if (0xD800..<0xDC00).contains(first) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else {
                    throw error("a high surrogate \\u\(String(first, radix: 16, uppercase: true)) is not followed by a low surrogate", at: escapeStart)
                }
                position += 2
                let second = try hex4()
                guard (0xDC00..<0xE000).contains(second) else {
                    throw error("a high surrogate is followed by \\u\(String(second, radix: 16, uppercase: true)), not a low surrogate", at: escapeStart)
                }
                scalarValue = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
            } else if (0xDC00..<0xE000).contains(first) {
                throw error("a lone low surrogate \\u\(String(first, radix: 16, uppercase: true))", at: escapeStart)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else {
                throw error("\\u escape is not a Unicode scalar", at: escapeStart)
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("'\\\(Character(Unicode.Scalar(byte)))' is not a JSON escape", at: position - 2)
        }
    }

    mutating func hex4() throws(ODataLiteralError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw error("expected four hex digits after \\u") }
            let byte = bytes[position]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: throw error("expected four hex digits after \\u but found \(found)")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
