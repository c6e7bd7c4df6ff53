import Foundation

/// A value that has an OData URL literal (OASIS ABNF `primitiveLiteral`, enum and `null` literals).
///
/// ``odataLiteral`` is the literal as the grammar writes it, before percent-encoding: `'O''Neil'`, `12.5`,
/// `2024-01-31T10:00:00+05:30`, `Microsoft.Dynamics.DataEntities.NoYes'Yes'`. The URL builders
/// (``ODataURLEncoding``) percent-encode it for the place it goes to (a key predicate or a query option), so that
/// `+`, `/`, `#`, `%`, `&`, `?`, `\` and spaces survive routing.
public protocol ODataLiteralRepresentable: Sendable {
    /// The OData URL literal of the value, not yet percent-encoded.
    var odataLiteral: String { get }
}

/// Values that can be compared with `lt`, `le`, `gt`, `ge` in a filter (numbers, strings, dates, times,
/// durations); enums are not (F&O accepts only `eq` and `ne` on them).
public protocol ODataOrderable: ODataLiteralRepresentable {}

/// Literal spellings shared by the conformances.
public enum ODataLiteral {
    /// A string literal: the text in single quotes, each `'` doubled.
    public static func string(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An enum literal: `Namespace.Type'Member'` (several members comma-separated for flags).
    public static func enumeration(qualifiedName: String, members: String) -> String {
        qualifiedName + string(members)
    }

    /// A floating-point literal: `INF`, `-INF`, `NaN`, else Swift's shortest round-trip text (`1.5`, `1e-05`).
    static func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return value.description
    }

    /// A decimal literal without an exponent, whatever the magnitude: Foundation's `Decimal.description` writes
    /// plain digits with `.` whatever the locale (tests check 10^30 and 10^-30).
    static func decimal(_ value: Decimal) -> String {
        value.description
    }
}

/// `null`: the literal of a missing value.
public struct ODataNull: ODataLiteralRepresentable, Hashable {
    /// The `null` literal.
    public init() {}
    public var odataLiteral: String { "null" }
}

extension String: ODataOrderable {
    /// `'text'` with `'` doubled.
    public var odataLiteral: String { ODataLiteral.string(self) }
}

extension Bool: ODataLiteralRepresentable {
    /// `true` or `false`.
    public var odataLiteral: String { self ? "true" : "false" }
}

extension Int: ODataOrderable {
    /// Decimal digits with an optional `-`.
    public var odataLiteral: String { String(self) }
}

extension Int8: ODataOrderable {
    /// Decimal digits with an optional `-` (Edm.SByte).
    public var odataLiteral: String { String(self) }
}

extension Int16: ODataOrderable {
    /// Decimal digits with an optional `-`.
    public var odataLiteral: String { String(self) }
}

extension Int32: ODataOrderable {
    /// Decimal digits with an optional `-`.
    public var odataLiteral: String { String(self) }
}

extension Int64: ODataOrderable {
    /// Decimal digits with an optional `-`.
    public var odataLiteral: String { String(self) }
}

extension UInt8: ODataOrderable {
    /// Decimal digits (Edm.Byte).
    public var odataLiteral: String { String(self) }
}

extension ODataInt64: ODataOrderable {
    /// Decimal digits with an optional `-`, exact above 2^53.
    public var odataLiteral: String { String(value) }
}

extension Decimal: ODataOrderable {
    /// Plain digits, never an exponent: `12345678901234.5678`.
    public var odataLiteral: String { ODataLiteral.decimal(self) }
}

extension ODataDecimal: ODataOrderable {
    /// Plain digits, never an exponent.
    public var odataLiteral: String { ODataLiteral.decimal(value) }
}

extension Double: ODataOrderable {
    /// `1.5`, `1e-05`, `INF`, `-INF`, `NaN`.
    public var odataLiteral: String { ODataLiteral.floatingPoint(self) }
}

extension Float: ODataOrderable {
    /// `1.5`, `INF`, `-INF`, `NaN` (Edm.Single).
    public var odataLiteral: String { ODataLiteral.floatingPoint(self) }
}

extension UUID: ODataLiteralRepresentable {
    /// `8-4-4-4-12` lower-case hex digits, unquoted.
    public var odataLiteral: String { uuidString.lowercased() }
}

extension EDMDate: ODataOrderable {
    /// `2024-01-31`.
    public var odataLiteral: String { description }
}

extension EDMDateTimeOffset: ODataOrderable {
    /// The text as read or made (`2024-01-31T10:00:00+05:30`); the `+` is percent-encoded on the wire.
    public var odataLiteral: String { description }
}

extension EDMTimeOfDay: ODataOrderable {
    /// `13:45:00.123`.
    public var odataLiteral: String { description }
}

extension EDMDuration: ODataOrderable {
    /// `duration'P1DT2H'`.
    public var odataLiteral: String { "duration'" + description + "'" }
}

extension Data: ODataLiteralRepresentable {
    /// `binary'T0RhdGE='` (base64url).
    public var odataLiteral: String { "binary'" + ODataBase64URL.encode(self) + "'" }
}

extension Optional: ODataLiteralRepresentable where Wrapped: ODataLiteralRepresentable {
    /// The wrapped value's literal, or `null`.
    public var odataLiteral: String {
        switch self {
        case .some(let value): return value.odataLiteral
        case .none: return "null"
        }
    }
}

/// An enum generated for an EDM enum type: its literal is qualified, `Microsoft.Dynamics.DataEntities.NoYes'Yes'`.
public protocol ODataEnumLiteral: ODataLiteralRepresentable, RawRepresentable where RawValue == String {
    /// The qualified EDM name of the enum type.
    static var edmName: String { get }
}

extension ODataEnumLiteral {
    /// `Namespace.Type'Member'`.
    public var odataLiteral: String { ODataLiteral.enumeration(qualifiedName: Self.edmName, members: rawValue) }
}
