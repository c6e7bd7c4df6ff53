import ODataCSDL

/// The settings of the connector and OpenAPI exports: the `connector:` section of the config with the command line
/// applied, and the defaults filled in.
public struct ConnectorOptions: Sendable {
    /// `info.title`.
    public var title: String?
    /// `info.description`.
    public var description: String?
    /// The environment host name.
    public var host: String?
    /// The Entra ID application (client) ID.
    public var clientId: String?
    /// The tenant; default `common`.
    public var tenantId: String?
    /// `#RRGGBB`.
    public var brandColor: String?
    /// Operations per entity set (first match wins); nil = the defaults.
    public var operations: [ConnectorConfig.OperationsEntry]?
    /// Which actions become operations; default `all`.
    public var actions: ConnectorConfig.Actions
    /// Visibility overrides.
    public var visibility: [ConnectorConfig.VisibilityOverride]
    /// True for the Finance and Operations conventions (`cross-company`, title, placeholder host).
    public var financeAndOperations: Bool
    /// The size limit of one definition file, bytes (Power Platform: under 1 MiB).
    public var maximumBytes: Int
    /// The operation limit of one connector.
    public var maximumOperations: Int

    /// The Power Platform limits.
    public static let powerPlatformMaximumBytes = 1_048_576
    public static let powerPlatformMaximumOperations = 256

    /// Options from a configuration; `title` and `host` given on the command line win over the file.
    public init(config: ConnectorConfig = ConnectorConfig(), financeAndOperations: Bool = true,
                title: String? = nil, host: String? = nil) {
        self.title = title ?? config.title
        self.description = config.description
        self.host = host ?? config.host
        self.clientId = config.clientId
        self.tenantId = config.tenantId
        self.brandColor = config.brandColor
        self.operations = config.operations
        self.actions = config.actions ?? .all
        self.visibility = config.visibility
        self.financeAndOperations = financeAndOperations
        self.maximumBytes = Self.powerPlatformMaximumBytes
        self.maximumOperations = Self.powerPlatformMaximumOperations
    }

    /// Problems with values that did not come through the config parser (command-line flags).
    public func problems() -> [String] {
        var out: [String] = []
        if let t = title, let p = ConnectorConfig.titleProblem(t) { out.append("title '\(t)' \(p)") }
        if let h = host, let p = ConnectorConfig.hostProblem(h) { out.append("host '\(h)' \(p)") }
        if let d = description, let p = ConnectorConfig.descriptionProblem(d) { out.append("description \(p)") }
        return out
    }

    /// The operations an entity set gets (before read-only sets and capability restrictions).
    func operations(forEntitySet name: String) -> [ConnectorConfig.Operation] {
        if let entries = operations {
            for entry in entries where GlobPattern(entry.pattern).matches(name) {
                return Array(Set(entry.operations)).sorted()
            }
            return []
        }
        return ConnectorConfig.Operation.allCases
    }

    /// The visibility override for any of `names` (the first override in file order that names one of them).
    func visibilityOverride(_ names: [String]) -> String? {
        visibility.first { names.contains($0.name) }?.visibility.rawValue
    }
}
