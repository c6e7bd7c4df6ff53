import Foundation

/// An `Edm.TimeOfDay`: a time within a day without a date or time zone, written `13:45:00.123`.
///
/// Parsing is strict, following the OData ABNF rule `timeOfDayValue`:
/// `hour ":" minute [ ":" second [ "." fractionalSeconds ] ]`, with a two-digit hour 00-23, minute 00-59,
/// second 00-60 (60 for a leap second) and 1 to 12 fractional digits. `hh:mm` is valid; `24:00`, `1:02` and
/// `13:45:00.` are not.
///
/// The fractional seconds are kept exactly as written (`.1230` stays `.1230`) and ``description`` gives back the
/// text that was parsed. Equality, hashing and ordering compare the time itself, so `13:45` equals `13:45:00.000`.
///
/// In JSON an `EDMTimeOfDay` is a string.
public struct EDMTimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// The hour, 0-23.
    public let hour: Int
    /// The minute, 0-59.
    public let minute: Int
    /// The second, 0-60 (60 only for a leap second); 0 when the text had no seconds.
    public let second: Int
    /// The fractional-second digits exactly as written (`"123"` for `.123`), empty when there are none.
    public let fractionalSeconds: String
    /// Whether the text had seconds (`13:45:00`) or not (`13:45`); only the written form depends on it.
    public let hasSeconds: Bool

    static let typeName = "Edm.TimeOfDay"
    static let expected = "hh:mm[:ss[.fffffffffff]], such as 13:45:00.123"

    /// Makes a time from its parts.
    /// - Parameters:
    ///   - hour: 0-23.
    ///   - minute: 0-59.
    ///   - second: 0-60.
    ///   - fractionalSeconds: 0 to 12 decimal digits, kept as given (`"5"` is half a second).
    /// - Throws: ``ODataLiteralError`` when a part is out of range.
    public init(hour: Int, minute: Int, second: Int = 0, fractionalSeconds: String = "") throws(ODataLiteralError) {
        var text = Self.pad(hour) + ":" + Self.pad(minute) + ":" + Self.pad(second)
        if !fractionalSeconds.isEmpty { text += "." + fractionalSeconds }
        func fail(_ problem: String) -> ODataLiteralError {
            ODataLiteralError(typeName: Self.typeName, text: text, problem: problem, expected: Self.expected)
        }
        guard (0...23).contains(hour) else { throw fail("the hour \(hour) is not between 0 and 23") }
        guard (0...59).contains(minute) else { throw fail("the minute \(minute) is not between 0 and 59") }
        guard (0...60).contains(second) else { throw fail("the second \(second) is not between 0 and 60") }
        guard fractionalSeconds.utf8.count <= 12, fractionalSeconds.utf8.allSatisfy(\.isASCIIDigit) else {
            throw fail("the fractional seconds must be 1 to 12 digits")
        }
        self.init(
            uncheckedHour: hour, minute: minute, second: second, fractionalSeconds: fractionalSeconds,
            hasSeconds: true)
    }

    /// Parses `13:45`, `13:45:00` or `13:45:00.123`.
    /// - Throws: ``ODataLiteralError`` saying what is wrong.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        self = try Self.scan(&scanner)
        try scanner.expectEnd("the time of day")
    }

    /// Parses `13:45:00.123`, returning `nil` when the text is not a valid `Edm.TimeOfDay`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// The time of day of `date` in `timeZone` (UTC by default), with up to 7 fractional digits (100 ns, the
    /// precision of .NET and F&O; trailing zeros are dropped).
    public init(_ date: Date, in timeZone: TimeZone = .gmt) {
        let parts = ProlepticGregorian.split(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
        self.init(secondOfDay: parts.secondOfDay, ticks: parts.ticks)
    }

    /// A time from the second of the day (0..<86,400) and 100-nanosecond ticks.
    init(secondOfDay: Int, ticks: Int) {
        self.init(
            uncheckedHour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
            fractionalSeconds: FractionDigits.string(ticks: ticks, digits: 7), hasSeconds: true)
    }

    init(uncheckedHour hour: Int, minute: Int, second: Int, fractionalSeconds: String, hasSeconds: Bool) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fractionalSeconds = fractionalSeconds
        self.hasSeconds = hasSeconds
    }

    /// Reads a time at the scanner's position (shared with ``EDMDateTimeOffset``).
    static func scan(_ scanner: inout LiteralScanner) throws(ODataLiteralError) -> EDMTimeOfDay {
        let hourStart = scanner.position
        let hour = try scanner.fixedDigits(2, "the hour")
        guard hour <= 23 else {
            throw scanner.error("the hour \(hour) is not between 00 and 23 (midnight is 00:00)", at: hourStart)
        }
        try scanner.expect(UInt8(ascii: ":"), "':' after the hour")
        let minuteStart = scanner.position
        let minute = try scanner.fixedDigits(2, "the minute")
        guard minute <= 59 else {
            throw scanner.error("the minute \(minute) is not between 00 and 59", at: minuteStart)
        }
        guard scanner.consume(UInt8(ascii: ":")) else {
            return EDMTimeOfDay(uncheckedHour: hour, minute: minute, second: 0, fractionalSeconds: "", hasSeconds: false)
        }
        let secondStart = scanner.position
        let second = try scanner.fixedDigits(2, "the second")
        guard second <= 60 else {
            throw scanner.error("the second \(second) is not between 00 and 60", at: secondStart)
        }
        var fraction = ""
        if scanner.consume(UInt8(ascii: ".")) {
            let fractionStart = scanner.position
            let digits = scanner.digitRun()
            guard !digits.isEmpty else {
                throw scanner.error("expected fractional-second digits after '.' but found \(scanner.found)")
            }
            guard digits.count <= 12 else {
                throw scanner.error(
                    "the fractional seconds have \(digits.count) digits; at most 12 are allowed", at: fractionStart)
            }
            fraction = String(decoding: digits, as: UTF8.self)
        }
        return EDMTimeOfDay(
            uncheckedHour: hour, minute: minute, second: second, fractionalSeconds: fraction, hasSeconds: true)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The time as it was parsed (`13:45`, `13:45:00.1230`) or, when made from parts, `hh:mm:ss[.f…]`.
    public var description: String {
        var text = Self.pad(hour) + ":" + Self.pad(minute)
        if hasSeconds {
            text += ":" + Self.pad(second)
            if !fractionalSeconds.isEmpty { text += "." + fractionalSeconds }
        }
        return text
    }

    /// Whole seconds since midnight (a leap second counts as the 60th second of its minute).
    public var wholeSecondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    /// Seconds since midnight, with the fraction (as exact as a `Double` allows).
    public var secondsSinceMidnight: Double {
        Double(String(wholeSecondsSinceMidnight) + "." + (fractionalSeconds.isEmpty ? "0" : fractionalSeconds))
            ?? Double(wholeSecondsSinceMidnight)
    }

    /// The time since midnight as a `Swift.Duration`, exact (12 fractional digits are picoseconds).
    public var durationSinceMidnight: Duration {
        Duration(
            secondsComponent: Int64(wholeSecondsSinceMidnight),
            attosecondsComponent: FractionDigits.scaled(fractionalSeconds, to: 18))
    }

    /// The nanoseconds of the fraction, truncated after nine digits.
    public var nanosecond: Int { Int(FractionDigits.scaled(fractionalSeconds, to: 9)) }

    /// `hour`, `minute`, `second` and `nanosecond`.
    public var dateComponents: DateComponents {
        DateComponents(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// Equal when the times are equal: `13:45` equals `13:45:00.000`.
    public static func == (lhs: EDMTimeOfDay, rhs: EDMTimeOfDay) -> Bool {
        lhs.wholeSecondsSinceMidnight == rhs.wholeSecondsSinceMidnight
            && FractionDigits.normalized(lhs.fractionalSeconds) == FractionDigits.normalized(rhs.fractionalSeconds)
    }

    /// Hashes the time, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(wholeSecondsSinceMidnight)
        hasher.combine(String(FractionDigits.normalized(fractionalSeconds)))
    }

    /// Whether `lhs` is earlier in the day than `rhs`.
    public static func < (lhs: EDMTimeOfDay, rhs: EDMTimeOfDay) -> Bool {
        if lhs.wholeSecondsSinceMidnight != rhs.wholeSecondsSinceMidnight {
            return lhs.wholeSecondsSinceMidnight < rhs.wholeSecondsSinceMidnight
        }
        return FractionDigits.compare(lhs.fractionalSeconds, rhs.fractionalSeconds) < 0
    }

    /// Decodes a JSON string such as `"13:45:00.123"`.
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text and the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try EDMTimeOfDay(parsing: text)
        } catch {
            throw error.decodingError(codingPath: container.codingPath)
        }
    }

    /// Encodes the time as a JSON string, exactly as it was parsed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
