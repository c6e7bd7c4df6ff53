/// The error every `ODataRuntime` parser throws when a text is not a valid OData value.
///
/// It names the text that was read, what was wrong with it, where (a UTF-8 offset into the text) and what a
/// valid value looks like, for example:
///
/// ```
/// invalid Edm.Date "2024-1-31" at offset 5: the month must have two digits; expected YYYY-MM-DD, such as 2024-01-31
/// ```
///
/// When a value is decoded from JSON, the runtime wraps this error in a `DecodingError.dataCorrupted` whose
/// `debugDescription` is this error's ``description`` and whose `underlyingError` is this error.
public struct ODataLiteralError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The OData type that was being read, such as `Edm.Date`.
    public let typeName: String
    /// The text that was read.
    public let text: String
    /// What is wrong with the text.
    public let problem: String
    /// What a valid value looks like.
    public let expected: String
    /// The UTF-8 offset into ``text`` where the problem was found, or `nil` when it concerns the whole text.
    public let offset: Int?

    /// Makes an error.
    /// - Parameters:
    ///   - typeName: the OData type that was being read, such as `Edm.Date`.
    ///   - text: the text that was read.
    ///   - problem: what is wrong with the text.
    ///   - expected: what a valid value looks like.
    ///   - offset: the UTF-8 offset of the problem, if it has one.
    public init(typeName: String, text: String, problem: String, expected: String, offset: Int? = nil) {
        self.typeName = typeName
        self.text = text
        self.problem = problem
        self.expected = expected
        self.offset = offset
    }

    /// A one-line message: the type, the text (shortened when long), the offset, the problem and what was expected.
    public var description: String {
        let shown: String
        if text.count > 120 {
            shown = String(text.prefix(120)) + "…"
        } else {
            shown = text
        }
        var message = "invalid \(typeName) \"\(shown)\""
        if let offset {
            message += " at offset \(offset)"
        }
        message += ": \(problem); expected \(expected)"
        return message
    }

    /// This error as the `DecodingError.dataCorrupted` a `Decodable` initializer throws.
    func decodingError(codingPath: [any CodingKey]) -> DecodingError {
        DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: codingPath, debugDescription: description, underlyingError: self)
        )
    }
}
