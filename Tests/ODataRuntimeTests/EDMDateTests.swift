import Foundation
import Testing
import ODataRuntime

@Suite("EDMDate")
struct EDMDateTests {
    @Test(
        "valid dates parse and format back unchanged",
        arguments: ["2024-01-31", "2024-02-29", "2000-02-29", "1900-01-01", "0000-01-01", "9999-12-31", "-0001-03-01",
            "-10000-04-01", "12345-06-07", "1582-10-10"])
    func roundTrip(text: String) throws {
        let date = try EDMDate(parsing: text)
        #expect(date.description == text)
        #expect(EDMDate(text) == date)
    }

    @Test("the parts are read")
    func parts() throws {
        let date = try EDMDate(parsing: "2024-01-31")
        #expect(date.year == 2024)
        #expect(date.month == 1)
        #expect(date.day == 31)
        let old = try EDMDate(parsing: "-0044-03-15")
        #expect(old.year == -44)
    }

    @Test(
        "invalid dates are rejected with a clear message",
        arguments: [
            ("2024-1-31", "month must have exactly 2 digits"),
            ("2024-01-1", "day must have exactly 2 digits"),
            ("24-01-31", "year must have at least four digits"),
            ("02024-01-31", "must not start with 0"),
            ("2024-02-30", "February 2024 has 29 days"),
            ("2023-02-29", "February 2023 has 28 days"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2024-04-31", "April 2024 has 30 days"),
            ("2024-13-01", "month 13 is not between 01 and 12"),
            ("2024-00-10", "month 0 is not between 01 and 12"),
            ("2024-01-00", "day 0 does not exist"),
            ("2024-01-31T00:00:00Z", "no time part"),
            ("2024-01-31 ", "after the date"),
            (" 2024-01-31", "expected a year"),
            ("2024/01/31", "'-' after the year"),
            ("", "the end of the text"),
            ("-0000-01-01", "-0000 is not a year"),
            ("INF", "expected a year"),
            ("2024-01-3x", "day must have exactly 2 digits"),
            ("1234567890-01-01", "more than 9 digits"),
            ("２０２４-01-31", "expected a year"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.Date", "YYYY-MM-DD"]) { () throws(ODataLiteralError) in
            _ = try EDMDate(parsing: text)
        }
        #expect(EDMDate(text) == nil)
        let json = "\"" + text + "\""
        expectDataCorrupted(EDMDate.self, json, mentioning: [text, message, "YYYY-MM-DD"])
    }

    @Test("the error points at the bad part")
    func offset() {
        let error = expectLiteralError(mentioning: []) { () throws(ODataLiteralError) in
            _ = try EDMDate(parsing: "2024-1-31")
        }
        #expect(error?.offset == 5)
    }

    @Test("the checked initializer accepts real dates and rejects impossible ones")
    func components() throws {
        #expect(try EDMDate(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(try EDMDate(year: 7, month: 3, day: 9).description == "0007-03-09")
        #expect(try EDMDate(year: -7, month: 3, day: 9).description == "-0007-03-09")
        expectLiteralError(mentioning: ["February 2023 has 28 days"]) { () throws(ODataLiteralError) in
            _ = try EDMDate(year: 2023, month: 2, day: 29)
        }
        expectLiteralError(mentioning: ["month 13"]) { () throws(ODataLiteralError) in
            _ = try EDMDate(year: 2023, month: 13, day: 1)
        }
    }

    @Test("conversion to Date gives midnight UTC")
    func toDate() throws {
        #expect(try EDMDate(parsing: "1970-01-01").date == Date(timeIntervalSince1970: 0))
        #expect(try EDMDate(parsing: "2024-01-31").date == Date(timeIntervalSince1970: 1_706_659_200))
        #expect(try EDMDate(parsing: "1900-01-01").date == Date(timeIntervalSince1970: -2_208_988_800))
        #expect(try EDMDate(parsing: "1969-12-31").daysSinceEpoch == -1)
    }

    @Test("conversion to Date in a time zone gives local midnight")
    func toDateInZone() throws {
        let date = try EDMDate(parsing: "2024-01-31")
        let plusFive = try #require(TimeZone(secondsFromGMT: 5 * 3600))
        #expect(date.date(in: plusFive) == Date(timeIntervalSince1970: 1_706_659_200 - 5 * 3600))
        #expect(date.date(in: .gmt) == date.date)
    }

    @Test("conversion from Date takes the calendar day in UTC or in a given zone")
    func fromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_706_744_000)  // 2024-01-31T23:33:20Z
        #expect(EDMDate(instant).description == "2024-01-31")
        let plusOne = try #require(TimeZone(secondsFromGMT: 3600))
        #expect(EDMDate(instant, in: plusOne).description == "2024-02-01")
        #expect(EDMDate(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
    }

    @Test("Date round trip through midnight UTC for every day of several years")
    func dayArithmetic() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        var day = try EDMDate(parsing: "1999-12-25")
        for _ in 0..<(366 * 6) {
            #expect(EDMDate(day.date) == day)
            let parts = calendar.dateComponents([.year, .month, .day], from: day.date)
            #expect(parts.year == day.year && parts.month == day.month && parts.day == day.day)
            let next = day.adding(days: 1)
            #expect(next.daysSinceEpoch == day.daysSinceEpoch + 1)
            #expect(day < next)
            day = next
        }
    }

    @Test("DateComponents both ways")
    func dateComponents() throws {
        let date = try EDMDate(parsing: "2024-01-31")
        let components = date.dateComponents
        #expect(components.year == 2024 && components.month == 1 && components.day == 31)
        #expect(components.hour == nil)
        #expect(try EDMDate(components) == date)
        expectLiteralError(mentioning: ["lack a year, month or day"]) { () throws(ODataLiteralError) in
            _ = try EDMDate(DateComponents(year: 2024, month: 1))
        }
    }

    @Test("Codable: a JSON string, inside an object and at top level")
    func codable() throws {
        let box = try decodeJSON(Box<EDMDate>.self, #"{"v":"2024-01-31"}"#)
        #expect(box.v.description == "2024-01-31")
        #expect(try encodeJSON(box) == #"{"v":"2024-01-31"}"#)
        #expect(try decodeJSON([EDMDate].self, #"["2024-01-31","0001-01-01"]"#).count == 2)
    }

    @Test("a JSON number is a type mismatch, not a crash")
    func notAString() {
        #expect(throws: DecodingError.self) { try decodeJSON(EDMDate.self, "20240131") }
    }

    @Test("ordering and hashing follow the calendar")
    func ordering() throws {
        let dates = try ["2024-01-31", "-0001-12-31", "2023-12-31", "2024-02-01", "0000-01-01"].map {
            (text: String) throws(ODataLiteralError) in try EDMDate(parsing: text)
        }
        #expect(dates.sorted().map(\.description) == ["-0001-12-31", "0000-01-01", "2023-12-31", "2024-01-31", "2024-02-01"])
        #expect(Set(dates + dates).count == 5)
    }

    @Test("dates before the Gregorian reform use the proleptic Gregorian calendar, as ISO 8601 does")
    func proleptic() throws {
        // 0001-01-01 is 719,162 days before 1970-01-01 in the proleptic Gregorian calendar (.NET's DateTime.MinValue).
        #expect(try EDMDate(parsing: "0001-01-01").daysSinceEpoch == -719_162)
        #expect(EDMDate(daysSinceEpoch: -719_162).description == "0001-01-01")
        // Year 0 is a leap year (1 BC), -0100 is not.
        #expect(EDMDate("0000-02-29") != nil)
        #expect(EDMDate("-0100-02-29") == nil)
        #expect(EDMDate("-0400-02-29") != nil)
    }

    @Test("Sendable")
    func sendable() async throws {
        let date = try EDMDate(parsing: "2024-01-31")
        let copy = await Task.detached { date }.value
        #expect(copy == date)
    }
}
