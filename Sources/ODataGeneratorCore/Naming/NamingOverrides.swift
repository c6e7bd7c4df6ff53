/// Swift names chosen by the user for EDM names. An override wins over every naming rule (case convention,
/// character clean-up, reserved names, collision numbering) but is still checked: a Swift name that is not a valid
/// identifier, or one Swift cannot use for that kind of declaration, is reported as a `NamingError` and ignored.
///
/// Keys are EDM names, simple (`CustomerV3`, matches that name in every scope) or qualified (see `NameEntry`:
/// `Microsoft.Dynamics.DataEntities.CustomerV3`, `Microsoft.Dynamics.DataEntities.CustomerV3/dataAreaId`).
/// `names` applies to every kind of name; `typeNames` only to types and `memberNames` only to members and enum
/// cases, which tells a type and an operation with the same qualified name apart (Graph's `image`).
///
/// Lookup order for an entry: its qualified name in the kind's table, then in `names`; then its simple name in the
/// kind's table, then in `names`. Values are bare identifiers; backticks are added where Swift needs them.
public struct NamingOverrides: Sendable, Hashable {
    /// Overrides for every kind of name.
    public var names: [String: String]
    /// Overrides for type names only.
    public var typeNames: [String: String]
    /// Overrides for member and enum-case names only.
    public var memberNames: [String: String]

    /// Creates overrides from maps of EDM name → Swift name.
    public init(_ names: [String: String] = [:], typeNames: [String: String] = [:],
                memberNames: [String: String] = [:]) {
        self.names = names
        self.typeNames = typeNames
        self.memberNames = memberNames
    }

    /// Creates overrides for every kind of name from pairs in file order; when a key repeats, the last pair wins.
    public init(pairs: [(edmName: String, swiftName: String)]) {
        var names: [String: String] = [:]
        for pair in pairs { names[pair.edmName] = pair.swiftName }
        self.init(names)
    }

    /// True when there are no overrides.
    public var isEmpty: Bool { names.isEmpty && typeNames.isEmpty && memberNames.isEmpty }

    /// The override for `entry` as a name of `kind`: the key that matched and the Swift name; nil when none.
    public func match(_ entry: NameEntry, kind: NameKind) -> (key: String, swiftName: String)? {
        let specific = kind == .type ? typeNames : memberNames
        if let qualified = entry.qualifiedName {
            if let value = specific[qualified] { return (qualified, value) }
            if let value = names[qualified] { return (qualified, value) }
        }
        if let value = specific[entry.edmName] { return (entry.edmName, value) }
        if let value = names[entry.edmName] { return (entry.edmName, value) }
        return nil
    }

    /// Every override whose Swift name is unusable in any scope it could apply to, sorted by table (`names`,
    /// `typeNames`, `memberNames`) and key. Reserved names and duplicates depend on the scope and are reported when
    /// the overrides are applied (`SwiftNamer.resolve`).
    public func problems() -> [NamingError] {
        var errors: [NamingError] = []
        let tables: [([String: String], NameKind?)] = [(names, nil), (typeNames, .type), (memberNames, .member)]
        for (table, kind) in tables {
            for key in table.keys.sorted() {
                let value = table[key] ?? ""
                if let problem = Self.problem(with: value, kind: kind, reserved: []) {
                    errors.append(NamingError(overrideKey: key, swiftName: value, problem: problem))
                }
            }
        }
        return errors
    }

    /// What is wrong with `swiftName` as an override for a name of `kind` (nil: any kind) in a scope where
    /// `reserved` names are taken; nil when it can be used.
    public static func problem(with swiftName: String, kind: NameKind?, reserved: Set<String>) -> NamingError.Problem? {
        var scalars = swiftName.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return .empty }
        if first == "`" || swiftName.unicodeScalars.last == "`" { return .backticks }
        if !SwiftIdentifierGrammar.isHead(first) || SwiftIdentifierGrammar.isInvisible(first) {
            return SwiftIdentifierGrammar.isContinuation(first) && !SwiftIdentifierGrammar.isInvisible(first)
                ? .invalidStart(first) : .invalidCharacter(first)
        }
        while let scalar = scalars.next() {
            if !SwiftIdentifierGrammar.isContinuation(scalar) || SwiftIdentifierGrammar.isInvisible(scalar) {
                return .invalidCharacter(scalar)
            }
        }
        switch kind {
        case .type?:
            if ReservedNames.unescapableTypeNames.contains(swiftName) { return .unusableKeyword }
        case .member?, .enumCase?:
            if ReservedNames.unescapableMemberNames.contains(swiftName) { return .unusableKeyword }
        case nil:
            if swiftName == "_" { return .unusableKeyword }
        }
        if reserved.contains(swiftName) { return .reserved }
        return nil
    }
}
