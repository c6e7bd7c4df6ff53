import Foundation
import Testing
import ODataRuntime

@Suite("ODataLiteralError")
struct ODataLiteralErrorTests {
    @Test("the message names the type, the text, the offset, the problem and what was expected")
    func message() {
        let error = ODataLiteralError(
            typeName: "Edm.Date", text: "2024-1-31", problem: "the month must have exactly 2 digits, found 1",
            expected: "YYYY-MM-DD", offset: 5)
        #expect(
            error.description
                == "invalid Edm.Date \"2024-1-31\" at offset 5: the month must have exactly 2 digits, found 1; expected YYYY-MM-DD")
    }

    @Test("without an offset the message leaves it out")
    func noOffset() {
        let error = ODataLiteralError(typeName: "Edm.Int64", text: "x", problem: "bad", expected: "a number")
        #expect(error.description == "invalid Edm.Int64 \"x\": bad; expected a number")
        #expect(error.offset == nil)
    }

    @Test("a very long text is shortened in the message but kept in the error")
    func longText() {
        let text = String(repeating: "9", count: 500)
        let error = ODataLiteralError(typeName: "Edm.Date", text: text, problem: "p", expected: "e")
        #expect(error.text == text)
        #expect(error.description.count < 200)
        #expect(error.description.contains("…"))
    }

    @Test("decoding errors carry the literal error as their underlying error")
    func wrapped() throws {
        do {
            _ = try decodeJSON(Box<EDMDate>.self, #"{"v":"2024-13-01"}"#)
            Issue.record("expected an error")
        } catch DecodingError.dataCorrupted(let context) {
            let underlying = try #require(context.underlyingError as? ODataLiteralError)
            #expect(underlying.text == "2024-13-01")
            #expect(underlying.typeName == "Edm.Date")
            #expect(context.debugDescription == underlying.description)
            #expect(context.codingPath.map(\.stringValue) == ["v"])
        }
    }
}
