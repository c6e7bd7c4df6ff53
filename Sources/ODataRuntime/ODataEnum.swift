import Foundation

/// A generated Swift enum for an EDM `EnumType`: a case per member the metadata declared plus
/// `case unknown(String)` for members it did not, so that decoding never fails when the service adds members
/// (F&O does, with every release).
///
/// On the wire a value is its member name (`"Yes"`); that name is its ``rawValue``. OData also allows the member's
/// integer value as a string (`"1"`), which decodes to the member with that value. Everything the enum needs comes
/// from this protocol's default implementations; a generated enum only lists its cases and two tables:
///
/// ```swift
/// public enum NoYes: ODataEnum {
///     case no
///     case yes
///     case unknown(String)
///
///     public static let qualifiedName = "Microsoft.Dynamics.DataEntities.NoYes"
///     public static let members: ODataEnumMembers<NoYes> = [(.no, "No", 0), (.yes, "Yes", 1)]
/// }
/// ```
///
/// The `unknown` case satisfies the ``unknown(_:)`` requirement. Use ``init(rawValue:)`` rather than writing
/// `.unknown("Yes")` for a known name: `.unknown("Yes")` is a different value from `.yes`.
///
/// For `IsFlags` enum types, use the members enum with ``ODataFlagSet`` (or a type conforming to ``ODataFlags``).
public protocol ODataEnum: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The namespace-qualified name of the enum type, used in URL literals
    /// (`Microsoft.Dynamics.DataEntities.NoYes`).
    static var qualifiedName: String { get }

    /// The members the metadata declared, in declaration order.
    static var members: ODataEnumMembers<Self> { get }

    /// A value for a member name the metadata did not declare (the enum's `unknown` case).
    static func unknown(_ name: String) -> Self

    /// The member name on the wire. The default implementation looks the case up in ``members`` and reads the
    /// name out of an `unknown` case.
    var rawValue: String { get }
}

extension ODataEnum {
    /// The value for a member name: the declared member with that name, else (for a text of digits, as OData allows)
    /// the declared member with that integer value, else ``unknown(_:)`` with the text. Never fails.
    public init(rawValue: String) {
        if let entry = Self.members.entry(named: rawValue) {
            self = entry.member
        } else if let number = ODataInt64(rawValue), let entry = Self.members.entry(value: number.value) {
            self = entry.member
        } else {
            self = Self.unknown(rawValue)
        }
    }

    /// The member name on the wire: `Yes` for `.yes`, `Maybe` for `.unknown("Maybe")`.
    public var rawValue: String {
        if let entry = Self.members.entry(for: self) {
            return entry.name
        }
        // Not in the table: the `unknown(String)` case, whose only payload is the name.
        for child in Mirror(reflecting: self).children {
            if let name = child.value as? String {
                return name
            }
        }
        return String(describing: self)
    }

    /// Whether the value is a member the metadata declared.
    public var isKnown: Bool { Self.members.entry(for: self) != nil }

    /// The member's integer value, or `nil` for an unknown member.
    public var integerValue: Int64? { Self.members.entry(for: self)?.value }

    /// The declared members in declaration order.
    public static var knownCases: [Self] { members.entries.map(\.member) }

    /// The member name.
    public var description: String { rawValue }

    /// The value as an OData URL literal: `Microsoft.Dynamics.DataEntities.NoYes'Yes'` (quotes in the name
    /// doubled; percent-encoding is left to the URL builder).
    public var odataLiteral: String {
        Self.qualifiedName + "'" + rawValue.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Decodes a member name (or an integer value, as a string or a number). Unknown members decode to
    /// ``unknown(_:)``; only a value that is neither a string nor an integer is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(rawValue: text)
            return
        }
        if let number = try? container.decode(Int64.self) {
            self.init(rawValue: String(number))
            return
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: container.codingPath,
                debugDescription: "expected a member name of \(Self.qualifiedName) as a JSON string, such as \"\(Self.members.entries.first?.name ?? "Member")\""))
    }

    /// Encodes the member name as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
