import Foundation
import Testing
import ODataRuntime

@Suite("ODataDecimal")
struct ODataDecimalTests {
    static let exactValues = ["12345678901234.5678", "0.1", "-0.000001", "79228162514264337593543950335",
        "3.14159265358979323846264338327950288", "0.30000000000000004", "-99999999999999999999.99999999", "0"]

    /// The finding that decides the design: on this toolchain, does `JSONDecoder` decode `Decimal` exactly from a
    /// JSON number? (swift-foundation reads the number text digit by digit: yes. Older Apple Foundation went
    /// through `Double`: no.) If this test fails on a toolchain, only IEEE754Compatible strings are exact there.
    @Test("Foundation's JSONDecoder decodes Decimal exactly from a JSON number on this toolchain", arguments: exactValues)
    func foundationDecimalIsExact(text: String) throws {
        let decoded = try decodeJSON(Box<Decimal>.self, #"{"v":"# + text + "}")
        let expected = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(decoded.v == expected)
        #expect(decoded.v.description == text)
        #expect(try encodeJSON(decoded) == #"{"v":"# + text + "}")
    }

    @Test("Foundation's Decimal cannot decode the JSON string IEEE754Compatible=true sends")
    func foundationDecimalRejectsStrings() {
        #expect(throws: DecodingError.self) { try decodeJSON(Box<Decimal>.self, #"{"v":"0.1"}"#) }
    }

    @Test("JSON number round trip is exact", arguments: exactValues)
    func numberRoundTrip(text: String) throws {
        let json = #"{"v":"# + text + "}"
        let box = try decodeJSON(Box<ODataDecimal>.self, json)
        #expect(box.v.description == text)
        #expect(try encodeJSON(box) == json)
    }

    @Test("JSON string (IEEE754Compatible=true) round trip is exact", arguments: exactValues)
    func stringRoundTrip(text: String) throws {
        let json = #"{"v":""# + text + #""}"#
        let box = try decodeJSON(Box<ODataDecimal>.self, json)
        #expect(box.v.description == text)
        #expect(try encodeJSON(box, ieee754Compatible: true) == json)
        #expect(try encodeJSON(box) == #"{"v":"# + text + "}")
    }

    @Test("the parser never goes through Double")
    func parser() throws {
        #expect(try ODataDecimal(parsing: "0.1").value == Decimal(1) / Decimal(10))
        #expect(try ODataDecimal(parsing: "+42").description == "42")
        #expect(try ODataDecimal(parsing: "-1.234567e3").description == "-1234.567")
        #expect(try ODataDecimal(parsing: "1E-6").description == "0.000001")
        #expect(try ODataDecimal(parsing: "1e-101").description == "0." + String(repeating: "0", count: 100) + "1")
        #expect(try ODataDecimal(parsing: "1.10").description == "1.1")
        #expect(try ODataDecimal(parsing: "0000.000").description == "0")
        #expect(try ODataDecimal(parsing: "-0").description == "0")
        #expect(try ODataDecimal(parsing: "12345678901234567890123456789012345678").description
            == "12345678901234567890123456789012345678")
        #expect(try ODataDecimal(parsing: "1200000000000000000000000000000000000000000000").description
            == "1200000000000000000000000000000000000000000000")
    }

    @Test("written without an exponent")
    func noExponent() throws {
        #expect(try encodeJSON(ODataDecimal(parsing: "1e-20")) == "0.00000000000000000001")
        #expect(try encodeJSON(ODataDecimal(parsing: "1.5e25")) == "15000000000000000000000000")
        #expect(try encodeJSON(ODataDecimal(parsing: "-1e-6")) == "-0.000001")
    }

    @Test(
        "invalid or unrepresentable text is rejected with a clear message",
        arguments: [
            ("12a", "unexpected 'a'"),
            ("42.", "expected a digit after '.'"),
            (".1", "expected a digit"),
            ("1e", "expected exponent digits"),
            ("NaN", "cannot hold NaN or infinity"),
            ("INF", "cannot hold NaN or infinity"),
            ("-INF", "cannot hold NaN or infinity"),
            ("", "expected a digit"),
            ("1,5", "unexpected ','"),
            (" 1", "expected a digit"),
            ("123456789012345678901234567890123456789.1", "40 significant digits"),
            ("1e200", "too large or too small"),
            ("1e-200", "too large or too small"),
            ("1e1234567", "exponent is out of range"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.Decimal"]) { () throws(ODataLiteralError) in
            _ = try ODataDecimal(parsing: text)
        }
        #expect(ODataDecimal(text) == nil)
        expectDataCorrupted(ODataDecimal.self, "\"\(text)\"", mentioning: [text, message])
    }

    @Test("a JSON value that is neither number nor string is an error, not a crash")
    func wrongType() {
        #expect(throws: DecodingError.self) { try decodeJSON(ODataDecimal.self, "true") }
        #expect(throws: DecodingError.self) { try decodeJSON(ODataDecimal.self, "null") }
    }

    @Test("equality, hashing and ordering by value; integer literals")
    func comparison() throws {
        #expect(try ODataDecimal(parsing: "1.10") == ODataDecimal(parsing: "1.1"))
        #expect(try ODataDecimal(parsing: "1.10").hashValue == ODataDecimal(parsing: "1.1").hashValue)
        #expect(try ODataDecimal(parsing: "-0.5") < ODataDecimal(parsing: "0.25"))
        let five: ODataDecimal = 5
        #expect(five.description == "5")
        #expect(ODataDecimal(Decimal(7)).value == 7)
    }

    @Test("an amount from an F&O-like payload keeps every digit")
    func payload() throws {
        struct Line: Codable { var LineAmount: ODataDecimal; var SalesPrice: ODataDecimal }
        let json = #"{"LineAmount":1234567.8912345678,"SalesPrice":"0.0000000001"}"#
        let line = try decodeJSON(Line.self, json)
        #expect(line.LineAmount.description == "1234567.8912345678")
        #expect(line.SalesPrice.description == "0.0000000001")
    }
}
