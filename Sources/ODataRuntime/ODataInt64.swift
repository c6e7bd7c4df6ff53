/// An `Edm.Int64` value that decodes from a JSON number or a JSON string.
///
/// OData services asked for `IEEE754Compatible=true` send 64-bit integers as strings (`"9007199254740993"`), since
/// JavaScript numbers lose digits above 2^53; others send numbers. `Int64`'s own `Codable` accepts only numbers;
/// this type accepts both and writes a number, or a string when the encoder's `userInfo[.odataIEEE754Compatible]`
/// is `true`.
///
/// Strings are read with the OData rule `int64Value` (`["+"/"-"] 1*19DIGIT`, within the range of `Int64`); a
/// string such as `"12a"` or `"9223372036854775808"` is a `DecodingError.dataCorrupted` that names it.
public struct ODataInt64: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    /// The value.
    public var value: Int64

    static let typeName = "Edm.Int64"
    static let expected = "an integer from -9223372036854775808 to 9223372036854775807"

    /// Wraps `value`.
    public init(_ value: Int64) {
        self.value = value
    }

    /// Makes a value from an integer literal: `let id: ODataInt64 = 5637144576`.
    public init(integerLiteral value: Int64) {
        self.value = value
    }

    /// Parses `123`, `-42` or `+7`.
    /// - Throws: ``ODataLiteralError`` for anything else or a value out of range.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        let negative = scanner.consume(UInt8(ascii: "-"))
        if !negative { _ = scanner.consume(UInt8(ascii: "+")) }
        let digits = scanner.digitRun()
        guard !digits.isEmpty else {
            throw scanner.error("expected a digit but found \(scanner.found)")
        }
        try scanner.expectEnd("the number")
        var value: Int64 = 0
        for digit in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let step = Int64(digit - UInt8(ascii: "0"))
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(step) : shifted.addingReportingOverflow(step)
            guard !overflow1, !overflow2 else {
                throw scanner.error("the number is out of the range of Edm.Int64", at: 0)
            }
            value = next
        }
        self.value = value
    }

    /// Parses an integer, returning `nil` when the text is not a valid `Edm.Int64`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// The value in decimal digits.
    public var description: String { String(value) }

    /// Whether `lhs` is less than `rhs`.
    public static func < (lhs: ODataInt64, rhs: ODataInt64) -> Bool { lhs.value < rhs.value }

    /// Decodes a JSON number or a JSON string holding an integer.
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text when a string is not an `Edm.Int64`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                self = try ODataInt64(parsing: text)
            } catch {
                throw error.decodingError(codingPath: container.codingPath)
            }
            return
        }
        self.value = try container.decode(Int64.self)
    }

    /// Encodes a JSON number, or a JSON string when the encoder's `userInfo[.odataIEEE754Compatible]` is `true`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if encoder.writesIEEE754CompatibleStrings {
            try container.encode(description)
        } else {
            try container.encode(value)
        }
    }
}
