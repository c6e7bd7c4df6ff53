import Foundation
import Testing
import ODataRuntime

@Suite("ODataInt64")
struct ODataInt64Tests {
    static let values = ["0", "5637144576", "-42", "9223372036854775807", "-9223372036854775808", "9007199254740993"]

    @Test("decodes a JSON number", arguments: values)
    func number(text: String) throws {
        let box = try decodeJSON(Box<ODataInt64>.self, #"{"v":"# + text + "}")
        #expect(box.v.description == text)
        #expect(try encodeJSON(box) == #"{"v":"# + text + "}")
    }

    @Test("decodes a JSON string (IEEE754Compatible=true) and writes one when asked", arguments: values)
    func string(text: String) throws {
        let json = #"{"v":""# + text + #""}"#
        let box = try decodeJSON(Box<ODataInt64>.self, json)
        #expect(box.v.description == text)
        #expect(try encodeJSON(box, ieee754Compatible: true) == json)
        #expect(try encodeJSON(box) == #"{"v":"# + text + "}")
    }

    @Test("2^53 + 1 survives, which a Double would not")
    func beyondDouble() throws {
        let value = try decodeJSON(ODataInt64.self, "9007199254740993")
        #expect(value.value == 9_007_199_254_740_993)
        #expect(Int64(Double(9_007_199_254_740_993 as Int64)) != value.value)
    }

    @Test("the int64Value rule: optional sign, digits, in range")
    func parser() throws {
        #expect(try ODataInt64(parsing: "+7").value == 7)
        #expect(try ODataInt64(parsing: "007").value == 7)
        #expect(try ODataInt64(parsing: "-0").value == 0)
    }

    @Test(
        "invalid strings are rejected with a clear message",
        arguments: [
            ("12a", "unexpected 'a'"),
            ("", "expected a digit"),
            ("1.5", "unexpected '.'"),
            ("9223372036854775808", "out of the range"),
            ("-9223372036854775809", "out of the range"),
            ("99999999999999999999999", "out of the range"),
            (" 1", "expected a digit"),
            ("--1", "expected a digit"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.Int64"]) { () throws(ODataLiteralError) in
            _ = try ODataInt64(parsing: text)
        }
        #expect(ODataInt64(text) == nil)
        expectDataCorrupted(ODataInt64.self, "\"\(text)\"", mentioning: [text, message])
    }

    @Test("a fractional or out-of-range JSON number is an error, not a crash")
    func badNumbers() {
        #expect(throws: DecodingError.self) { try decodeJSON(ODataInt64.self, "1.5") }
        #expect(throws: DecodingError.self) { try decodeJSON(ODataInt64.self, "9223372036854775808") }
        #expect(throws: DecodingError.self) { try decodeJSON(ODataInt64.self, "true") }
    }

    @Test("literals, ordering and hashing")
    func basics() {
        let id: ODataInt64 = 5_637_144_576
        #expect(id.value == 5_637_144_576)
        #expect(ODataInt64(-1) < id)
        #expect(Set([id, ODataInt64(5_637_144_576)]).count == 1)
    }

    @Test("plain Int64 does not accept a string: the reason this type exists")
    func plainInt64() {
        #expect(throws: DecodingError.self) { try decodeJSON(Int64.self, #""5637144576""#) }
    }
}
