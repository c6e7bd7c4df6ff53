import Foundation
import Testing
import ODataRuntime

/// Decodes `json` (any JSON text, fragments included) as `T`.
func decodeJSON<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Encodes `value` as compact JSON text.
func encodeJSON<T: Encodable>(_ value: T, ieee754Compatible: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    if ieee754Compatible {
        encoder.userInfo[.odataIEEE754Compatible] = true
    }
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Expects decoding `json` as `T` to fail with `DecodingError.dataCorrupted` whose message contains every string
/// in `mentioning` and whose underlying error is an `ODataLiteralError`.
func expectDataCorrupted<T: Decodable>(
    _ type: T.Type, _ json: String, mentioning: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let value = try decodeJSON(type, json)
        Issue.record("decoding \(json) unexpectedly gave \(value)", sourceLocation: sourceLocation)
    } catch DecodingError.dataCorrupted(let context) {
        for text in mentioning where !text.isEmpty {
            #expect(
                context.debugDescription.contains(text),
                "\"\(context.debugDescription)\" should mention \"\(text)\"", sourceLocation: sourceLocation)
        }
        #expect(context.underlyingError is ODataLiteralError, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected DecodingError.dataCorrupted, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw an `ODataLiteralError` whose message contains every string in `mentioning`, and returns it.
@discardableResult
func expectLiteralError(
    mentioning: [String], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(ODataLiteralError) -> Void
) -> ODataLiteralError? {
    do {
        try body()
        Issue.record("expected an ODataLiteralError", sourceLocation: sourceLocation)
        return nil
    } catch {
        for text in mentioning where !text.isEmpty {
            #expect(
                error.description.contains(text), "\"\(error.description)\" should mention \"\(text)\"",
                sourceLocation: sourceLocation)
        }
        return error
    }
}

/// A struct wrapping one value under the key `v`, for tests of values inside an object.
struct Box<T: Codable & Equatable>: Codable, Equatable {
    var v: T
}
