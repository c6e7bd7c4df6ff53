import Foundation
import Testing
import ODataRuntime

@Suite("ODataBase64URL and Edm.Binary in JSON")
struct ODataBase64URLTests {
    @Test("Edm.Binary in JSON: Data is plain base64 with JSONEncoder and JSONDecoder defaults")
    func dataInJSON() throws {
        let data = Data([0xFB, 0xFF, 0x01, 0x00, 0x7F])
        let box = Box(v: data)
        let json = try encodeJSON(box)
        #expect(json == #"{"v":"+/8BAH8="}"#)
        #expect(try decodeJSON(Box<Data>.self, json) == box)
        // JSONEncoder's default also escapes the slash; JSONDecoder reads both.
        let escaped = String(decoding: try JSONEncoder().encode(box), as: UTF8.self)
        #expect(escaped == #"{"v":"+\/8BAH8="}"#)
        #expect(try decodeJSON(Box<Data>.self, escaped) == box)
        #expect(try decodeJSON(Box<Data>.self, #"{"v":""}"#).v.isEmpty)
    }

    @Test("JSONDecoder rejects base64url characters in a JSON payload, with an error, not a crash")
    func dataRejectsBase64URL() {
        #expect(throws: DecodingError.self) { try decodeJSON(Box<Data>.self, #"{"v":"-_8BAH8="}"#) }
    }

    @Test(
        "encodes RFC 4648 test vectors as base64url",
        arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"), ("OData", "T0RhdGE=")])
    func vectors(plain: String, encoded: String) throws {
        let data = Data(plain.utf8)
        #expect(ODataBase64URL.encode(data) == encoded)
        #expect(try ODataBase64URL.decode(encoded) == data)
        let unpadded = encoded.replacingOccurrences(of: "=", with: "")
        #expect(ODataBase64URL.encode(data, padded: false) == unpadded)
        #expect(try ODataBase64URL.decode(unpadded) == data)
    }

    @Test("uses '-' and '_' where base64 uses '+' and '/'")
    func urlAlphabet() throws {
        let data = Data([0xFB, 0xFF, 0xBF])
        #expect(data.base64EncodedString() == "+/+/")
        #expect(ODataBase64URL.encode(data) == "-_-_")
        #expect(try ODataBase64URL.decode("-_-_") == data)
    }

    @Test("every byte value and every length round-trips, and agrees with Foundation's base64")
    func exhaustive() throws {
        for length in 0..<70 {
            let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) })
            let encoded = ODataBase64URL.encode(data)
            let standard = data.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            #expect(encoded == standard)
            #expect(try ODataBase64URL.decode(encoded) == data)
            #expect(try ODataBase64URL.decode(ODataBase64URL.encode(data, padded: false)) == data)
        }
        let all = Data((0...255).map { UInt8($0) })
        #expect(try ODataBase64URL.decode(ODataBase64URL.encode(all)) == all)
    }

    @Test(
        "invalid text is rejected with a clear message",
        arguments: [
            ("+/8=", "belongs to plain base64"),
            ("ab/c", "belongs to plain base64"),
            ("ab c", "' ' is not a base64url character"),
            ("abcde", "one character left over"),
            ("Zg=", "1 '=' do not fit"),
            ("Zm8==", "2 '=' do not fit"),
            ("Zm9v=", "1 '=' do not fit"),
            ("Zh==", "bits that are not part of the data"),
            ("Zm9=", "bits that are not part of the data"),
            ("Zg==x", "unexpected 'x' after the padding"),
            ("Zg===", "3 '=' do not fit"),
            ("é", "is not a base64url character"),
        ])
    func invalid(text: String, message: String) {
        expectLiteralError(mentioning: [message, "Edm.Binary", "base64url"]) { () throws(ODataLiteralError) in
            _ = try ODataBase64URL.decode(text)
        }
    }
}
