import Foundation

/// An `Edm.DateTimeOffset`: a date and time with the UTC offset it was written in, such as
/// `2024-01-31T13:45:00.1234567+05:30`, `2024-01-31T13:45:00Z` or `2024-01-31T05:45:00-08:00`.
///
/// The value keeps the text exactly as the service sent it: decoding and then encoding gives back the same
/// bytes, including the offset (`Z`, `+00:00` and `-00:00` stay as written) and every fractional digit (F&O
/// sends seven, such as `.0000000`; up to twelve are accepted). ``date`` gives the instant as a Foundation `Date`.
///
/// Parsing is strict, following the OData ABNF rule `dateTimeOffsetValue`:
/// `date "T" timeOfDayValue ( "Z" / ("+" / "-") hour ":" minute )`. A missing offset, a lowercase `t` or `z`,
/// `24:00`, an offset without a colon (`+0530`) or an impossible date are rejected with an ``ODataLiteralError``
/// (a `DecodingError.dataCorrupted` when decoding).
///
/// Equality and hashing compare the instant and the offset: `13:45Z` equals `13:45:00.000+00:00`, but not
/// `14:45+01:00`, which is the same instant written in another offset (use ``isSameInstant(as:)`` for that).
/// Ordering is by instant, then by offset.
///
/// F&O writes `1900-01-01T00:00:00Z` for an empty date; it parses like any other value, and
/// ``isFinanceAndOperationsEmptyDate`` recognizes it.
///
/// In JSON an `EDMDateTimeOffset` is a string.
public struct EDMDateTimeOffset: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// The calendar date in the value's own offset (the `2024-01-31` of `2024-01-31T13:45:00+05:30`).
    public let calendarDate: EDMDate
    /// The time of day in the value's own offset (the `13:45:00` of `2024-01-31T13:45:00+05:30`).
    public let timeOfDay: EDMTimeOfDay
    /// The offset from UTC in minutes: 330 for `+05:30`, -480 for `-08:00`, 0 for `Z`.
    public let offsetMinutes: Int
    /// The text exactly as parsed, or the canonical form when made from parts.
    public let description: String

    /// Whole seconds since 1970-01-01T00:00:00Z.
    let epochSecond: Int

    static let typeName = "Edm.DateTimeOffset"
    static let expected = "YYYY-MM-DDThh:mm[:ss[.fffffff]] followed by Z or ±hh:mm, such as 2024-01-31T13:45:00.1234567+05:30"

    /// Parses `2024-01-31T13:45:00.1234567+05:30`, keeping the text exactly.
    /// - Throws: ``ODataLiteralError`` saying what is wrong.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        let date = try EDMDate.scan(&scanner)
        if scanner.isAtEnd {
            throw scanner.error("the time is missing: an Edm.DateTimeOffset needs 'T', a time and an offset")
        }
        if scanner.peek == UInt8(ascii: "t") || scanner.peek == UInt8(ascii: " ") {
            throw scanner.error("the date and the time must be separated by an uppercase 'T'")
        }
        try scanner.expect(UInt8(ascii: "T"), "'T' between the date and the time")
        let time = try EDMTimeOfDay.scan(&scanner)
        let offset: Int
        switch scanner.peek {
        case UInt8(ascii: "Z"):
            scanner.position += 1
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let negative = scanner.peek == UInt8(ascii: "-")
            scanner.position += 1
            let hourStart = scanner.position
            if scanner.digitRun().count == 4 {
                throw scanner.error(
                    "the offset needs a ':' between its hours and minutes (written ±hh:mm, such as +05:30)",
                    at: hourStart)
            }
            scanner.position = hourStart
            let hours = try scanner.fixedDigits(2, "the offset hours")
            guard hours <= 23 else {
                throw scanner.error("the offset hours \(hours) are not between 00 and 23", at: hourStart)
            }
            try scanner.expect(UInt8(ascii: ":"), "':' in the offset (written ±hh:mm)")
            let minuteStart = scanner.position
            let minutes = try scanner.fixedDigits(2, "the offset minutes")
            guard minutes <= 59 else {
                throw scanner.error("the offset minutes \(minutes) are not between 00 and 59", at: minuteStart)
            }
            offset = (negative ? -1 : 1) * (hours * 60 + minutes)
        case UInt8(ascii: "z"):
            throw scanner.error("the UTC designator must be an uppercase 'Z'")
        case nil:
            throw scanner.error("the time zone offset is missing; add 'Z' for UTC or an offset such as +05:30")
        default:
            throw scanner.error("expected 'Z' or an offset such as +05:30 but found \(scanner.found)")
        }
        try scanner.expectEnd("the offset")
        self.init(date: date, time: time, offsetMinutes: offset, description: text)
    }

    /// Parses `2024-01-31T13:45:00Z`, returning `nil` when the text is not a valid `Edm.DateTimeOffset`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// Makes a value from a date, a time and an offset, written in the canonical form
    /// (`Z` for offset 0, `±hh:mm` otherwise).
    /// - Throws: ``ODataLiteralError`` when the offset is not between -23:59 and +23:59.
    public init(date: EDMDate, time: EDMTimeOfDay, offsetMinutes: Int = 0) throws(ODataLiteralError) {
        let text = date.description + "T" + time.description + Self.formatOffset(offsetMinutes)
        guard abs(offsetMinutes) < 24 * 60 else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: text,
                problem: "the offset of \(offsetMinutes) minutes is not between -23:59 and +23:59",
                expected: Self.expected)
        }
        self.init(date: date, time: time, offsetMinutes: offsetMinutes, description: text)
    }

    /// The instant `date` written in `timeZone`'s offset at that instant (UTC, written `Z`, by default), with up to
    /// seven fractional digits (100 ns, the precision of .NET and F&O; trailing zeros and a zero fraction are left
    /// out).
    ///
    /// Offsets are whole minutes (a time zone's seconds are dropped). Instants before 0001-01-01 or after
    /// 9999-12-31 in that offset, the range of F&O's `DateTimeOffset`, are clamped to that range.
    public init(_ date: Date, timeZone: TimeZone = .gmt) {
        let offset = timeZone.secondsFromGMT(for: date) / 60
        self.init(date, clampedOffsetMinutes: max(-(24 * 60 - 1), min(24 * 60 - 1, offset)))
    }

    /// The instant `date` written with the given offset from UTC, in minutes (330 for `+05:30`; 0 is written `Z`).
    /// - Throws: ``ODataLiteralError`` when the offset is not between -23:59 and +23:59.
    public init(_ date: Date, offsetMinutes: Int) throws(ODataLiteralError) {
        guard abs(offsetMinutes) < 24 * 60 else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: "\(date)\(Self.formatOffset(offsetMinutes))",
                problem: "the offset of \(offsetMinutes) minutes is not between -23:59 and +23:59",
                expected: Self.expected)
        }
        self.init(date, clampedOffsetMinutes: offsetMinutes)
    }

    private init(_ date: Date, clampedOffsetMinutes offset: Int) {
        let parts = ProlepticGregorian.split(date, offsetSeconds: offset * 60)
        let day = EDMDate(daysSinceEpoch: parts.days)
        let time = EDMTimeOfDay(secondOfDay: parts.secondOfDay, ticks: parts.ticks)
        self.init(
            date: day, time: time, offsetMinutes: offset,
            description: day.description + "T" + time.description + Self.formatOffset(offset))
    }

    private init(date: EDMDate, time: EDMTimeOfDay, offsetMinutes: Int, description: String) {
        self.calendarDate = date
        self.timeOfDay = time
        self.offsetMinutes = offsetMinutes
        self.description = description
        self.epochSecond = date.daysSinceEpoch * ProlepticGregorian.secondsPerDay
            + time.wholeSecondsSinceMidnight - offsetMinutes * 60
    }

    /// `Z` for 0, otherwise `+hh:mm` or `-hh:mm`.
    static func formatOffset(_ minutes: Int) -> String {
        guard minutes != 0 else { return "Z" }
        let magnitude = abs(minutes)
        return (minutes < 0 ? "-" : "+") + EDMTimeOfDay.pad(magnitude / 60) + ":" + EDMTimeOfDay.pad(magnitude % 60)
    }

    /// F&O's "empty date", `1900-01-01T00:00:00Z`, which it writes where a date field has no value.
    public static let financeAndOperationsEmptyDate = EDMDateTimeOffset(
        date: EDMDate(uncheckedYear: 1900, month: 1, day: 1),
        time: EDMTimeOfDay(uncheckedHour: 0, minute: 0, second: 0, fractionalSeconds: "", hasSeconds: true),
        offsetMinutes: 0, description: "1900-01-01T00:00:00Z")

    /// Whether this is the instant F&O uses for an empty date, 1900-01-01T00:00:00Z (in any offset).
    public var isFinanceAndOperationsEmptyDate: Bool { isSameInstant(as: Self.financeAndOperationsEmptyDate) }

    /// Whether the text used the UTC designator `Z` (rather than an offset such as `+00:00`).
    public var hasUTCDesignator: Bool { description.utf8.last == UInt8(ascii: "Z") }

    /// The offset from UTC in seconds, as Foundation's `TimeZone` counts it.
    public var offsetSeconds: Int { offsetMinutes * 60 }

    /// A fixed-offset time zone for ``offsetMinutes``.
    public var timeZone: TimeZone { TimeZone(secondsFromGMT: offsetSeconds) ?? .gmt }

    /// The instant as a Foundation `Date` (a `Double` of seconds: exact to about a microsecond for present-day
    /// dates; the exact fraction stays in ``timeOfDay``).
    public var date: Date { ProlepticGregorian.date(epochSecond: epochSecond, fraction: timeOfDay.fractionalSeconds) }

    /// Whether both values are the same instant, whatever their offsets.
    public func isSameInstant(as other: EDMDateTimeOffset) -> Bool {
        epochSecond == other.epochSecond
            && FractionDigits.normalized(timeOfDay.fractionalSeconds)
                == FractionDigits.normalized(other.timeOfDay.fractionalSeconds)
    }

    /// The same instant written in UTC with `Z`.
    public var utc: EDMDateTimeOffset {
        let days = ProlepticGregorian.floorDivide(epochSecond, ProlepticGregorian.secondsPerDay)
        let second = epochSecond - days * ProlepticGregorian.secondsPerDay
        let day = EDMDate(daysSinceEpoch: days)
        let time = EDMTimeOfDay(
            uncheckedHour: second / 3600, minute: second / 60 % 60, second: second % 60,
            fractionalSeconds: timeOfDay.fractionalSeconds, hasSeconds: true)
        return EDMDateTimeOffset(
            date: day, time: time, offsetMinutes: 0, description: day.description + "T" + time.description + "Z")
    }

    /// Equal when the instants and the offsets are equal.
    public static func == (lhs: EDMDateTimeOffset, rhs: EDMDateTimeOffset) -> Bool {
        lhs.isSameInstant(as: rhs) && lhs.offsetMinutes == rhs.offsetMinutes
    }

    /// Hashes the instant and the offset, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSecond)
        hasher.combine(String(FractionDigits.normalized(timeOfDay.fractionalSeconds)))
        hasher.combine(offsetMinutes)
    }

    /// Orders by instant, then by offset.
    public static func < (lhs: EDMDateTimeOffset, rhs: EDMDateTimeOffset) -> Bool {
        if lhs.epochSecond != rhs.epochSecond { return lhs.epochSecond < rhs.epochSecond }
        let fraction = FractionDigits.compare(lhs.timeOfDay.fractionalSeconds, rhs.timeOfDay.fractionalSeconds)
        if fraction != 0 { return fraction < 0 }
        return lhs.offsetMinutes < rhs.offsetMinutes
    }

    /// Decodes a JSON string such as `"2024-01-31T13:45:00Z"`, keeping it exactly.
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text and the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try EDMDateTimeOffset(parsing: text)
        } catch {
            throw error.decodingError(codingPath: container.codingPath)
        }
    }

    /// Encodes the value as a JSON string, byte for byte as it was parsed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
