/// A cursor over the UTF-8 bytes of a literal, with the checks the OData value parsers share.
///
/// Every failure becomes an ``ODataLiteralError`` naming the type being read and what a valid value looks like.
struct LiteralScanner {
    /// The text being read.
    let text: String
    /// Its UTF-8 bytes.
    let bytes: [UInt8]
    /// The OData type being read, for error messages.
    let typeName: String
    /// What a valid value looks like, for error messages.
    let expected: String
    /// The offset of the next byte to read.
    var position = 0

    init(_ text: String, typeName: String, expected: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.typeName = typeName
        self.expected = expected
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, without consuming it.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// An error at `offset` (the current position by default).
    func error(_ problem: String, at offset: Int? = nil) -> ODataLiteralError {
        ODataLiteralError(
            typeName: typeName, text: text, problem: problem, expected: expected,
            offset: offset ?? min(position, bytes.count)
        )
    }

    /// What is at the current position, for messages: `'x'` or `the end of the text`.
    var found: String {
        guard let byte = peek else { return "the end of the text" }
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let rest = String(decoding: bytes[position...].prefix(4), as: UTF8.self)
        return "'\(rest.prefix(1))'"
    }

    /// Consumes `byte` when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Consumes `byte` or fails with "expected `what`".
    mutating func expect(_ byte: UInt8, _ what: String) throws(ODataLiteralError) {
        guard consume(byte) else {
            throw error("expected \(what) but found \(found)")
        }
    }

    /// Consumes a run of ASCII digits (possibly empty) and returns its bytes.
    mutating func digitRun() -> ArraySlice<UInt8> {
        let start = position
        while let byte = peek, byte.isASCIIDigit {
            position += 1
        }
        return bytes[start..<position]
    }

    /// Consumes exactly `count` digits (a run of another length is an error) and returns their value.
    mutating func fixedDigits(_ count: Int, _ what: String) throws(ODataLiteralError) -> Int {
        let start = position
        let run = digitRun()
        guard run.count == count else {
            if run.isEmpty {
                throw error("expected \(what) (\(count) digits) but found \(found)", at: start)
            }
            throw error("\(what) must have exactly \(count) digits, found \(run.count)", at: start)
        }
        return Self.value(of: run)
    }

    /// Fails unless the whole text has been read.
    func expectEnd(_ what: String) throws(ODataLiteralError) {
        guard isAtEnd else {
            throw error("unexpected \(found) after \(what)")
        }
    }

    /// The value of a run of at most 18 ASCII digits (the caller checks the length).
    static func value(of digits: ArraySlice<UInt8>) -> Int {
        var value = 0
        for digit in digits {
            value = value &* 10 &+ Int(digit &- 0x30)
        }
        return value
    }
}

extension UInt8 {
    /// `0` to `9`.
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}

/// Helpers for fractional-second digit strings, which the runtime keeps exactly as written.
enum FractionDigits {
    /// `digits` without trailing zeros: the form two equal fractions share.
    static func normalized(_ digits: String) -> Substring {
        var end = digits.endIndex
        while end > digits.startIndex {
            let before = digits.index(before: end)
            guard digits[before] == "0" else { break }
            end = before
        }
        return digits[digits.startIndex..<end]
    }

    /// Compares two fractions given as digit strings (`"5"` is 0.5, `"05"` is 0.05).
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(normalized(lhs).utf8)
        let right = Array(normalized(rhs).utf8)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : 0x30
            let r = index < right.count ? right[index] : 0x30
            if l != r { return l < r ? -1 : 1 }
        }
        return 0
    }

    /// The first `count` digits of a fraction as an integer, padded with zeros: `("5", 3)` is 500.
    static func scaled(_ digits: String, to count: Int) -> Int64 {
        var value: Int64 = 0
        var utf8 = digits.utf8.makeIterator()
        for _ in 0..<count {
            let digit = utf8.next().map { Int64($0 &- 0x30) } ?? 0
            value = value * 10 + digit
        }
        return value
    }

    /// `ticks` of `10^-digits` seconds as a fraction digit string without trailing zeros (`""` for zero).
    static func string(ticks: Int, digits: Int) -> String {
        guard ticks > 0 else { return "" }
        let text = String(ticks)
        let padded = String(repeating: "0", count: max(0, digits - text.count)) + text
        return String(normalized(padded))
    }
}
