import Foundation

/// An `Edm.Decimal` value that goes through JSON exactly: a `Foundation.Decimal` (38 significant digits) whose
/// `Codable` never passes through `Double`.
///
/// Why a wrapper and not plain `Decimal`: F&O declares no `Scale` and every decimal has a fraction, so a detour
/// through `Double` (which cannot hold `0.1`) corrupts amounts. This runtime's tests check what the toolchain does:
///
/// - Decoding a JSON **number** into `Decimal` is exact with the Swift 6 Foundation (swift-foundation, used on
///   Linux and on Apple platforms since macOS 14 / iOS 17): the number text is read digit by digit. ``init(from:)``
///   takes that path for numbers. Older Apple Foundation (macOS 13) read numbers as `Double` first and could
///   change the last digits; ask the service for `IEEE754Compatible=true` there.
/// - A service asked for `IEEE754Compatible=true` (an `Accept` or `Content-Type` parameter) sends decimals as JSON
///   **strings**, which `Decimal`'s own `Codable` rejects. ``init(from:)`` accepts them and parses the text itself
///   (the OData `decimalValue` rule, exponent allowed) with no floating point at all.
/// - Encoding writes a JSON number in plain notation, never an exponent (`0.000001`, not `1e-06`), or a string
///   when the encoder's `userInfo[.odataIEEE754Compatible]` is `true`.
///
/// A text with more than 38 significant digits, or NaN / INF (allowed by OData, unknown to `Decimal`), is rejected
/// with an error rather than silently rounded. The JSON-number path cannot check this (the decoder rounds such
/// numbers before the runtime sees them); F&O's decimals have far fewer digits.
///
/// Trailing zeros are not kept: `1.10` decodes to the same value as `1.1` and is written back as `1.1`.
public struct ODataDecimal: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    /// The value.
    public var value: Decimal

    static let typeName = "Edm.Decimal"
    static let expected = "a decimal number such as 12345678901234.5678 or -1.5e-3, with at most 38 significant digits"

    /// Wraps `value`.
    public init(_ value: Decimal) {
        self.value = value
    }

    /// Makes a whole number; `let amount: ODataDecimal = 5`.
    public init(integerLiteral value: Int64) {
        self.value = Decimal(value)
    }

    /// Parses `12345678901234.5678`, `-0.000001`, `+42` or `1.5e3` exactly, without floating point.
    /// - Throws: ``ODataLiteralError`` for text that is not a decimal number, for NaN and infinities, and for
    ///   more than 38 significant digits.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        if text == "NaN" || text == "INF" || text == "-INF" {
            throw scanner.error("Foundation.Decimal cannot hold NaN or infinity", at: 0)
        }
        var negative = false
        if scanner.consume(UInt8(ascii: "-")) {
            negative = true
        } else {
            _ = scanner.consume(UInt8(ascii: "+"))
        }
        let integerStart = scanner.position
        let integerDigits = scanner.digitRun()
        guard !integerDigits.isEmpty else {
            throw scanner.error("expected a digit but found \(scanner.found)", at: integerStart)
        }
        var fractionDigits: ArraySlice<UInt8> = []
        if scanner.consume(UInt8(ascii: ".")) {
            fractionDigits = scanner.digitRun()
            guard !fractionDigits.isEmpty else {
                throw scanner.error("expected a digit after '.' but found \(scanner.found)")
            }
        }
        var exponent = 0
        if scanner.consume(UInt8(ascii: "e")) || scanner.consume(UInt8(ascii: "E")) {
            let exponentNegative = scanner.consume(UInt8(ascii: "-"))
            if !exponentNegative { _ = scanner.consume(UInt8(ascii: "+")) }
            let exponentStart = scanner.position
            let digits = scanner.digitRun()
            guard !digits.isEmpty else {
                throw scanner.error("expected exponent digits but found \(scanner.found)")
            }
            guard digits.count <= 6 else {
                throw scanner.error("the exponent is out of range", at: exponentStart)
            }
            exponent = LiteralScanner.value(of: digits) * (exponentNegative ? -1 : 1)
        }
        try scanner.expectEnd("the number")

        // Significant digits: the digits without leading zeros; trailing zeros move into the exponent.
        var digits = Array(integerDigits) + Array(fractionDigits)
        exponent -= fractionDigits.count
        while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst() }
        while let last = digits.last, last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            self.value = 0
            return
        }
        guard digits.count <= 38 else {
            throw scanner.error(
                "the number has \(digits.count) significant digits; Foundation.Decimal holds at most 38 exactly", at: 0)
        }
        guard (-128...127).contains(exponent) else {
            throw scanner.error("the number is too large or too small for Foundation.Decimal", at: 0)
        }
        let canonical = (negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
        guard let value = Decimal(string: canonical, locale: Locale(identifier: "en_US_POSIX")) else {
            throw scanner.error("the number is out of Foundation.Decimal's range", at: 0)
        }
        self.value = value
    }

    /// Parses a decimal number, returning `nil` when the text is not a valid, representable `Edm.Decimal`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// The value in plain notation, never with an exponent: `12345678901234.5678`, `-0.000001`.
    public var description: String { value.description }

    /// Whether `lhs` is less than `rhs`.
    public static func < (lhs: ODataDecimal, rhs: ODataDecimal) -> Bool { lhs.value < rhs.value }

    /// Decodes a JSON number (exactly, on the Swift 6 Foundation) or a JSON string (IEEE754Compatible=true).
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text when a string is not a decimal number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                self = try ODataDecimal(parsing: text)
            } catch {
                throw error.decodingError(codingPath: container.codingPath)
            }
            return
        }
        self.value = try container.decode(Decimal.self)
    }

    /// Encodes a JSON number in plain notation, or a JSON string when the encoder's
    /// `userInfo[.odataIEEE754Compatible]` is `true`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if encoder.writesIEEE754CompatibleStrings {
            try container.encode(description)
        } else {
            try container.encode(value)
        }
    }
}
