import Foundation

/// A set of members of an `IsFlags` EDM enum type, written on the wire as a comma-separated list of member
/// names (`"Read,Write"`).
///
/// ``ODataFlagSet`` is the ready-made conformance; a generated type only has to store its members:
///
/// ```swift
/// public enum Permission: ODataEnum { case read, write, delete, unknown(String) ... }
/// public typealias Permissions = ODataFlagSet<Permission>
/// ```
///
/// Decoding never fails on content: member names the metadata did not declare are kept as `unknown` members and
/// written back, spaces after commas (`"Read, Write"`, as .NET writes) are accepted, and an integer (OData allows
/// `"3"`) becomes the declared members whose values make it up, or an `unknown` member when they do not.
/// Encoding writes the names in the set's order, separated by commas without spaces.
///
/// Equality and hashing ignore order: `Read,Write` equals `Write,Read`.
public protocol ODataFlags: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByArrayLiteral
where ArrayLiteralElement == Member {
    /// The enum of the flag members.
    associatedtype Member: ODataEnum

    /// The members in the set, in order, without repeats.
    var members: [Member] { get }

    /// Makes a set from members; repeats are dropped, order is kept.
    init(members: [Member])
}

extension ODataFlags {
    /// Makes a set from members; repeats are dropped.
    public init(arrayLiteral elements: Member...) {
        self.init(members: elements)
    }

    /// Parses the comma-separated wire form, `"Read,Write"`. Never fails; see the protocol's documentation.
    public init(rawValue: String) {
        var result: [Member] = []
        for part in rawValue.split(separator: ",", omittingEmptySubsequences: true) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if Member.members.entry(named: name) == nil, let number = ODataInt64(name) {
                result.append(contentsOf: Self.decompose(number.value, original: name))
            } else {
                result.append(Member(rawValue: name))
            }
        }
        self.init(members: result)
    }

    /// The declared members whose values make up `value`, or `unknown(text)` when they do not.
    private static func decompose(_ value: Int64, original: String) -> [Member] {
        if let entry = Member.members.entry(value: value) {
            return [entry.member]
        }
        var covered: Int64 = 0
        var found: [Member] = []
        for entry in Member.members.entries where entry.value != 0 && entry.value & value == entry.value {
            found.append(entry.member)
            covered |= entry.value
        }
        return covered == value ? found : [Member.unknown(original)]
    }

    /// The comma-separated wire form, `"Read,Write"` (`""` for the empty set).
    public var rawValue: String { members.map(\.rawValue).joined(separator: ",") }

    /// The wire form.
    public var description: String { rawValue }

    /// Whether the set is empty.
    public var isEmpty: Bool { members.isEmpty }

    /// Whether `member` is in the set.
    public func contains(_ member: Member) -> Bool { members.contains(member) }

    /// The set with `member` added at the end (unchanged when it is already in).
    public func inserting(_ member: Member) -> Self { Self(members: members + [member]) }

    /// The set without `member`.
    public func removing(_ member: Member) -> Self { Self(members: members.filter { $0 != member }) }

    /// The members of both sets, those of `self` first.
    public func union(_ other: Self) -> Self { Self(members: members + other.members) }

    /// The OR of the declared members' integer values, or `nil` when the set has an unknown member.
    public var integerValue: Int64? {
        var result: Int64 = 0
        for member in members {
            guard let value = member.integerValue else { return nil }
            result |= value
        }
        return result
    }

    /// The value as an OData URL literal: `Namespace.Permission'Read,Write'`.
    public var odataLiteral: String {
        Member.qualifiedName + "'" + rawValue.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Equal when both sets hold the same members, in any order.
    public static func == (lhs: Self, rhs: Self) -> Bool { Set(lhs.members) == Set(rhs.members) }

    /// Hashes the members regardless of order, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(Set(members)) }

    /// Decodes the comma-separated form from a JSON string (or an integer value from a JSON number).
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
                debugDescription: "expected flags of \(Member.qualifiedName) as a JSON string of comma-separated member names, such as \"Read,Write\""))
    }

    /// Encodes the comma-separated form as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
