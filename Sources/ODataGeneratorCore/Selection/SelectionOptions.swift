/// What to generate from a model: the `include`/`exclude` lists and the navigation mode of the configuration file.
///
/// - `include == nil` (or an include with no list at all): everything the document declares is selected, including
///   types no entity set uses; `exclude` then takes out entity sets, singletons and operations, and with them the
///   types only they need.
/// - With an `include`: `entitySets` and `singletons` select container members by name or glob. When the include
///   gives neither list, every entity set and every singleton is selected; when it gives one of them, the other
///   selects none. `operations` selects actions and functions (by name or namespace-qualified name, all overloads)
///   and action/function imports (by import name); when absent, the operations bound to selected types are
///   selected, with the imports whose `EntitySet` is a selected entity set or that return a selected entity type.
/// - `exclude` always wins over `include` and over the defaults.
public struct SelectionOptions: Sendable, Hashable {
    /// Name patterns per kind of container member.
    public struct Patterns: Sendable, Hashable {
        /// Entity set names; nil when the list is absent.
        public var entitySets: [SelectionPattern]?
        /// Singleton names; nil when the list is absent.
        public var singletons: [SelectionPattern]?
        /// Action and function names (simple or qualified) and action/function import names; nil when absent.
        public var operations: [SelectionPattern]?

        /// Creates a set of lists; a list left nil is absent.
        public init(entitySets: [SelectionPattern]? = nil, singletons: [SelectionPattern]? = nil,
                    operations: [SelectionPattern]? = nil) {
            self.entitySets = entitySets
            self.singletons = singletons
            self.operations = operations
        }

        /// True when no list is given.
        public var isEmpty: Bool { entitySets == nil && singletons == nil && operations == nil }
    }

    /// What happens to a navigation property whose target entity type is not otherwise selected.
    public enum Navigation: String, Sendable, Hashable, CaseIterable {
        /// Navigation properties whose target is outside the selection are dropped (and reported in a note).
        case withinSelection
        /// Targets are pulled into the selection, with the entity sets and singletons the navigation is bound to.
        case follow
    }

    /// The include lists; nil when the configuration has no `include`.
    public var include: Patterns?
    /// The exclude lists.
    public var exclude: Patterns
    /// The navigation mode; `withinSelection` by default.
    public var navigation: Navigation
    /// The name diagnostics about patterns use when a pattern does not say where it was written.
    public var configFile: String

    /// Creates options; the defaults select everything.
    public init(include: Patterns? = nil, exclude: Patterns = Patterns(), navigation: Navigation = .withinSelection,
                configFile: String = "selection") {
        self.include = include
        self.exclude = exclude
        self.navigation = navigation
        self.configFile = configFile
    }

    /// Everything the document declares.
    public static let everything = SelectionOptions()

    /// True when the options select everything the document declares (before `exclude`).
    public var selectsEverything: Bool { include?.isEmpty ?? true }
}
