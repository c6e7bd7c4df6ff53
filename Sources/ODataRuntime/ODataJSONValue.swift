import Foundation

/// A raw JSON value, for what the metadata does not type: `Edm.Untyped`, `Edm.Geography*`/`Edm.Geometry*`,
/// `Edm.Stream` properties and the extra properties of open types.
///
/// Numbers are kept as their exact JSON text (`1.50`, `1e400`, `12345678901234567890123456789012345678901234`),
/// objects keep their members in document order (duplicates included), so nothing is lost or reordered.
///
/// Two ways in and out:
///
/// - `init(parsing:)` (from a `String` or UTF-8 `Data`) and ``jsonText`` / ``jsonData`` use the runtime's own
///   strict RFC 8259 parser and writer: numbers and member order round-trip exactly, and a compact document with
///   this writer's escaping (`\"`, `\\`, `\n` and the like, `\u00XX` for other control characters, everything else
///   literal) comes back byte for byte.
/// - `Codable`, for values inside a model decoded by `JSONDecoder`, is as exact as the `Decoder` protocol lets it
///   be: `JSONDecoder` does not reveal number text or member order. Numbers are read as `Int64`, `UInt64`,
///   `Decimal` (exact to 38 digits) or, failing those, `Double`, so the value is kept but not the spelling
///   (`1.50` comes back as `1.5`, `1e2` as `100`), and members come in the decoder's order. Encoding writes
///   numbers the same way. Parse the raw response with `init(parsing:)` where the exact text matters.
public enum ODataJSONValue: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByNilLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its exact JSON text (it must match the JSON number grammar, as parsed values always do).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([ODataJSONValue])
    /// An object: its members in document order.
    case object([Member])

    /// One member of a JSON object.
    public struct Member: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: ODataJSONValue

        /// Makes a member.
        public init(_ key: String, _ value: ODataJSONValue) {
            self.key = key
            self.value = value
        }
    }

    // MARK: Parsing and writing

    /// Parses JSON text with the runtime's strict parser, keeping number text and member order.
    /// - Throws: ``ODataLiteralError`` with the byte offset of the problem.
    public init(parsing text: String) throws(ODataLiteralError) {
        var parser = ODataJSONParser(text: text, bytes: Array(text.utf8))
        self = try parser.parseDocument()
    }

    /// Parses UTF-8 JSON data with the runtime's strict parser, keeping number text and member order.
    /// - Throws: ``ODataLiteralError`` for invalid UTF-8 or invalid JSON.
    public init(parsing data: Data) throws(ODataLiteralError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ODataLiteralError(
                typeName: "JSON", text: "(\(data.count) bytes)", problem: "the data is not valid UTF-8",
                expected: "a JSON value (RFC 8259) in UTF-8")
        }
        try self.init(parsing: text)
    }

    /// Whether `text` matches the JSON number grammar.
    public static func isValidNumberText(_ text: String) -> Bool {
        var parser = ODataJSONParser(text: text, bytes: Array(text.utf8))
        guard !parser.bytes.isEmpty, parser.bytes[0] == UInt8(ascii: "-") || parser.bytes[0].isASCIIDigit else {
            return false
        }
        guard (try? parser.parseNumber()) != nil else { return false }
        return parser.position == parser.bytes.count
    }

    /// The value as compact JSON text. Numbers are written exactly as held.
    public var jsonText: String {
        var output: [UInt8] = []
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The value as compact UTF-8 JSON.
    public var jsonData: Data {
        var output: [UInt8] = []
        write(to: &output)
        return Data(output)
    }

    /// Compact JSON text, as ``jsonText``.
    public var description: String { jsonText }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: Array("null".utf8))
        case .bool(let value): output.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .number(let text): output.append(contentsOf: Array(text.utf8))
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    // MARK: Making values

    /// A number from an integer.
    public init(_ value: some BinaryInteger) {
        self = .number(String(value))
    }

    /// A number from a `Decimal`, in plain notation.
    public init(_ value: Decimal) {
        self = .number(value.description)
    }

    /// A number from a finite `Double` (its shortest round-tripping text), or `null` for NaN and infinities,
    /// which JSON cannot hold.
    public init(_ value: Double) {
        self = value.isFinite ? .number(Self.jsonNumberText(value)) : .null
    }

    /// `Double.description` adjusted to the JSON grammar (`1e+300` is valid JSON; `inf` never reaches here).
    private static func jsonNumberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }

    /// The value of an `Encodable`, encoded with `encoder` and parsed back.
    /// - Throws: the encoder's error.
    public init(encoding value: some Encodable, using encoder: JSONEncoder = JSONEncoder()) throws {
        let data = try encoder.encode(value)
        do {
            self = try ODataJSONValue(parsing: data)
        } catch {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
    }

    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A whole number.
    public init(integerLiteral value: Int64) { self = .number(String(value)) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: ODataJSONValue...) { self = .array(elements) }
    /// An object with the members in the order written.
    public init(dictionaryLiteral elements: (String, ODataJSONValue)...) {
        self = .object(elements.map { Member($0.0, $0.1) })
    }

    // MARK: Reading values

    /// Whether the value is `null`.
    public var isNull: Bool { self == .null }

    /// The Boolean, if the value is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The exact number text, if the value is a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The number as an `Int64`, if it is a whole number in range (`1.0` and `1e2` count as whole).
    public var int64Value: Int64? {
        guard let text = numberText else { return nil }
        if let value = Int64(text) { return value }
        guard let decimal = ODataDecimal(text)?.value else { return nil }
        return Int64(decimal.description)
    }

    /// The number as a `Decimal`, if it has at most 38 significant digits and fits (parsed without floating point).
    public var decimalValue: Decimal? {
        numberText.flatMap { ODataDecimal($0)?.value }
    }

    /// The number as a `Double` (correctly rounded; huge exponents become infinity).
    public var doubleValue: Double? {
        numberText.flatMap { Double($0) }
    }

    /// The elements, if the value is an array.
    public var arrayValue: [ODataJSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members in order, if the value is an object.
    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The value of the first member named `key`, if the value is an object that has one.
    public subscript(key: String) -> ODataJSONValue? {
        members?.first { $0.key == key }?.value
    }

    /// The element at `index`, if the value is an array that long.
    public subscript(index: Int) -> ODataJSONValue? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// Decodes the value as `type`, writing it with the exact writer and reading it with `decoder`.
    /// - Throws: the decoder's error.
    public func decode<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: jsonData)
    }

    // MARK: Codable

    /// A coding key for any member name.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes any JSON value. See the type's documentation for what `JSONDecoder` can and cannot preserve.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() {
                self = .null
                return
            }
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
                return
            }
            if let value = try? container.decode(String.self) {
                self = .string(value)
                return
            }
            // Decimal first: JSONDecoder accepts a fraction as Int64/UInt64 when its Double rounding is integral
            // (12345678910234.000001 read as 12345678910234), and Decimal reads integers exactly too.
            if let value = try? container.decode(Decimal.self), value.isFinite {
                self = .number(value.description)
                return
            }
            if let value = try? container.decode(Int64.self) {
                self = .number(String(value))
                return
            }
            if let value = try? container.decode(UInt64.self) {
                self = .number(String(value))
                return
            }
            if let value = try? container.decode(Double.self), value.isFinite {
                self = ODataJSONValue(value)
                return
            }
        }
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [Member] = []
            for key in container.allKeys {
                members.append(Member(key.stringValue, try container.decode(ODataJSONValue.self, forKey: key)))
            }
            self = .object(members)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [ODataJSONValue] = []
            while !container.isAtEnd {
                elements.append(try container.decode(ODataJSONValue.self))
            }
            self = .array(elements)
            return
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "expected a JSON value (null, Boolean, number, string, array or object)"))
    }

    /// Encodes the value. Numbers are written as `Int64`, `UInt64`, `Decimal` or `Double`, whichever holds the
    /// text exactly (in that order); members in order.
    /// - Throws: `EncodingError.invalidValue` when a ``number(_:)`` does not hold JSON number text.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let text):
            var container = encoder.singleValueContainer()
            guard Self.isValidNumberText(text) else {
                throw EncodingError.invalidValue(
                    text, EncodingError.Context(
                        codingPath: encoder.codingPath,
                        debugDescription: "\"\(text)\" is not a JSON number; expected text such as -12.5e3"))
            }
            if let value = Int64(text) {
                try container.encode(value)
            } else if let value = UInt64(text) {
                try container.encode(value)
            } else if let value = ODataDecimal(text)?.value {
                try container.encode(value)
            } else {
                try container.encode(Double(text) ?? 0)
            }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements {
                try container.encode(element)
            }
        case .object(let members):
            var container = encoder.container(keyedBy: AnyKey.self)
            for member in members {
                try container.encode(member.value, forKey: AnyKey(stringValue: member.key))
            }
        }
    }
}
