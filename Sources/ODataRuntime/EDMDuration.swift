import Foundation

/// An `Edm.Duration`: a signed length of time in days, hours, minutes and seconds, written `P1DT2H3M4.5S` or
/// `-P1D`.
///
/// Parsing is strict, following the OData ABNF rule `durationValue` (XML Schema's `dayTimeDuration`):
/// `[ "-" ] "P" [ n "D" ] [ "T" [ n "H" ] [ n "M" ] [ n [ "." n ] "S" ] ]`. Years, months and weeks
/// (`P1Y`, `P1M`, `P1W`) and a leading `+` are rejected. Like XML Schema, at least one part is required and a
/// `T` must be followed by one, so `P`, `PT` and `P1DT` are rejected too. Parts are not normalized (`PT36H` stays
/// 36 hours), and the fractional seconds are kept exactly, with any number of digits.
///
/// ``description`` gives back the text that was parsed. Equality, hashing and ordering compare the length of time,
/// so `PT1H` equals `PT60M`, and `-PT0S` equals `PT0S`.
///
/// In JSON an `EDMDuration` is a string.
public struct EDMDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// Whether the duration is negative (written with a leading `-`).
    public let isNegative: Bool
    /// The days as written (0 when absent).
    public let days: Int
    /// The hours as written (0 when absent).
    public let hours: Int
    /// The minutes as written (0 when absent).
    public let minutes: Int
    /// The whole seconds as written (0 when absent).
    public let seconds: Int
    /// The fractional-second digits exactly as written (`"5"` for `4.5S`), empty when there are none.
    public let fractionalSeconds: String
    /// The text as parsed, or the canonical form when made from parts.
    public let description: String

    /// Days, hours, minutes and seconds as one number of whole seconds (without the sign).
    let totalWholeSeconds: Int

    static let typeName = "Edm.Duration"
    static let expected = "[-]P[nD][T[nH][nM][n[.f]S]], such as P1DT2H3M4.5S"

    /// Makes a duration from its parts, written in the canonical form (zero parts left out, `PT0S` for zero).
    /// - Parameters:
    ///   - isNegative: whether the duration is negative.
    ///   - days: days, hours, minutes and seconds must not be negative; they are kept as given (not normalized).
    ///   - fractionalSeconds: decimal digits of the fraction of a second, kept exactly.
    /// - Throws: ``ODataLiteralError`` for negative parts, non-digit fractions or a total beyond `Int` seconds.
    public init(
        isNegative: Bool = false, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0,
        fractionalSeconds: String = ""
    ) throws(ODataLiteralError) {
        var text = isNegative ? "-P" : "P"
        if days != 0 { text += "\(days)D" }
        if hours != 0 || minutes != 0 || seconds != 0 || !fractionalSeconds.isEmpty || days == 0 {
            text += "T"
            if hours != 0 { text += "\(hours)H" }
            if minutes != 0 { text += "\(minutes)M" }
            if seconds != 0 || !fractionalSeconds.isEmpty || (hours == 0 && minutes == 0) {
                text += "\(seconds)"
                if !fractionalSeconds.isEmpty { text += ".\(fractionalSeconds)" }
                text += "S"
            }
        }
        func fail(_ problem: String) -> ODataLiteralError {
            ODataLiteralError(typeName: Self.typeName, text: text, problem: problem, expected: Self.expected)
        }
        guard days >= 0, hours >= 0, minutes >= 0, seconds >= 0 else {
            throw fail("days, hours, minutes and seconds must not be negative; use isNegative for the sign")
        }
        guard fractionalSeconds.utf8.allSatisfy(\.isASCIIDigit) else {
            throw fail("the fractional seconds must be decimal digits")
        }
        guard let total = Self.total(days: days, hours: hours, minutes: minutes, seconds: seconds) else {
            throw fail("the duration is too long (more than \(Int.max) seconds)")
        }
        self.init(
            isNegative: isNegative, days: days, hours: hours, minutes: minutes, seconds: seconds,
            fractionalSeconds: fractionalSeconds, totalWholeSeconds: total, description: text)
    }

    /// Parses `P1DT2H3M4.5S`, `-P1D`, `PT0.0000001S` and the like.
    /// - Throws: ``ODataLiteralError`` saying what is wrong.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        if scanner.peek == UInt8(ascii: "+") {
            throw scanner.error("a duration cannot start with '+'; leave the sign out for a positive duration")
        }
        let isNegative = scanner.consume(UInt8(ascii: "-"))
        try scanner.expect(UInt8(ascii: "P"), "'P' to start the duration")
        var parts = [0, 0, 0, 0]  // days, hours, minutes, seconds
        var fraction = ""
        var sawPart = false
        var inTime = false
        var nextIndex = 0  // the first part still allowed, keeping the order D, H, M, S
        while !scanner.isAtEnd {
            if scanner.consume(UInt8(ascii: "T")) {
                guard !inTime else { throw scanner.error("a second 'T'", at: scanner.position - 1) }
                inTime = true
                nextIndex = 1
                guard !scanner.isAtEnd else {
                    throw scanner.error("'T' must be followed by hours, minutes or seconds")
                }
                continue
            }
            let numberStart = scanner.position
            let digits = scanner.digitRun()
            guard !digits.isEmpty else {
                throw scanner.error("expected a number or 'T' but found \(scanner.found)")
            }
            guard digits.count <= 18 else {
                throw scanner.error("the number has more than 18 digits", at: numberStart)
            }
            var partFraction: String?
            if scanner.consume(UInt8(ascii: ".")) {
                let run = scanner.digitRun()
                guard !run.isEmpty else {
                    throw scanner.error("expected digits after '.' but found \(scanner.found)")
                }
                partFraction = String(decoding: run, as: UTF8.self)
            }
            let designatorOffset = scanner.position
            guard let designator = scanner.peek else {
                throw scanner.error("the number \(String(decoding: digits, as: UTF8.self)) has no unit; expected D, H, M or S after it")
            }
            scanner.position += 1
            let index: Int
            switch (designator, inTime) {
            case (UInt8(ascii: "D"), false): index = 0
            case (UInt8(ascii: "H"), true): index = 1
            case (UInt8(ascii: "M"), true): index = 2
            case (UInt8(ascii: "S"), true): index = 3
            case (UInt8(ascii: "Y"), false), (UInt8(ascii: "M"), false), (UInt8(ascii: "W"), false):
                throw scanner.error(
                    "years, months and weeks are not allowed: an Edm.Duration has only days, hours, minutes and seconds",
                    at: designatorOffset)
            case (UInt8(ascii: "H"), false), (UInt8(ascii: "S"), false):
                throw scanner.error("hours and seconds must come after 'T', as in PT2H", at: designatorOffset)
            case (UInt8(ascii: "D"), true):
                throw scanner.error("days must come before 'T', as in P1DT2H", at: designatorOffset)
            default:
                scanner.position = designatorOffset
                throw scanner.error("expected D, H, M or S but found \(scanner.found)")
            }
            guard index >= nextIndex else {
                throw scanner.error("the parts are out of order or repeated; the order is D, T, H, M, S", at: designatorOffset)
            }
            if let partFraction {
                guard index == 3 else {
                    throw scanner.error("only seconds can have a fraction", at: designatorOffset)
                }
                fraction = partFraction
            }
            parts[index] = LiteralScanner.value(of: digits)
            nextIndex = index + 1
            sawPart = true
        }
        guard sawPart else {
            throw scanner.error("a duration needs at least one part, such as P1D or PT0S")
        }
        if inTime, nextIndex == 1 {
            throw scanner.error("'T' must be followed by hours, minutes or seconds")
        }
        guard let total = Self.total(days: parts[0], hours: parts[1], minutes: parts[2], seconds: parts[3]) else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: text, problem: "the duration is too long (more than \(Int.max) seconds)",
                expected: Self.expected)
        }
        self.init(
            isNegative: isNegative, days: parts[0], hours: parts[1], minutes: parts[2], seconds: parts[3],
            fractionalSeconds: fraction, totalWholeSeconds: total, description: text)
    }

    /// Parses `P1DT2H3M4.5S`, returning `nil` when the text is not a valid `Edm.Duration`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// The duration equal to `duration`, exact to the attosecond, in the canonical form with days, hours,
    /// minutes and seconds (`P1DT2H3M4.5S`; `PT0S` for zero). Durations longer than `Int64.max` seconds are clamped.
    public init(_ duration: Duration) {
        let limit = Duration.seconds(Int64.max)
        let clamped = min(max(duration, .zero - limit), limit)
        let isNegative = clamped < .zero
        let magnitude = isNegative ? .zero - clamped : clamped
        let (wholeSeconds, attoseconds) = magnitude.components
        let whole = Int(wholeSeconds)
        let fraction = FractionDigits.string(ticks: Int(attoseconds), digits: 18)
        let days = whole / 86_400
        let hours = whole / 3600 % 24
        let minutes = whole / 60 % 60
        let seconds = whole % 60
        var text = isNegative ? "-P" : "P"
        if days != 0 { text += "\(days)D" }
        if hours != 0 || minutes != 0 || seconds != 0 || !fraction.isEmpty || days == 0 {
            text += "T"
            if hours != 0 { text += "\(hours)H" }
            if minutes != 0 { text += "\(minutes)M" }
            if seconds != 0 || !fraction.isEmpty || (hours == 0 && minutes == 0) {
                text += "\(seconds)" + (fraction.isEmpty ? "" : "." + fraction) + "S"
            }
        }
        self.init(
            isNegative: isNegative, days: days, hours: hours, minutes: minutes, seconds: seconds,
            fractionalSeconds: fraction, totalWholeSeconds: whole, description: text)
    }

    private init(
        isNegative: Bool, days: Int, hours: Int, minutes: Int, seconds: Int, fractionalSeconds: String,
        totalWholeSeconds: Int, description: String
    ) {
        self.isNegative = isNegative
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
        self.fractionalSeconds = fractionalSeconds
        self.totalWholeSeconds = totalWholeSeconds
        self.description = description
    }

    /// `days * 86400 + hours * 3600 + minutes * 60 + seconds`, or `nil` on overflow.
    private static func total(days: Int, hours: Int, minutes: Int, seconds: Int) -> Int? {
        var total = 0
        for (value, factor) in [(days, 86_400), (hours, 3600), (minutes, 60), (seconds, 1)] {
            let (product, overflow1) = value.multipliedReportingOverflow(by: factor)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow1 || overflow2 { return nil }
            total = sum
        }
        return total
    }

    /// Whether the duration is zero (`PT0S`, `-P0D`, `PT0.000S`).
    public var isZero: Bool { totalWholeSeconds == 0 && FractionDigits.normalized(fractionalSeconds).isEmpty }

    /// The duration in seconds, negative for negative durations, as exact as a `Double` allows (the decimal text is
    /// converted once, with correct rounding).
    public var totalSeconds: Double {
        let magnitude = Double(String(totalWholeSeconds) + "." + (fractionalSeconds.isEmpty ? "0" : fractionalSeconds))
            ?? Double(totalWholeSeconds)
        return isNegative ? -magnitude : magnitude
    }

    /// The duration as a `Swift.Duration`: exact for up to 18 fractional digits (attoseconds); further digits are
    /// truncated.
    public var duration: Duration {
        let magnitude = Duration(
            secondsComponent: Int64(totalWholeSeconds),
            attosecondsComponent: FractionDigits.scaled(fractionalSeconds, to: 18))
        return isNegative ? .zero - magnitude : magnitude
    }

    /// -1, 0 or 1 as the duration is negative, zero or positive.
    private var signum: Int { isZero ? 0 : (isNegative ? -1 : 1) }

    /// Equal when the lengths of time are equal: `PT1H` equals `PT60M`.
    public static func == (lhs: EDMDuration, rhs: EDMDuration) -> Bool {
        lhs.signum == rhs.signum && lhs.totalWholeSeconds == rhs.totalWholeSeconds
            && FractionDigits.normalized(lhs.fractionalSeconds) == FractionDigits.normalized(rhs.fractionalSeconds)
    }

    /// Hashes the length of time, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(signum)
        hasher.combine(totalWholeSeconds)
        hasher.combine(String(FractionDigits.normalized(fractionalSeconds)))
    }

    /// Whether `lhs` is shorter (more negative) than `rhs`.
    public static func < (lhs: EDMDuration, rhs: EDMDuration) -> Bool {
        if lhs.signum != rhs.signum { return lhs.signum < rhs.signum }
        var magnitudeOrder: Int
        if lhs.totalWholeSeconds != rhs.totalWholeSeconds {
            magnitudeOrder = lhs.totalWholeSeconds < rhs.totalWholeSeconds ? -1 : 1
        } else {
            magnitudeOrder = FractionDigits.compare(lhs.fractionalSeconds, rhs.fractionalSeconds)
        }
        if lhs.signum < 0 { magnitudeOrder = -magnitudeOrder }
        return magnitudeOrder < 0
    }

    /// Decodes a JSON string such as `"P1DT2H"`.
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text and the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try EDMDuration(parsing: text)
        } catch {
            throw error.decodingError(codingPath: container.codingPath)
        }
    }

    /// Encodes the duration as a JSON string, exactly as it was parsed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
