import Foundation

/// A boolean filter expression (`$filter`), built from typed fields: `$0.creditLimit > 10_000 && $0.onHold == .no`.
public struct ODataFilter: Sendable, Hashable, CustomStringConvertible {
    /// How the expression binds, so that combinations parenthesize only where needed.
    enum Binding: Sendable, Hashable { case atom, and, or }

    /// The expression as the grammar writes it, unencoded: `CreditLimit gt 10000 and OnHold eq ...`.
    public let text: String
    let binding: Binding

    init(_ text: String, _ binding: Binding = .atom) {
        self.text = text
        self.binding = binding
    }

    /// An expression written by hand (escape hatch for what the typed API does not cover).
    public init(raw text: String) {
        self.text = text
        binding = .or
    }

    public var description: String { text }

    private var asOperand: String { binding == .or ? "(" + text + ")" : text }

    /// Both conditions: `a and b`.
    public func and(_ other: ODataFilter) -> ODataFilter {
        ODataFilter(asOperand + " and " + other.asOperand, .and)
    }

    /// Either condition: `a or b`.
    public func or(_ other: ODataFilter) -> ODataFilter {
        ODataFilter(text + " or " + other.text, .or)
    }

    /// The negation: `not (a)`.
    public func negated() -> ODataFilter {
        ODataFilter("not (" + text + ")", .atom)
    }

    /// Both conditions.
    public static func && (lhs: ODataFilter, rhs: ODataFilter) -> ODataFilter { lhs.and(rhs) }
    /// Either condition.
    public static func || (lhs: ODataFilter, rhs: ODataFilter) -> ODataFilter { lhs.or(rhs) }
    /// The negation.
    public static prefix func ! (operand: ODataFilter) -> ODataFilter { operand.negated() }
}
