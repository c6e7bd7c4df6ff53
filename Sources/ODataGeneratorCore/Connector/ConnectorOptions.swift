import ODataCSDL

/// The settings of the connector and OpenAPI exports: the `connector:` section of the config with the command line
/// applied (its keys read through, e.g. `options.title`), and what the config does not hold.
@dynamicMemberLookup
public struct ConnectorOptions: Sendable {
    /// The `connector:` section, with `--title` and `--host` applied.
    public var connector: ConnectorConfig
    /// True for the Finance and Operations conventions (`cross-company`, title, placeholder host).
    public var financeAndOperations: Bool
    /// The size limit of one definition file, bytes (Power Platform: under 1 MiB).
    public var maximumBytes: Int
    /// The operation limit of one connector.
    public var maximumOperations: Int

    /// A key of the `connector:` section (`title`, `host`, `clientId`, ...).
    public subscript<Value>(dynamicMember key: WritableKeyPath<ConnectorConfig, Value>) -> Value {
        get { connector[keyPath: key] }
        set { connector[keyPath: key] = newValue }
    }

    /// Which actions become operations; default `all`.
    public var actions: ConnectorConfig.Actions { connector.actions ?? .all }

    /// The Power Platform limits.
    public static let powerPlatformMaximumBytes = 1_048_576
    public static let powerPlatformMaximumOperations = 256

    /// Options from a configuration; `title` and `host` given on the command line win over the file.
    public init(config: ConnectorConfig = ConnectorConfig(), financeAndOperations: Bool = true,
                title: String? = nil, host: String? = nil) {
        self.connector = config
        if let title { self.connector.title = title }
        if let host { self.connector.host = host }
        self.financeAndOperations = financeAndOperations
        self.maximumBytes = Self.powerPlatformMaximumBytes
        self.maximumOperations = Self.powerPlatformMaximumOperations
    }

    /// Problems with values that did not come through the config parser (command-line flags).
    public func problems() -> [String] {
        var out: [String] = []
        if let t = connector.title, let p = ConnectorConfig.titleProblem(t) { out.append("title '\(t)' \(p)") }
        if let h = connector.host, let p = ConnectorConfig.hostProblem(h) { out.append("host '\(h)' \(p)") }
        if let d = connector.description, let p = ConnectorConfig.descriptionProblem(d) { out.append("description \(p)") }
        return out
    }

    /// The operations an entity set gets (before read-only sets and capability restrictions).
    func operations(forEntitySet name: String) -> [ConnectorConfig.Operation] {
        if let entries = connector.operations {
            for entry in entries where GlobPattern(entry.pattern).matches(name) {
                return Array(Set(entry.operations)).sorted()
            }
            return []
        }
        return ConnectorConfig.Operation.allCases
    }

    /// The visibility override for any of `names` (the first override in file order that names one of them).
    func visibilityOverride(_ names: [String]) -> String? {
        connector.visibility.first { names.contains($0.name) }?.visibility.rawValue
    }
}
