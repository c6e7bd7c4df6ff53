import Foundation
import Testing
import ODataRuntime

@Suite("EDMTimeOfDay")
struct EDMTimeOfDayTests {
    @Test(
        "valid times parse and format back exactly as written",
        arguments: ["13:45:00.123", "13:45", "00:00", "23:59:59", "11:22:33.4444444", "23:59:60", "12:00:00.0",
            "12:00:00.000000000000", "12:00:00.123456789012", "12:00:00.1230"])
    func roundTrip(text: String) throws {
        let time = try EDMTimeOfDay(parsing: text)
        #expect(time.description == text)
        #expect(try encodeJSON(time) == "\"\(text)\"")
        #expect(try decodeJSON(EDMTimeOfDay.self, "\"\(text)\"").description == text)
    }

    @Test("the parts and the fraction are read; the fraction is kept exactly")
    func parts() throws {
        let time = try EDMTimeOfDay(parsing: "13:45:07.1230")
        #expect(time.hour == 13)
        #expect(time.minute == 45)
        #expect(time.second == 7)
        #expect(time.fractionalSeconds == "1230")
        #expect(time.hasSeconds)
        let short = try EDMTimeOfDay(parsing: "13:45")
        #expect(short.second == 0)
        #expect(short.fractionalSeconds == "")
        #expect(!short.hasSeconds)
    }

    @Test(
        "invalid times are rejected with a clear message",
        arguments: [
            ("24:00:00", "hour 24 is not between 00 and 23"),
            ("24:00", "hour 24"),
            ("1:02:03", "hour must have exactly 2 digits"),
            ("01:2:03", "minute must have exactly 2 digits"),
            ("01:02:3", "second must have exactly 2 digits"),
            ("01:60", "minute 60"),
            ("01:02:61", "second 61"),
            ("13:45:00.", "expected fractional-second digits"),
            ("13:45:00.1234567890123", "13 digits; at most 12"),
            ("13", "expected ':' after the hour"),
            ("13:45:00Z", "unexpected 'Z'"),
            ("13:45:00.5+01:00", "unexpected '+'"),
            ("11%3A22%3a33", "expected ':' after the hour"),
            ("", "the end of the text"),
            ("13:45:", "expected the second"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.TimeOfDay"]) { () throws(ODataLiteralError) in
            _ = try EDMTimeOfDay(parsing: text)
        }
        #expect(EDMTimeOfDay(text) == nil)
        expectDataCorrupted(EDMTimeOfDay.self, "\"\(text)\"", mentioning: [text, message, "hh:mm"])
    }

    @Test("equality compares the time, not the spelling")
    func equality() throws {
        let a = try EDMTimeOfDay(parsing: "13:45")
        let b = try EDMTimeOfDay(parsing: "13:45:00.000")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(try EDMTimeOfDay(parsing: "13:45:00.5") == EDMTimeOfDay(parsing: "13:45:00.50"))
        #expect(try EDMTimeOfDay(parsing: "13:45:00.5") != EDMTimeOfDay(parsing: "13:45:00.05"))
    }

    @Test("ordering")
    func ordering() throws {
        let texts = ["13:45:00.5", "00:00", "13:45:00.05", "23:59:60", "13:45:00.499999999999", "13:45"]
        let sorted = try texts.map { (text: String) throws(ODataLiteralError) in try EDMTimeOfDay(parsing: text) }
            .sorted()
        #expect(sorted.map(\.description) == ["00:00", "13:45", "13:45:00.05", "13:45:00.499999999999", "13:45:00.5", "23:59:60"])
    }

    @Test("conversions: seconds since midnight, an exact Swift.Duration, nanoseconds and DateComponents")
    func conversions() throws {
        let time = try EDMTimeOfDay(parsing: "13:45:00.123456789012")
        #expect(time.wholeSecondsSinceMidnight == 49_500)
        #expect(time.secondsSinceMidnight == 49_500.123456789012)
        #expect(time.durationSinceMidnight == .seconds(49_500) + .nanoseconds(123_456_789) + Duration(secondsComponent: 0, attosecondsComponent: 12_000_000))
        #expect(time.nanosecond == 123_456_789)
        let components = time.dateComponents
        #expect(components.hour == 13 && components.minute == 45 && components.second == 0)
        #expect(components.nanosecond == 123_456_789)
    }

    @Test("the checked initializer")
    func fromParts() throws {
        #expect(try EDMTimeOfDay(hour: 7, minute: 5).description == "07:05:00")
        #expect(try EDMTimeOfDay(hour: 7, minute: 5, second: 9, fractionalSeconds: "25").description == "07:05:09.25")
        expectLiteralError(mentioning: ["hour 24"]) { () throws(ODataLiteralError) in
            _ = try EDMTimeOfDay(hour: 24, minute: 0)
        }
        expectLiteralError(mentioning: ["1 to 12 digits"]) { () throws(ODataLiteralError) in
            _ = try EDMTimeOfDay(hour: 1, minute: 0, fractionalSeconds: "1x")
        }
        expectLiteralError(mentioning: ["1 to 12 digits"]) { () throws(ODataLiteralError) in
            _ = try EDMTimeOfDay(hour: 1, minute: 0, fractionalSeconds: "1234567890123")
        }
    }

    @Test("from a Date: the time of day in UTC or a zone, to 100 ns")
    func fromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_706_708_700.25)  // 2024-01-31T13:45:00.25Z
        #expect(EDMTimeOfDay(instant).description == "13:45:00.25")
        let plusFiveThirty = try #require(TimeZone(secondsFromGMT: 19_800))
        #expect(EDMTimeOfDay(instant, in: plusFiveThirty).description == "19:15:00.25")
        #expect(EDMTimeOfDay(Date(timeIntervalSince1970: 0)).description == "00:00:00")
        #expect(EDMTimeOfDay(Date(timeIntervalSince1970: -0.0000001)).description == "23:59:59.9999999")
    }
}
