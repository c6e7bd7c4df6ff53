import Foundation

/// An `Edm.Date`: a calendar date without a time or time zone, written `2024-01-31`.
///
/// Parsing is strict, following the OData ABNF rule `dateValue`: a year of at least four digits (more digits
/// only without a leading zero, an optional `-` for years before year 0), a two-digit month and a two-digit day
/// that exists in that month. `2024-1-31`, `2024-02-30` and `2024-01-31T00:00:00Z` are rejected with an
/// ``ODataLiteralError`` (a `DecodingError.dataCorrupted` when decoding).
///
/// Dates use the proleptic Gregorian calendar with astronomical year numbering (year 0 is 1 BC), as ISO 8601 and
/// OData do. Conversions to `Date` compute midnight UTC arithmetically, so dates before 1582 mean the same day
/// as in the text (Foundation's Gregorian `Calendar` would switch to the Julian calendar there).
///
/// In JSON an `EDMDate` is a string.
public struct EDMDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The year; 0 is 1 BC, -1 is 2 BC.
    public let year: Int
    /// The month, 1-12.
    public let month: Int
    /// The day of the month, 1-31.
    public let day: Int

    static let typeName = "Edm.Date"
    static let expected = "YYYY-MM-DD, such as 2024-01-31"

    /// The largest year magnitude the runtime accepts (nine digits).
    static let maximumYear = 999_999_999

    /// Makes a date from its parts, checking that the day exists.
    /// - Throws: ``ODataLiteralError`` when the month or day is out of range or the year has more than nine digits.
    public init(year: Int, month: Int, day: Int) throws(ODataLiteralError) {
        let text = Self.format(year: year, month: month, day: day)
        guard abs(year) <= Self.maximumYear else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: text, problem: "the year has more than 9 digits", expected: Self.expected)
        }
        guard (1...12).contains(month) else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: text, problem: "the month \(month) is not between 1 and 12",
                expected: Self.expected)
        }
        let days = ProlepticGregorian.daysInMonth(month, year: year)
        guard (1...days).contains(day) else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: text,
                problem: "day \(day) does not exist: \(ProlepticGregorian.monthNames[month - 1]) \(year) has \(days) days",
                expected: Self.expected)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2024-01-31`.
    /// - Throws: ``ODataLiteralError`` saying what is wrong, for example for `2024-1-31` or `2024-02-30`.
    public init(parsing text: String) throws(ODataLiteralError) {
        var scanner = LiteralScanner(text, typeName: Self.typeName, expected: Self.expected)
        self = try Self.scan(&scanner)
        try scanner.expectEnd("the date (an Edm.Date has no time part)")
    }

    /// Parses `2024-01-31`, returning `nil` when the text is not a valid `Edm.Date`.
    public init?(_ description: String) {
        guard let value = try? Self(parsing: description) else { return nil }
        self = value
    }

    /// The calendar date of `date` in `timeZone` (UTC by default). Instants outside 0001-01-01...9999-12-31 are
    /// clamped to that range, as for ``EDMDateTimeOffset``.
    public init(_ date: Date, in timeZone: TimeZone = .gmt) {
        let parts = ProlepticGregorian.split(date, offsetSeconds: timeZone.secondsFromGMT(for: date))
        self.init(daysSinceEpoch: parts.days)
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    public init(daysSinceEpoch days: Int) {
        let clamped = min(max(days, -365_000_000_000), 365_000_000_000)
        let civil = ProlepticGregorian.civil(daysSinceEpoch: clamped)
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    /// Makes a date from the `year`, `month` and `day` of `components` (other fields are ignored).
    /// - Throws: ``ODataLiteralError`` when one of the three is missing or the date does not exist.
    public init(_ components: DateComponents) throws(ODataLiteralError) {
        guard let year = components.year, let month = components.month, let day = components.day else {
            throw ODataLiteralError(
                typeName: Self.typeName, text: "\(components)",
                problem: "the date components lack a year, month or day", expected: Self.expected)
        }
        try self.init(year: year, month: month, day: day)
    }

    /// Reads a date at the scanner's position (shared with ``EDMDateTimeOffset``).
    static func scan(_ scanner: inout LiteralScanner) throws(ODataLiteralError) -> EDMDate {
        let yearStart = scanner.position
        let negative = scanner.consume(UInt8(ascii: "-"))
        let yearDigits = scanner.digitRun()
        guard !yearDigits.isEmpty else {
            throw scanner.error("expected a year of four digits but found \(scanner.found)")
        }
        guard yearDigits.count >= 4 else {
            throw scanner.error("the year must have at least four digits, found \(yearDigits.count)", at: yearStart)
        }
        if yearDigits.count > 4, yearDigits.first == UInt8(ascii: "0") {
            throw scanner.error("a year of more than four digits must not start with 0", at: yearStart)
        }
        guard yearDigits.count <= 9 else {
            throw scanner.error("the year has more than 9 digits", at: yearStart)
        }
        let yearMagnitude = LiteralScanner.value(of: yearDigits)
        if negative, yearMagnitude == 0 {
            throw scanner.error("-0000 is not a year; write 0000", at: yearStart)
        }
        let year = negative ? -yearMagnitude : yearMagnitude
        try scanner.expect(UInt8(ascii: "-"), "'-' after the year")
        let monthStart = scanner.position
        let month = try scanner.fixedDigits(2, "the month")
        guard (1...12).contains(month) else {
            throw scanner.error("the month \(month) is not between 01 and 12", at: monthStart)
        }
        try scanner.expect(UInt8(ascii: "-"), "'-' after the month")
        let dayStart = scanner.position
        let day = try scanner.fixedDigits(2, "the day")
        let days = ProlepticGregorian.daysInMonth(month, year: year)
        guard (1...days).contains(day) else {
            throw scanner.error(
                "day \(day) does not exist: \(ProlepticGregorian.monthNames[month - 1]) \(year) has \(days) days",
                at: dayStart)
        }
        return EDMDate(uncheckedYear: year, month: month, day: day)
    }

    /// Makes a date from parts already checked.
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, with more year digits when needed and `-` before years before year 0.
    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return (year < 0 ? "-" : "") + pad(abs(year), 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The date as OData writes it: `2024-01-31`.
    public var description: String { Self.format(year: year, month: month, day: day) }

    /// Days from 1970-01-01 to this date (negative before it).
    public var daysSinceEpoch: Int { ProlepticGregorian.daysSinceEpoch(year: year, month: month, day: day) }

    /// Midnight UTC at the start of this date.
    public var date: Date {
        Date(timeIntervalSinceReferenceDate: Double(
            daysSinceEpoch * ProlepticGregorian.secondsPerDay - ProlepticGregorian.referenceDateOffset))
    }

    /// Midnight at the start of this date in `timeZone`.
    public func date(in timeZone: TimeZone) -> Date {
        let utcMidnight = date
        // The offset at the local midnight, found from the offset at UTC midnight and corrected once.
        let firstGuess = utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: firstGuess)))
    }

    /// `year`, `month` and `day` (astronomical year numbering; no calendar or time zone is set).
    public var dateComponents: DateComponents {
        DateComponents(year: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> EDMDate {
        EDMDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whether `lhs` is before `rhs`.
    public static func < (lhs: EDMDate, rhs: EDMDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a JSON string such as `"2024-01-31"`.
    /// - Throws: `DecodingError.dataCorrupted` naming the bad text and the expected form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try EDMDate(parsing: text)
        } catch {
            throw error.decodingError(codingPath: container.codingPath)
        }
    }

    /// Encodes the date as a JSON string such as `"2024-01-31"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
