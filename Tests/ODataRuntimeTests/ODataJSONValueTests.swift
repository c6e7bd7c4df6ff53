import Foundation
import Testing
import ODataRuntime

@Suite("ODataJSONValue")
struct ODataJSONValueTests {
    @Test(
        "compact JSON round-trips byte for byte through the runtime's parser and writer",
        arguments: [
            #"{"z":1,"a":1.50,"m":[1e400,-0.0,12345678901234567890123456789012345678901234,1E+2],"b":null,"y":true,"k":"x\"y\n\\"}"#,
            #"{"type":"Point","coordinates":[-122.1234567890123,47.0000000000001],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}"#,
            #"[]"#, #"{}"#, #"null"#, #"false"#, #""""#, #"0"#, #"-0.0e-0"#, #"[[[]],{"":{}}]"#,
            #"{"a":1,"a":2}"#, #""\u0001\u001f\b\f\r\t""#, #""é中😀/""#,
            #"{"@odata.etag":"W/\"JzEsNTYzNzE0NDU3Nic=\"","dataAreaId":"usmf"}"#,
        ])
    func exactRoundTrip(json: String) throws {
        let value = try ODataJSONValue(parsing: json)
        #expect(value.jsonText == json)
        #expect(value.description == json)
        #expect(try ODataJSONValue(parsing: Data(json.utf8)) == value)
        #expect(value.jsonData == Data(json.utf8))
    }

    @Test("member order and duplicates are kept")
    func order() throws {
        let value = try ODataJSONValue(parsing: #"{"z":1,"a":2,"m":3,"a":4}"#)
        #expect(value.members?.map(\.key) == ["z", "a", "m", "a"])
        #expect(value["a"] == .number("2"))
        #expect(value["missing"] == nil)
    }

    @Test("number text is kept exactly")
    func numbers() throws {
        let value = try ODataJSONValue(parsing: "[1.50, 1e400, 79228162514264337593543950335, -0]")
        #expect(value[0]?.numberText == "1.50")
        #expect(value[1]?.numberText == "1e400")
        #expect(value[2]?.decimalValue == Decimal(string: "79228162514264337593543950335"))
        #expect(value[3]?.numberText == "-0")
        #expect(value[1]?.doubleValue == .infinity)
        #expect(value[4] == nil)
    }

    @Test("whitespace is allowed around tokens and dropped when writing")
    func whitespace() throws {
        let value = try ODataJSONValue(parsing: " {\n\t\"a\" : [ 1 , 2 ] \r\n} ")
        #expect(value.jsonText == #"{"a":[1,2]}"#)
    }

    @Test("escapes are decoded, surrogate pairs included")
    func escapes() throws {
        let value = try ODataJSONValue(parsing: #""\u00e9\uD83D\uDE00\/\"\\""#)
        #expect(value.stringValue == "é😀/\"\\")
        #expect(value.jsonText == #""é😀/\"\\""#)
    }

    @Test(
        "invalid JSON is rejected with the offset and a clear message",
        arguments: [
            ("{", "expected a member name"),
            (#"{"a" 1}"#, "expected ':'"),
            (#"{"a":1,}"#, "expected a member name"),
            ("[1,]", "expected a JSON value"),
            ("[1 2]", "expected ',' or ']'"),
            ("01", "leading zero"),
            ("1.", "expected a digit after '.'"),
            ("-", "expected a digit after '-'"),
            ("1e", "expected exponent digits"),
            ("+1", "expected a JSON value"),
            (".5", "expected a JSON value"),
            ("NaN", "expected a JSON value"),
            ("tru", "expected 'true'"),
            ("nul", "expected 'null'"),
            (#""abc"#, "not closed"),
            ("\"a\u{1}b\"", "control character"),
            (#""\x""#, "not a JSON escape"),
            (#""\u12G4""#, "four hex digits"),
            (#""\uD800""#, "high surrogate"),
            (#""\uD800\u0041""#, "not a low surrogate"),
            (#""\uDC00""#, "lone low surrogate"),
            ("1 2", "after the JSON value"),
            ("", "end of the text"),
            ("[1", "not closed"),
            ("{'a':1}", "double quotes"),
        ])
    func invalid(json: String, message: String) {
        let error = expectLiteralError(mentioning: [message, "JSON"]) { () throws(ODataLiteralError) in
            _ = try ODataJSONValue(parsing: json)
        }
        #expect(error?.offset != nil)
    }

    @Test("invalid UTF-8 is an error")
    func invalidUTF8() {
        expectLiteralError(mentioning: ["not valid UTF-8"]) { () throws(ODataLiteralError) in
            _ = try ODataJSONValue(parsing: Data([0x22, 0xFF, 0x22]))
        }
    }

    @Test("deep nesting is an error, not a stack overflow")
    func depth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        expectLiteralError(mentioning: ["nest more than 512"]) { () throws(ODataLiteralError) in
            _ = try ODataJSONValue(parsing: deep)
        }
        let fine = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try ODataJSONValue(parsing: fine).jsonText == fine)
    }

    @Test("Codable through JSONDecoder and JSONEncoder keeps every value; number spelling and member order are the decoder's")
    func codable() throws {
        let json = #"{"a":[1,-2,18446744073709551615,0.1,1.50,1e2,79228162514264337593543950335,1.5e300],"b":{"c":"x","d":null,"e":false}}"#
        let value = try decodeJSON(ODataJSONValue.self, json)
        let array = try #require(value["a"]?.arrayValue)
        #expect(array.map(\.numberText) == ["1", "-2", "18446744073709551615", "0.1", "1.5", "100",
            "79228162514264337593543950335", "1.5e+300"])
        #expect(value["b"]?["c"] == .string("x"))
        #expect(value["b"]?["d"] == .null)
        #expect(value["b"]?["e"] == .bool(false))
        // Encoding and decoding again gives the same value.
        let again = try decodeJSON(ODataJSONValue.self, try encodeJSON(value))
        #expect(Set(again["b"]?.members ?? []) == Set(value["b"]?.members ?? []))
        #expect(again["a"] == value["a"])
    }

    @Test("Codable: a fraction a Double rounds to an integer stays a fraction (F&O decimals in a $select projection)")
    func codableFractionBeyondDouble() throws {
        let json = #"{"CreditLimit":12345678910234.000001,"Small":9007199254740993.5,"Int":9007199254740993}"#
        let value = try decodeJSON(ODataJSONValue.self, json)
        #expect(value["CreditLimit"]?.numberText == "12345678910234.000001")
        #expect(value["Small"]?.numberText == "9007199254740993.5")
        #expect(value["Int"]?.numberText == "9007199254740993")
        #expect(try value["CreditLimit"]?.decode(Decimal.self) == Decimal(string: "12345678910234.000001"))
    }

    @Test("as a property of a model, for open-type or untyped values")
    func inModel() throws {
        struct Entity: Codable, Equatable {
            var id: String
            var location: ODataJSONValue?
        }
        let json = #"{"id":"A","location":{"type":"Point","coordinates":[1.5,2]}}"#
        let entity = try decodeJSON(Entity.self, json)
        #expect(entity.location?["coordinates"]?[0]?.doubleValue == 1.5)
        #expect(try decodeJSON(Entity.self, try encodeJSON(entity)).location?["coordinates"] == entity.location?["coordinates"])
    }

    @Test("literals build values, objects keep the written order")
    func literals() throws {
        let value: ODataJSONValue = ["z": 1, "a": [true, nil, "s"], "n": ODataJSONValue(Decimal(string: "0.1") ?? 0)]
        #expect(value.jsonText == #"{"z":1,"a":[true,null,"s"],"n":0.1}"#)
        #expect(ODataJSONValue(42).jsonText == "42")
        #expect(ODataJSONValue(UInt64.max).jsonText == "18446744073709551615")
        #expect(ODataJSONValue(2.5).jsonText == "2.5")
        #expect(ODataJSONValue(1e300).jsonText == "1e+300")
        #expect(ODataJSONValue(Double.nan) == .null)
        #expect(ODataJSONValue(3.0).jsonText == "3")
    }

    @Test("typed accessors")
    func accessors() throws {
        let value = try ODataJSONValue(parsing: #"[true,"s",12,1.0,1e2,1.5,null,9223372036854775808]"#)
        #expect(value[0]?.boolValue == true)
        #expect(value[1]?.stringValue == "s")
        #expect(value[2]?.int64Value == 12)
        #expect(value[3]?.int64Value == 1)
        #expect(value[4]?.int64Value == 100)
        #expect(value[5]?.int64Value == nil)
        #expect(value[6]?.isNull == true)
        #expect(value[7]?.int64Value == nil)
        #expect(value[0]?.stringValue == nil)
        #expect(value.members == nil)
        #expect(value["x"] == nil)
    }

    @Test("decode a typed value out of a raw one, and make a raw value from an Encodable")
    func typed() throws {
        struct Point: Codable, Equatable { var x: ODataDecimal; var y: ODataDecimal }
        let raw = try ODataJSONValue(parsing: #"{"x":0.1,"y":"12345678901234.5678"}"#)
        let point = try raw.decode(Point.self)
        #expect(point.x.description == "0.1")
        #expect(point.y.description == "12345678901234.5678")
        let back = try ODataJSONValue(encoding: point)
        #expect(back["y"]?.numberText == "12345678901234.5678")
    }

    @Test("encoding a number that is not JSON number text is an error")
    func invalidNumberEncoding() {
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(ODataJSONValue.number("abc")) }
        #expect(ODataJSONValue.isValidNumberText("-1.5e+3"))
        #expect(!ODataJSONValue.isValidNumberText("1."))
        #expect(!ODataJSONValue.isValidNumberText(""))
        #expect(!ODataJSONValue.isValidNumberText("1 "))
    }
}
