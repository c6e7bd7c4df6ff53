import Foundation
import Testing
import ODataRuntime

@Suite("EDMDateTimeOffset")
struct EDMDateTimeOffsetTests {
    @Test(
        "decode then encode gives back the same bytes",
        arguments: [
            "2024-01-31T13:45:00.1234567+05:30", "2024-01-31T13:45:00Z", "2024-01-31T05:45:00-08:00",
            "2024-01-31T13:45:00.0000000Z", "1900-01-01T00:00:00Z", "2012-09-03T13:52Z", "1972-06-30T23:59:60Z",
            "2012-08-31T18:19:22.1Z", "0000-01-01T00:00Z", "-10000-04-01T00:00Z", "2012-09-03T14:53+02:00",
            "2024-01-31T13:45:00+00:00", "2024-01-31T13:45:00-00:00", "2024-01-31T13:45:00.123456789012-23:59",
            "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z",
        ])
    func byteExactRoundTrip(text: String) throws {
        let json = #"{"v":""# + text + #""}"#
        let box = try decodeJSON(Box<EDMDateTimeOffset>.self, json)
        #expect(try encodeJSON(box) == json)
        #expect(box.v.description == text)
        #expect(EDMDateTimeOffset(text)?.description == text)
    }

    @Test("the parts: date and time in the value's offset, and the offset")
    func parts() throws {
        let value = try EDMDateTimeOffset(parsing: "2024-01-31T13:45:00.1234567+05:30")
        #expect(value.calendarDate == EDMDate("2024-01-31"))
        #expect(value.timeOfDay.description == "13:45:00.1234567")
        #expect(value.timeOfDay.fractionalSeconds == "1234567")
        #expect(value.offsetMinutes == 330)
        #expect(value.offsetSeconds == 19_800)
        #expect(value.timeZone.secondsFromGMT() == 19_800)
        #expect(!value.hasUTCDesignator)
        #expect(try EDMDateTimeOffset(parsing: "2024-01-31T05:45:00-08:00").offsetMinutes == -480)
        #expect(try EDMDateTimeOffset(parsing: "2024-01-31T05:45:00Z").hasUTCDesignator)
    }

    @Test("the Foundation Date is the instant")
    func date() throws {
        let expected = Date(timeIntervalSince1970: 1_706_708_700)  // 2024-01-31T13:45:00Z
        #expect(try EDMDateTimeOffset(parsing: "2024-01-31T13:45:00Z").date == expected)
        #expect(try EDMDateTimeOffset(parsing: "2024-01-31T19:15:00+05:30").date == expected)
        #expect(try EDMDateTimeOffset(parsing: "2024-01-31T05:45:00-08:00").date == expected)
        #expect(try EDMDateTimeOffset(parsing: "2024-02-01T00:15+10:30").date == expected)
        let fraction = try EDMDateTimeOffset(parsing: "2024-01-31T13:45:00.1234567Z").date
        #expect(abs(fraction.timeIntervalSince(expected) - 0.1234567) < 1e-6)
        #expect(try EDMDateTimeOffset(parsing: "1900-01-01T00:00:00Z").date == Date(timeIntervalSince1970: -2_208_988_800))
    }

    @Test("F&O's empty date parses and is recognized")
    func emptyDate() throws {
        let empty = try EDMDateTimeOffset(parsing: "1900-01-01T00:00:00Z")
        #expect(empty.isFinanceAndOperationsEmptyDate)
        #expect(empty == EDMDateTimeOffset.financeAndOperationsEmptyDate)
        #expect(EDMDateTimeOffset.financeAndOperationsEmptyDate.description == "1900-01-01T00:00:00Z")
        #expect(try EDMDateTimeOffset(parsing: "1900-01-01T00:00:00.0000000Z").isFinanceAndOperationsEmptyDate)
        #expect(try !EDMDateTimeOffset(parsing: "1900-01-01T00:00:01Z").isFinanceAndOperationsEmptyDate)
        let box = try decodeJSON(Box<EDMDateTimeOffset?>.self, #"{"v":"1900-01-01T00:00:00Z"}"#)
        #expect(box.v?.isFinanceAndOperationsEmptyDate == true)
    }

    @Test(
        "invalid values are rejected with a clear message",
        arguments: [
            ("2024-01-31T13:45:00", "time zone offset is missing"),
            ("2024-01-31", "the time is missing"),
            ("2024-01-31t13:45:00Z", "uppercase 'T'"),
            ("2024-01-31 13:45:00Z", "uppercase 'T'"),
            ("2024-01-31T13:45:00z", "uppercase 'Z'"),
            ("2024-01-31T13:45:00+0530", "needs a ':' between its hours and minutes"),
            ("2024-01-31T13:45:00+05", "':' in the offset"),
            ("2024-01-31T13:45:00+5:30", "offset hours must have exactly 2 digits"),
            ("2024-01-31T13:45:00+24:00", "offset hours 24"),
            ("2024-01-31T13:45:00+05:60", "offset minutes 60"),
            ("2011-12-31T24:00Z", "hour 24"),
            ("2024-02-30T13:45:00Z", "February 2024 has 29 days"),
            ("2024-1-31T13:45:00Z", "month must have exactly 2 digits"),
            ("2024-01-31T13:45:00.Z", "fractional-second digits"),
            ("2024-01-31T13:45:00.1234567890123Z", "at most 12"),
            ("2024-01-31T13:45:00ZZ", "unexpected 'Z' after the offset"),
            ("2024-01-31T13:45:00 Z", "expected 'Z' or an offset"),
            ("2012-09-03T23%3A59Z", "expected ':' after the hour"),
            ("INF", "expected a year"),
            ("", "expected a year"),
            ("2024-01-31T13:45:00+05:30:00", "unexpected ':'"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.DateTimeOffset"]) { () throws(ODataLiteralError) in
            _ = try EDMDateTimeOffset(parsing: text)
        }
        #expect(EDMDateTimeOffset(text) == nil)
        expectDataCorrupted(EDMDateTimeOffset.self, "\"\(text)\"", mentioning: [text, message, "2024-01-31T13:45:00.1234567+05:30"])
    }

    @Test("made from a Date: UTC with Z, seven fractional digits at most, trailing zeros dropped")
    func fromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_706_708_700)
        #expect(EDMDateTimeOffset(instant).description == "2024-01-31T13:45:00Z")
        #expect(EDMDateTimeOffset(instant.addingTimeInterval(0.25)).description == "2024-01-31T13:45:00.25Z")
        #expect(EDMDateTimeOffset(instant.addingTimeInterval(0.1234567)).description == "2024-01-31T13:45:00.1234567Z")
        #expect(EDMDateTimeOffset(instant.addingTimeInterval(-0.0000001)).description == "2024-01-31T13:44:59.9999999Z")
    }

    @Test("made from a Date and an offset or a time zone")
    func fromDateWithOffset() throws {
        let instant = Date(timeIntervalSince1970: 1_706_708_700)
        let india = try EDMDateTimeOffset(instant, offsetMinutes: 330)
        #expect(india.description == "2024-01-31T19:15:00+05:30")
        #expect(india.date == instant)
        #expect(try EDMDateTimeOffset(instant, offsetMinutes: -480).description == "2024-01-31T05:45:00-08:00")
        #expect(try EDMDateTimeOffset(instant, offsetMinutes: 0).description == "2024-01-31T13:45:00Z")
        let zone = try #require(TimeZone(secondsFromGMT: -3 * 3600))
        #expect(EDMDateTimeOffset(instant, timeZone: zone).description == "2024-01-31T10:45:00-03:00")
        expectLiteralError(mentioning: ["offset of 1440 minutes"]) { () throws(ODataLiteralError) in
            _ = try EDMDateTimeOffset(instant, offsetMinutes: 1440)
        }
    }

    @Test("Date round trip for many instants and offsets")
    func dateRoundTrip() throws {
        var seconds = -2_208_988_800.0
        while seconds < 4_102_444_800 {
            let instant = Date(timeIntervalSince1970: seconds)
            for offset in [0, 330, -480, 840, -720, 59] {
                let value = try EDMDateTimeOffset(instant, offsetMinutes: offset)
                #expect(value.date == instant)
                let reparsed = try EDMDateTimeOffset(parsing: value.description)
                #expect(reparsed == value)
                #expect(reparsed.offsetMinutes == offset)
            }
            seconds += 7_654_321.5
        }
    }

    @Test("dates out of F&O's range are clamped, not a crash")
    func clamping() {
        #expect(EDMDateTimeOffset(Date.distantPast).description == "0001-01-01T00:00:00Z")
        #expect(EDMDateTimeOffset(Date(timeIntervalSince1970: 1e300)).description == "9999-12-31T23:59:59.9999999Z")
        #expect(EDMDateTimeOffset(Date(timeIntervalSince1970: -.infinity)).description == "0001-01-01T00:00:00Z")
        #expect(EDMDateTimeOffset(Date(timeIntervalSince1970: .nan)).description == "1970-01-01T00:00:00Z")
    }

    @Test("made from a date, a time and an offset")
    func fromParts() throws {
        let date = try EDMDate(parsing: "2024-01-31")
        let time = try EDMTimeOfDay(parsing: "13:45:00.5")
        #expect(try EDMDateTimeOffset(date: date, time: time, offsetMinutes: -90).description == "2024-01-31T13:45:00.5-01:30")
        #expect(try EDMDateTimeOffset(date: date, time: time).description == "2024-01-31T13:45:00.5Z")
        expectLiteralError(mentioning: ["-23:59 and +23:59"]) { () throws(ODataLiteralError) in
            _ = try EDMDateTimeOffset(date: date, time: time, offsetMinutes: -1440)
        }
    }

    @Test("equality: same instant and same offset; isSameInstant ignores the offset")
    func equality() throws {
        func v(_ text: String) throws -> EDMDateTimeOffset { try EDMDateTimeOffset(parsing: text) }
        #expect(try v("2024-01-31T13:45Z") == v("2024-01-31T13:45:00.000+00:00"))
        #expect(try v("2024-01-31T13:45Z").hashValue == v("2024-01-31T13:45:00.000+00:00").hashValue)
        #expect(try v("2024-01-31T13:45Z") == v("2024-01-31T13:45:00-00:00"))
        #expect(try v("2024-01-31T13:45Z") != v("2024-01-31T14:45+01:00"))
        #expect(try v("2024-01-31T13:45Z").isSameInstant(as: v("2024-01-31T14:45+01:00")))
        #expect(try !v("2024-01-31T13:45Z").isSameInstant(as: v("2024-01-31T13:45:00.0000001Z")))
        #expect(try v("1972-06-30T23:59:60Z").isSameInstant(as: v("1972-07-01T00:00:00Z")))
    }

    @Test("ordering is by instant, then offset")
    func ordering() throws {
        let texts = ["2024-01-31T14:45+01:00", "2024-01-31T13:45:00.5Z", "2024-01-31T13:45Z", "2024-01-31T05:46-08:00",
            "1900-01-01T00:00:00Z"]
        let sorted = try texts.map { (text: String) throws(ODataLiteralError) in try EDMDateTimeOffset(parsing: text) }
            .sorted()
        #expect(sorted.map(\.description) == ["1900-01-01T00:00:00Z", "2024-01-31T13:45Z", "2024-01-31T14:45+01:00",
            "2024-01-31T13:45:00.5Z", "2024-01-31T05:46-08:00"])
    }

    @Test("utc rewrites the same instant with Z, keeping the fraction")
    func utc() throws {
        let value = try EDMDateTimeOffset(parsing: "2024-01-01T02:15:00.1234567+05:30")
        #expect(value.utc.description == "2023-12-31T20:45:00.1234567Z")
        #expect(value.utc.isSameInstant(as: value))
    }

    @Test("a JSON array of F&O values round-trips byte for byte")
    func arrayRoundTrip() throws {
        let json = #"["2024-01-31T00:00:00Z","1900-01-01T00:00:00Z","2023-06-15T08:30:12.0000000+02:00"]"#
        #expect(try encodeJSON(decodeJSON([EDMDateTimeOffset].self, json)) == json)
    }
}
