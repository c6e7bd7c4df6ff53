import ODataCSDL

/// The contents of `odata-generator-config.yaml`: every setting optional (nil = not written in the file, the
/// generator's default applies), command-line flags override it (`merging(cli:)`).
///
/// ```yaml
/// metadata: metadata.xml
/// profile: fno
/// accessModifier: public
/// serviceName: FinanceAndOperations
/// include:
///   entitySets: [CustomersV3, "SalesOrder*"]
///   operations: [confirm*]
/// exclude:
///   entitySets: ["*Staging", "*BiEntities"]
/// navigation: withinSelection
/// naming:
///   overrides: {CustomerV3: Customer, "Microsoft.Dynamics.DataEntities.NoYes": NoYes}
/// templates: MyTemplates
/// shards: 4
/// ```
///
/// Read a file with `GeneratorConfig.parse(yaml:file:)`. The keys, their kinds and their allowed values are described
/// once, in `GeneratorConfig.schema`; a new section is one entry there plus its stored property here.
public struct GeneratorConfig: Sendable, Equatable {
    /// The conventional name of the config file.
    public static let fileName = "odata-generator-config.yaml"

    /// The values `shards` may take.
    public static let shardRange: ClosedRange<Int> = 1...64

    /// The schema namespace of Dynamics 365 Finance and Operations services; metadata with it defaults to `.fno`.
    public static let financeAndOperationsNamespace = "Microsoft.Dynamics.DataEntities"

    /// Which service conventions the generator applies.
    public enum Profile: String, Sendable, Hashable, CaseIterable {
        /// Dynamics 365 Finance and Operations (cross-company queries, `dataAreaId` keys, enum conventions).
        case fno
        /// Plain OData v4.
        case generic
    }

    /// The access level of the generated declarations.
    public enum AccessModifier: String, Sendable, Hashable, CaseIterable {
        case `public`, `package`, `internal`
    }

    /// What happens to navigation properties whose target is not selected.
    public enum Navigation: String, Sendable, Hashable, CaseIterable {
        /// Drop navigation links that leave the selection.
        case withinSelection
        /// Pull the targets of navigation links into the selection.
        case follow
    }

    /// Names or globs (`*`, `?`) choosing entity sets, singletons and operations; nil = that list was not written.
    public struct Patterns: Sendable, Hashable {
        /// Entity set names or globs.
        public var entitySets: [String]?
        /// Singleton names or globs.
        public var singletons: [String]?
        /// Action/function and action/function import names or globs.
        public var operations: [String]?

        /// Creates a set of patterns.
        public init(entitySets: [String]? = nil, singletons: [String]? = nil, operations: [String]? = nil) {
            self.entitySets = entitySets
            self.singletons = singletons
            self.operations = operations
        }

        /// True when no list was written.
        public var isEmpty: Bool { entitySets == nil && singletons == nil && operations == nil }
    }

    /// One `naming.overrides` entry: the EDM name (simple or namespace-qualified) and the Swift name to use for it.
    public struct NameOverride: Sendable, Hashable, CustomStringConvertible {
        /// The name in the metadata, e.g. `CustomerV3` or `Microsoft.Dynamics.DataEntities.NoYes`.
        public var edmName: String
        /// The Swift identifier to generate instead.
        public var swiftName: String

        /// Creates an override.
        public init(edmName: String, swiftName: String) {
            self.edmName = edmName
            self.swiftName = swiftName
        }

        public var description: String { "\(edmName) -> \(swiftName)" }
    }

    /// The `naming:` section.
    public struct Naming: Sendable, Hashable {
        /// Renames, in the order the file lists them.
        public var overrides: [NameOverride]

        /// Creates a naming section.
        public init(overrides: [NameOverride] = []) {
            self.overrides = overrides
        }
    }

    /// Where each value was written in the config file, keyed by its dotted key path: `metadata`, `include.entitySets`,
    /// list items as `include.entitySets[0]`, override entries as `naming.overrides[0]` (pointing at the EDM name).
    /// Use it to point later diagnostics (metadata file not found, a pattern that matches nothing) at the file.
    /// Not part of a configuration's identity: configurations with equal settings are equal wherever they were written.
    public struct Locations: Sendable, Equatable {
        /// Key path → location of the value.
        public var byKeyPath: [String: SourceLocation]

        /// Creates a location table.
        public init(_ byKeyPath: [String: SourceLocation] = [:]) {
            self.byKeyPath = byKeyPath
        }

        /// The location of the value at `keyPath`, if it came from the file.
        public subscript(keyPath: String) -> SourceLocation? {
            get { byKeyPath[keyPath] }
            set { byKeyPath[keyPath] = newValue }
        }

        /// Forgets `keyPath` and everything under it (after a CLI flag replaced the value).
        mutating func remove(keyPath: String) {
            byKeyPath = byKeyPath.filter { key, _ in
                !(key == keyPath || key.hasPrefix(keyPath + ".") || key.hasPrefix(keyPath + "["))
            }
        }

        /// Always true: locations do not take part in equality.
        public static func == (lhs: Locations, rhs: Locations) -> Bool { true }
    }

    /// `metadata:` the metadata file, relative to the config file (used by the build plugins and the samples).
    public var metadata: String?
    /// `profile:` `fno` or `generic`; default `fno` when the metadata's namespace is `Microsoft.Dynamics.DataEntities`,
    /// else `generic` (see `effectiveProfile(namespaces:)`).
    public var profile: Profile?
    /// `accessModifier:` `public`, `package` or `internal`; default `internal`.
    public var accessModifier: AccessModifier?
    /// `serviceName:` the Swift name of the generated service type (a Swift identifier).
    public var serviceName: String?
    /// `include:` what to generate; a list that is not written means "all" (for operations: those bound to the
    /// selected sets).
    public var include: Patterns
    /// `exclude:` what to leave out of what `include` chose.
    public var exclude: Patterns
    /// `navigation:` `withinSelection` (default; drop links that leave the selection) or `follow` (pull targets in).
    public var navigation: Navigation?
    /// `naming:` renames (`naming.overrides`, EDM name → Swift name, in file order).
    public var naming: Naming
    /// `templates:` a folder of templates overlaying the built-in ones, relative to the config file.
    public var templates: String?
    /// `shards:` split the generated types over this many files (1...64).
    public var shards: Int?
    /// `connector:` settings of the custom connector and OpenAPI exports.
    public var connector: ConnectorConfig = ConnectorConfig()
    /// Where the values were written (see `Locations`).
    public var locations: Locations

    /// Creates a configuration; everything defaults to "not set".
    public init(
        metadata: String? = nil,
        profile: Profile? = nil,
        accessModifier: AccessModifier? = nil,
        serviceName: String? = nil,
        include: Patterns = Patterns(),
        exclude: Patterns = Patterns(),
        navigation: Navigation? = nil,
        naming: Naming = Naming(),
        templates: String? = nil,
        shards: Int? = nil,
        locations: Locations = Locations()
    ) {
        self.metadata = metadata
        self.profile = profile
        self.accessModifier = accessModifier
        self.serviceName = serviceName
        self.include = include
        self.exclude = exclude
        self.navigation = navigation
        self.naming = naming
        self.templates = templates
        self.shards = shards
        self.locations = locations
    }

    // MARK: Defaults

    /// The profile to use: the configured one, else `.fno` when a schema namespace is
    /// `Microsoft.Dynamics.DataEntities`, else `.generic`.
    public func effectiveProfile(namespaces: some Sequence<String>) -> Profile {
        if let profile { return profile }
        return namespaces.contains(Self.financeAndOperationsNamespace) ? .fno : .generic
    }

    /// The access modifier to use (default `internal`).
    public var effectiveAccessModifier: AccessModifier { accessModifier ?? .internal }

    /// The navigation mode to use (default `withinSelection`).
    public var effectiveNavigation: Navigation { navigation ?? .withinSelection }

    // MARK: Paths

    /// The configuration with `metadata` and `templates` made relative to `directory` (the config file's folder)
    /// instead of to the config file, so they mean the same as paths given on the command line. Absolute paths are
    /// kept. Pure string manipulation; nothing is read.
    public func resolvingPaths(againstDirectory directory: String) -> GeneratorConfig {
        var copy = self
        copy.metadata = metadata.map { Self.join(directory, $0) }
        copy.templates = templates.map { Self.join(directory, $0) }
        return copy
    }

    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty || directory == "." { return path }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    // MARK: Command line

    /// The configuration with every flag given on the command line replacing the file's value (lists are replaced,
    /// not appended to). Replaced values lose their `locations`. Resolve the file's paths first
    /// (`resolvingPaths(againstDirectory:)`) when the CLI's paths are relative to the working directory.
    public func merging(cli: GeneratorConfigOverrides) -> GeneratorConfig {
        var merged = self
        if let value = cli.metadata {
            merged.metadata = value
            merged.locations.remove(keyPath: "metadata")
        }
        if let value = cli.accessModifier {
            merged.accessModifier = value
            merged.locations.remove(keyPath: "accessModifier")
        }
        if let value = cli.serviceName {
            merged.serviceName = value
            merged.locations.remove(keyPath: "serviceName")
        }
        if let value = cli.includeEntitySets {
            merged.include.entitySets = value
            merged.locations.remove(keyPath: "include.entitySets")
        }
        if let value = cli.excludeEntitySets {
            merged.exclude.entitySets = value
            merged.locations.remove(keyPath: "exclude.entitySets")
        }
        if let value = cli.templates {
            merged.templates = value
            merged.locations.remove(keyPath: "templates")
        }
        if let value = cli.shards {
            merged.shards = value
            merged.locations.remove(keyPath: "shards")
        }
        return merged
    }
}

/// The command-line flags that override `odata-generator-config.yaml`; nil = the flag was not given.
public struct GeneratorConfigOverrides: Sendable, Hashable {
    /// `--include` entity set names or globs; replaces `include.entitySets`.
    public var includeEntitySets: [String]?
    /// `--exclude` entity set names or globs; replaces `exclude.entitySets`.
    public var excludeEntitySets: [String]?
    /// `--access-modifier`; replaces `accessModifier`.
    public var accessModifier: GeneratorConfig.AccessModifier?
    /// `--service-name`; replaces `serviceName`.
    public var serviceName: String?
    /// The metadata file given on the command line; replaces `metadata`.
    public var metadata: String?
    /// `--templates`; replaces `templates`.
    public var templates: String?
    /// `--shards`; replaces `shards` (validate against `GeneratorConfig.shardRange`).
    public var shards: Int?

    /// Creates a set of overrides; omitted flags are nil.
    public init(
        includeEntitySets: [String]? = nil,
        excludeEntitySets: [String]? = nil,
        accessModifier: GeneratorConfig.AccessModifier? = nil,
        serviceName: String? = nil,
        metadata: String? = nil,
        templates: String? = nil,
        shards: Int? = nil
    ) {
        self.includeEntitySets = includeEntitySets
        self.excludeEntitySets = excludeEntitySets
        self.accessModifier = accessModifier
        self.serviceName = serviceName
        self.metadata = metadata
        self.templates = templates
        self.shards = shards
    }
}
