/// A Swift declaration space whose names must be unique: the types of a module, the members of one type, the cases
/// of one enum, the operations of one client or request builder, the parameters of one method.
///
/// Scopes are independent: a name is checked only against the other names of its own scope. A complex type
/// `image` (resolved in the module's `types` scope: `Image`) and a function `image` (resolved in an `operations`
/// scope: `image()`) do not clash, even in one namespace. Names that will be declared in the same Swift type must be
/// resolved together in one scope: if bound operations become methods of the type that holds the navigation
/// properties, resolve both in one scope (role `operations` or `properties`, whichever reserved names apply).
public struct NamingScope: Sendable, Hashable, CustomStringConvertible {
    /// What the scope holds; decides the kind of name and which configured reserved names apply.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Module-level types (entity, complex, enum, type-definition types). Kind `type`, reserved type names.
        case types
        /// Properties and navigation properties of one structured type. Kind `member`, reserved member names.
        case properties
        /// Members of one enum type. Kind `enumCase`, reserved member names.
        case enumMembers
        /// Operations (actions, functions) declared as methods of one Swift type. Kind `member`, reserved member
        /// names; overloads (the same EDM name more than once) share one Swift name.
        case operations
        /// Entity sets, singletons and operation imports of an entity container, as members of the client. Kind
        /// `member`, reserved member names.
        case containerMembers
        /// Parameters of one operation. Kind `member`; no reserved member names apply (parameters are locals).
        case parameters

        /// The kind of name the role produces.
        public var kind: NameKind {
            switch self {
            case .types: return .type
            case .enumMembers: return .enumCase
            case .properties, .operations, .containerMembers, .parameters: return .member
            }
        }
    }

    /// A label for notes and errors, e.g. the qualified name of the type whose members these are.
    public var name: String
    /// What the scope holds.
    public var role: Role
    /// Names taken in this scope besides the configured reserved ones, e.g. members a template adds to this type.
    /// A name resolving to one of them gets a trailing `_`.
    public var additionalReservedNames: Set<String>
    /// When true, entries with exactly the same EDM name are one declaration and get one Swift name (operation
    /// overloads). Default: true for `operations`, false otherwise.
    public var sharesNameForIdenticalEDMNames: Bool

    /// Creates a scope.
    public init(_ name: String, role: Role, additionalReservedNames: Set<String> = [],
                sharesNameForIdenticalEDMNames: Bool? = nil) {
        self.name = name
        self.role = role
        self.additionalReservedNames = additionalReservedNames
        self.sharesNameForIdenticalEDMNames = sharesNameForIdenticalEDMNames ?? (role == .operations)
    }

    /// The kind of name the scope produces.
    public var kind: NameKind { role.kind }

    /// `role name`, e.g. `properties Microsoft.Dynamics.DataEntities.CustomerV3`.
    public var description: String { "\(role.rawValue) \(name)" }

    /// The types of a module (or of a namespace, when namespaces become separate Swift scopes).
    public static func types(of module: String) -> NamingScope { NamingScope(module, role: .types) }
    /// The properties and navigation properties of a structured type (pass its qualified name).
    public static func properties(of type: String) -> NamingScope { NamingScope(type, role: .properties) }
    /// The members of an enum type (pass its qualified name).
    public static func enumMembers(of type: String) -> NamingScope { NamingScope(type, role: .enumMembers) }
    /// The operations declared as methods of one Swift type (pass the name of that type or container).
    public static func operations(of owner: String) -> NamingScope { NamingScope(owner, role: .operations) }
    /// The entity sets, singletons and imports of an entity container (pass its qualified name).
    public static func containerMembers(of container: String) -> NamingScope {
        NamingScope(container, role: .containerMembers)
    }
    /// The parameters of an operation (pass its qualified name).
    public static func parameters(of operation: String) -> NamingScope { NamingScope(operation, role: .parameters) }
}
