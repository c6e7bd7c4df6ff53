/// The member table of a generated enum type: each case with its member name and integer value, in declaration
/// order.
///
/// Generated enums declare it as an array literal:
///
/// ```swift
/// public static let members: ODataEnumMembers<NoYes> = [(.no, "No", 0), (.yes, "Yes", 1)]
/// ```
///
/// Lookups by name, by value and by case are dictionary lookups, built once when the table is made.
public struct ODataEnumMembers<Enum: Hashable & Sendable>: Sendable, ExpressibleByArrayLiteral {
    /// One member: the case, its name in the metadata and on the wire, and its integer value.
    public struct Entry: Sendable {
        /// The Swift case.
        public let member: Enum
        /// The member name, as written in the metadata and on the wire (`Yes`).
        public let name: String
        /// The member's integer value (`Value` in the metadata).
        public let value: Int64
    }

    /// The members in declaration order.
    public let entries: [Entry]
    private let byName: [String: Int]
    private let byCase: [Enum: Int]
    private let byValue: [Int64: Int]

    /// Makes a table from `(case, name, value)` triples in declaration order. When names, cases or values repeat,
    /// the first one wins for lookups.
    public init(_ entries: [(Enum, String, Int64)]) {
        self.entries = entries.map { Entry(member: $0.0, name: $0.1, value: $0.2) }
        var byName: [String: Int] = [:]
        var byCase: [Enum: Int] = [:]
        var byValue: [Int64: Int] = [:]
        for (index, entry) in self.entries.enumerated() {
            if byName[entry.name] == nil { byName[entry.name] = index }
            if byCase[entry.member] == nil { byCase[entry.member] = index }
            if byValue[entry.value] == nil { byValue[entry.value] = index }
        }
        self.byName = byName
        self.byCase = byCase
        self.byValue = byValue
    }

    /// Makes a table from an array literal of `(case, name, value)` triples.
    public init(arrayLiteral elements: (Enum, String, Int64)...) {
        self.init(elements)
    }

    /// The entry for a member name (case-sensitive, as OData names are).
    public func entry(named name: String) -> Entry? {
        byName[name].map { entries[$0] }
    }

    /// The entry for a case, or `nil` for a case that is not in the table (such as `unknown`).
    public func entry(for member: Enum) -> Entry? {
        byCase[member].map { entries[$0] }
    }

    /// The entry for an integer value.
    public func entry(value: Int64) -> Entry? {
        byValue[value].map { entries[$0] }
    }
}
