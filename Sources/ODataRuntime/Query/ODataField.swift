import Foundation

/// A typed property (or expression) in a filter: compared only with values of its own type, with the functions its
/// profile accepts.
public struct ODataField<Value, Profile: ODataProfile>: Sendable {
    /// The path or expression, as in `$filter` and `$orderby` (`CreditLimit`, `Customer/Name`, `tolower(Name)`).
    public let path: String
    /// The property's EDM name (the member name in a response).
    public let name: String

    /// A property reached through `prefix` (see ``ODataFieldSet``).
    public init(_ prefix: String, _ name: String) {
        path = prefix + name
        self.name = name
    }

    /// An expression field (a function of another field).
    init(expression: String) {
        path = expression
        name = expression
    }

    fileprivate func compare(_ op: String, _ literal: String) -> ODataFilter {
        ODataFilter(path + " " + op + " " + literal)
    }

    /// `Path eq null`.
    public var isNull: ODataFilter { compare("eq", "null") }
    /// `Path ne null`.
    public var isNotNull: ODataFilter { compare("ne", "null") }
}

extension ODataField where Value: ODataLiteralRepresentable {
    /// `Path eq value`.
    public func eq(_ value: Value) -> ODataFilter { compare("eq", value.odataLiteral) }
    /// `Path ne value`.
    public func ne(_ value: Value) -> ODataFilter { compare("ne", value.odataLiteral) }
    /// `Path eq value`.
    public static func == (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.eq(rhs) }
    /// `Path ne value`.
    public static func != (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.ne(rhs) }
}

extension ODataField where Value: ODataOrderable {
    /// `Path lt value`.
    public func lt(_ value: Value) -> ODataFilter { compare("lt", value.odataLiteral) }
    /// `Path le value`.
    public func le(_ value: Value) -> ODataFilter { compare("le", value.odataLiteral) }
    /// `Path gt value`.
    public func gt(_ value: Value) -> ODataFilter { compare("gt", value.odataLiteral) }
    /// `Path ge value`.
    public func ge(_ value: Value) -> ODataFilter { compare("ge", value.odataLiteral) }
    /// `Path lt value`.
    public static func < (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.lt(rhs) }
    /// `Path le value`.
    public static func <= (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.le(rhs) }
    /// `Path gt value`.
    public static func > (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.gt(rhs) }
    /// `Path ge value`.
    public static func >= (lhs: ODataField, rhs: Value) -> ODataFilter { lhs.ge(rhs) }
}

// MARK: - F&O

extension ODataField where Value == String, Profile == ODataFNOProfile {
    /// F&O's wildcard match: `Path eq 'pattern'` where `*` matches any text (`'*retail*'`, `'US-*'`).
    public func like(_ pattern: String) -> ODataFilter { compare("eq", pattern.odataLiteral) }
    /// F&O's substitute for `contains`: `Path eq '*text*'`.
    public func containsText(_ text: String) -> ODataFilter { like("*" + text + "*") }
    /// F&O's substitute for `startswith`: `Path eq 'text*'`.
    public func hasPrefix(_ text: String) -> ODataFilter { like(text + "*") }
}

// MARK: - Generic OData v4

extension ODataField where Value == String, Profile == ODataGenericProfile {
    /// `contains(Path,'text')`.
    public func contains(_ text: String) -> ODataFilter { ODataFilter("contains(" + path + "," + text.odataLiteral + ")") }
    /// `startswith(Path,'text')`.
    public func startsWith(_ text: String) -> ODataFilter { ODataFilter("startswith(" + path + "," + text.odataLiteral + ")") }
    /// `endswith(Path,'text')`.
    public func endsWith(_ text: String) -> ODataFilter { ODataFilter("endswith(" + path + "," + text.odataLiteral + ")") }
    /// `tolower(Path)`.
    public var lowercased: ODataField<String, Profile> { ODataField<String, Profile>(expression: "tolower(" + path + ")") }
    /// `toupper(Path)`.
    public var uppercased: ODataField<String, Profile> { ODataField<String, Profile>(expression: "toupper(" + path + ")") }
    /// `trim(Path)`.
    public var trimmed: ODataField<String, Profile> { ODataField<String, Profile>(expression: "trim(" + path + ")") }
    /// `length(Path)`.
    public var length: ODataField<Int32, Profile> { ODataField<Int32, Profile>(expression: "length(" + path + ")") }
}

extension ODataField where Value: ODataLiteralRepresentable, Profile == ODataGenericProfile {
    /// `Path in (a,b,c)`.
    public func isIn(_ values: [Value]) -> ODataFilter {
        ODataFilter(path + " in (" + values.map(\.odataLiteral).joined(separator: ",") + ")")
    }
}

extension ODataField where Value: ODataFlagsLiteral, Profile == ODataGenericProfile {
    /// `Path has Namespace.Type'Flag'`.
    public func has(_ flags: Value) -> ODataFilter { compare("has", flags.odataLiteral) }
}

extension ODataField where Value: ODataDateParts, Profile == ODataGenericProfile {
    /// `year(Path)`.
    public var year: ODataField<Int32, Profile> { ODataField<Int32, Profile>(expression: "year(" + path + ")") }
    /// `month(Path)`.
    public var month: ODataField<Int32, Profile> { ODataField<Int32, Profile>(expression: "month(" + path + ")") }
    /// `day(Path)`.
    public var day: ODataField<Int32, Profile> { ODataField<Int32, Profile>(expression: "day(" + path + ")") }
}

extension ODataField where Value: ODataRoundable, Profile == ODataGenericProfile {
    /// `round(Path)`.
    public var rounded: ODataField<Value, Profile> { ODataField<Value, Profile>(expression: "round(" + path + ")") }
    /// `floor(Path)`.
    public var floor: ODataField<Value, Profile> { ODataField<Value, Profile>(expression: "floor(" + path + ")") }
    /// `ceiling(Path)`.
    public var ceiling: ODataField<Value, Profile> { ODataField<Value, Profile>(expression: "ceiling(" + path + ")") }
}

/// Values with date parts (`year`, `month`, `day` in a generic-profile filter).
public protocol ODataDateParts: ODataOrderable {}
extension EDMDate: ODataDateParts {}
extension EDMDateTimeOffset: ODataDateParts {}

/// Values `round`, `floor` and `ceiling` apply to.
public protocol ODataRoundable: ODataOrderable {}
extension Decimal: ODataRoundable {}
extension Double: ODataRoundable {}
extension Float: ODataRoundable {}

/// A generated flags type (`IsFlags` enum type): its literal lists members, `Namespace.Type'A,B'`.
public protocol ODataFlagsLiteral: ODataEnumLiteral {}
