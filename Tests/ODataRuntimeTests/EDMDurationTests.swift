import Foundation
import Testing
import ODataRuntime

@Suite("EDMDuration")
struct EDMDurationTests {
    @Test(
        "valid durations parse and format back exactly as written",
        arguments: ["P1DT2H3M4.5S", "-P1D", "PT0S", "P0D", "-P6DT23H59M59.9999S", "PT36H", "PT0.0000001S", "P1DT1S",
            "PT1M", "P365D", "PT4.500S", "P01D", "-PT0S", "PT1.123456789012345678901234S"])
    func roundTrip(text: String) throws {
        let duration = try EDMDuration(parsing: text)
        #expect(duration.description == text)
        #expect(try encodeJSON(duration) == "\"\(text)\"")
        #expect(try decodeJSON(EDMDuration.self, "\"\(text)\"").description == text)
    }

    @Test("the parts are kept as written")
    func parts() throws {
        let duration = try EDMDuration(parsing: "-P1DT2H3M4.50S")
        #expect(duration.isNegative)
        #expect(duration.days == 1)
        #expect(duration.hours == 2)
        #expect(duration.minutes == 3)
        #expect(duration.seconds == 4)
        #expect(duration.fractionalSeconds == "50")
        #expect(try EDMDuration(parsing: "PT36H").hours == 36)
    }

    @Test(
        "invalid durations are rejected with a clear message",
        arguments: [
            ("+P6DT23H59M59.9999S", "cannot start with '+'"),
            ("P1Y6DT23H", "years, months and weeks are not allowed"),
            ("P1M6DT23H", "years, months and weeks are not allowed"),
            ("P2W", "years, months and weeks are not allowed"),
            ("P", "at least one part"),
            ("PT", "'T' must be followed"),
            ("P1DT", "'T' must be followed"),
            ("1D", "expected 'P'"),
            ("P1H", "must come after 'T'"),
            ("PT1D", "days must come before 'T'"),
            ("PT1M2H", "out of order"),
            ("PT1H1H", "out of order"),
            ("P1.5D", "only seconds can have a fraction"),
            ("PT1.5M", "only seconds can have a fraction"),
            ("PT1.S", "expected digits after '.'"),
            ("PT.5S", "expected a number or 'T'"),
            ("PT5", "has no unit"),
            ("PT5X", "expected D, H, M or S"),
            ("p1d", "expected 'P'"),
            ("P1DT2H ", "expected a number or 'T'"),
            ("PT1234567890123456789S", "more than 18 digits"),
            ("P999999999999999999D", "too long"),
            ("PTT1H", "a second 'T'"),
            ("duration'P1D'", "expected 'P'"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.Duration"]) { () throws(ODataLiteralError) in
            _ = try EDMDuration(parsing: text)
        }
        #expect(EDMDuration(text) == nil)
        expectDataCorrupted(EDMDuration.self, "\"\(text)\"", mentioning: [text, message, "P1DT2H3M4.5S"])
    }

    @Test("conversion to seconds as a Double")
    func toSeconds() throws {
        #expect(try EDMDuration(parsing: "P1DT2H3M4.5S").totalSeconds == 93_784.5)
        #expect(try EDMDuration(parsing: "-P1D").totalSeconds == -86_400)
        #expect(try EDMDuration(parsing: "PT0.1S").totalSeconds == 0.1)
        #expect(try EDMDuration(parsing: "-PT0S").totalSeconds == 0)
    }

    @Test("conversion to Swift.Duration is exact")
    func toDuration() throws {
        #expect(try EDMDuration(parsing: "P1DT2H3M4.5S").duration == .seconds(93_784) + .milliseconds(500))
        #expect(try EDMDuration(parsing: "-P1D").duration == .seconds(-86_400))
        #expect(try EDMDuration(parsing: "PT0.000000000000000001S").duration == Duration(secondsComponent: 0, attosecondsComponent: 1))
        #expect(try EDMDuration(parsing: "-PT0.1S").duration == .zero - .milliseconds(100))
        #expect(try EDMDuration(parsing: "PT0.1S").duration == .milliseconds(100))
    }

    @Test("conversion from Swift.Duration is exact and normalized")
    func fromDuration() {
        #expect(EDMDuration(.seconds(93_784) + .milliseconds(500)).description == "P1DT2H3M4.5S")
        #expect(EDMDuration(.zero).description == "PT0S")
        #expect(EDMDuration(.seconds(-86_400)).description == "-P1D")
        #expect(EDMDuration(.zero - .milliseconds(1500)).description == "-PT1.5S")
        #expect(EDMDuration(.seconds(3600)).description == "PT1H")
        #expect(EDMDuration(Duration(secondsComponent: 0, attosecondsComponent: 1)).description == "PT0.000000000000000001S")
        let odd = Duration(secondsComponent: 123_456, attosecondsComponent: 987_654_321_000_000_000)
        #expect(EDMDuration(odd).duration == odd)
    }

    @Test("made from parts in the canonical form; bad parts are rejected")
    func fromParts() throws {
        #expect(try EDMDuration(days: 1, hours: 2, minutes: 3, seconds: 4, fractionalSeconds: "5").description == "P1DT2H3M4.5S")
        #expect(try EDMDuration().description == "PT0S")
        #expect(try EDMDuration(isNegative: true, days: 2).description == "-P2D")
        #expect(try EDMDuration(minutes: 90).description == "PT90M")
        expectLiteralError(mentioning: ["must not be negative"]) { () throws(ODataLiteralError) in
            _ = try EDMDuration(hours: -1)
        }
        expectLiteralError(mentioning: ["decimal digits"]) { () throws(ODataLiteralError) in
            _ = try EDMDuration(seconds: 1, fractionalSeconds: "5a")
        }
        expectLiteralError(mentioning: ["too long"]) { () throws(ODataLiteralError) in
            _ = try EDMDuration(days: Int.max)
        }
    }

    @Test("equality, hashing and ordering compare lengths of time")
    func comparison() throws {
        func d(_ text: String) throws -> EDMDuration { try EDMDuration(parsing: text) }
        #expect(try d("PT1H") == d("PT60M"))
        #expect(try d("PT1H").hashValue == d("PT3600.000S").hashValue)
        #expect(try d("-PT0S") == d("PT0S"))
        #expect(try d("-PT0S").hashValue == d("P0D").hashValue)
        #expect(try d("P1D") != d("-P1D"))
        #expect(try d("PT4.5S") == d("PT4.50S"))
        let sorted = try ["PT1S", "-P1D", "PT0.5S", "-PT0.5S", "P0D", "-PT0.25S", "PT1H"].map(d).sorted()
        #expect(sorted.map(\.description) == ["-P1D", "-PT0.5S", "-PT0.25S", "P0D", "PT0.5S", "PT1S", "PT1H"])
        #expect(try d("-PT0S").isZero)
    }
}
