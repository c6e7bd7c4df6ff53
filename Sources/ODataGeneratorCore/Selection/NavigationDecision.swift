import ODataCSDL

/// Whether a navigation property of a selected entity or complex type is generated, and why.
public struct NavigationDecision: Sendable, Hashable {
    /// Why a navigation property is kept or dropped.
    public enum Reason: String, Sendable, Hashable {
        /// The target entity type is selected (in `follow` mode, possibly because of this navigation).
        case targetSelected
        /// The target is the abstract `Edm.EntityType` (any entity): there is no type to select.
        case targetIsAnyEntityType
        /// The target entity type is not selected (`withinSelection` mode): the link leaves the selection.
        case targetNotSelected
    }

    /// The navigation property: its owner (entity or complex type) and its index in the owner's
    /// `navigationProperties` (which lists inherited ones too).
    public var navigationProperty: EDMNavigationRef
    /// The name of the navigation property.
    public var name: String
    /// The target entity type (index into `EDMModel.entityTypes`); nil for `Edm.EntityType`.
    public var target: Int?
    /// Why it is kept or dropped.
    public var reason: Reason

    /// Creates a decision.
    public init(navigationProperty: EDMNavigationRef, name: String, target: Int?, reason: Reason) {
        self.navigationProperty = navigationProperty
        self.name = name
        self.target = target
        self.reason = reason
    }

    /// True when the navigation property is generated.
    public var isKept: Bool { reason != .targetNotSelected }
}
