import Foundation

/// A key predicate: `('US-001')` for a single key, `(dataAreaId='usmf',CustomerAccount='US-001')` for a composite
/// one (parts named, in key order).
public struct ODataKeyPredicate: Sendable, Hashable {
    /// The key parts: EDM property name and the value's literal (unencoded), in key order.
    public var parts: [Part]

    /// One key part.
    public struct Part: Sendable, Hashable {
        /// The key property's EDM name (or alias).
        public var name: String
        /// The value's OData literal, not yet percent-encoded.
        public var literal: String

        /// Makes a part from a name and a value.
        public init(_ name: String, _ value: some ODataLiteralRepresentable) {
            self.name = name
            literal = value.odataLiteral
        }
    }

    /// Makes a predicate from its parts in key order.
    public init(_ parts: [Part]) { self.parts = parts }

    /// The predicate as the grammar writes it, unencoded: `('A')` or `(a='x',b=1)`.
    public var text: String {
        if parts.count == 1 { return "(" + parts[0].literal + ")" }
        return "(" + parts.map { $0.name + "=" + $0.literal }.joined(separator: ",") + ")"
    }

    /// The predicate percent-encoded for a URL path.
    public var encoded: String { ODataURLEncoding.pathSegment(text) }
}

/// The key of a generated entity type.
public protocol ODataEntityKey: Hashable, Sendable {
    /// The key predicate of this key.
    var keyPredicate: ODataKeyPredicate { get }
}
