/// The `connector:` section of `odata-generator-config.yaml`: how `odata-generator connector` and `openapi` describe
/// the selected entity sets. Every value is optional; command-line flags (`--title`, `--host`) win.
///
/// ```yaml
/// connector:
///   title: Contoso Finance
///   description: Customers and sales orders of Contoso's Dynamics 365 Finance environment.
///   host: contoso.operations.dynamics.com
///   clientId: 11111111-2222-3333-4444-555555555555
///   tenantId: contoso.onmicrosoft.com
///   brandColor: "#0B556A"
///   operations:
///     "*": [list, get]
///     CustomersV3: [list, get, create, update]
///   actions: bound
///   visibility:
///     CustomerV3.CreditLimit: important
///     ListLegalEntities: internal
/// ```
public struct ConnectorConfig: Sendable, Hashable {
    /// An operation on an entity set.
    public enum Operation: String, Sendable, Hashable, CaseIterable, Comparable {
        case list, get, create, update, delete

        public static func < (a: Operation, b: Operation) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Which actions become operations.
    public enum Actions: String, Sendable, Hashable, CaseIterable {
        /// Bound actions of the selected entity sets and the selected unbound action imports (default).
        case all
        /// Only actions bound to the selected entity sets.
        case bound
        /// Only unbound action imports.
        case unbound
        /// No actions.
        case none
    }

    /// `x-ms-visibility` values.
    public enum Visibility: String, Sendable, Hashable, CaseIterable {
        case important, advanced, `internal`
    }

    /// One `operations:` entry: an entity set name, or a glob such as `*`, and the operations it gets.
    public struct OperationsEntry: Sendable, Hashable {
        public var pattern: String
        public var operations: [Operation]
        public init(pattern: String, operations: [Operation]) {
            self.pattern = pattern
            self.operations = operations
        }
    }

    /// One `visibility:` entry: a property (`Name` or `EntityType.Name`) or an operation ID, and its visibility.
    public struct VisibilityOverride: Sendable, Hashable {
        public var name: String
        public var visibility: Visibility
        public init(name: String, visibility: Visibility) {
            self.name = name
            self.visibility = visibility
        }
    }

    /// `info.title` (at most 30 characters).
    public var title: String?
    /// `info.description` (30 to 500 characters).
    public var description: String?
    /// The environment host name, e.g. `contoso.operations.dynamics.com`.
    public var host: String?
    /// The Entra ID application (client) ID.
    public var clientId: String?
    /// The Entra ID tenant (ID or domain); default `common`.
    public var tenantId: String?
    /// The icon's brand colour, `#RRGGBB`.
    public var brandColor: String?
    /// Operations per entity set (name or glob), in file order; the first matching entry wins.
    public var operations: [OperationsEntry]?
    /// Which actions to export.
    public var actions: Actions?
    /// Visibility overrides, in file order.
    public var visibility: [VisibilityOverride]

    public init(title: String? = nil, description: String? = nil, host: String? = nil, clientId: String? = nil,
                tenantId: String? = nil, brandColor: String? = nil, operations: [OperationsEntry]? = nil,
                actions: Actions? = nil, visibility: [VisibilityOverride] = []) {
        self.title = title
        self.description = description
        self.host = host
        self.clientId = clientId
        self.tenantId = tenantId
        self.brandColor = brandColor
        self.operations = operations
        self.actions = actions
        self.visibility = visibility
    }

    /// The maximum length of `info.title`.
    public static let maximumTitleLength = 30
    /// The allowed length of `info.description`.
    public static let descriptionLengths = 30...500

    /// What is wrong with a title, or nil.
    @Sendable public static func titleProblem(_ s: String) -> String? {
        s.count > maximumTitleLength ? "has \(s.count) characters; a connector title has at most \(maximumTitleLength)" : nil
    }

    /// What is wrong with a description, or nil.
    @Sendable public static func descriptionProblem(_ s: String) -> String? {
        descriptionLengths.contains(s.count) ? nil
            : "has \(s.count) characters; a connector description has \(descriptionLengths.lowerBound) to \(descriptionLengths.upperBound)"
    }

    /// What is wrong with a host name, or nil: letters, digits, `-` and `.` only, no scheme, port or path.
    @Sendable public static func hostProblem(_ s: String) -> String? {
        if s.contains("://") { return "has a scheme; give the plain host name, e.g. contoso.operations.dynamics.com" }
        if s.contains("/") || s.contains(":") { return "has a path or port; give the plain host name" }
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty || label.count > 63 { return "is not a host name (empty or over-long label)" }
            if !label.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" })
                || label.hasPrefix("-") || label.hasSuffix("-") {
                return "is not a host name (letters, digits, '-' and '.' only)"
            }
        }
        return s.count > 253 ? "is longer than 253 characters" : nil
    }

    /// What is wrong with a GUID, or nil.
    @Sendable public static func guidProblem(_ s: String) -> String? {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false)
        let ok = groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
        return ok ? nil : "is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
    }

    /// What is wrong with a tenant, or nil: a GUID, a domain name, `common` or `organizations`.
    @Sendable public static func tenantProblem(_ s: String) -> String? {
        if guidProblem(s) == nil || s == "common" || s == "organizations" { return nil }
        return hostProblem(s) == nil && s.contains(".") ? nil
            : "is not a tenant (a GUID, a domain such as contoso.onmicrosoft.com, common or organizations)"
    }

    /// What is wrong with a colour, or nil.
    @Sendable public static func colorProblem(_ s: String) -> String? {
        s.count == 7 && s.hasPrefix("#") && s.dropFirst().allSatisfy(\.isHexDigit) ? nil : "is not a colour #RRGGBB"
    }

    /// The keys of the `connector:` section.
    static let schemaKeys: [ConfigSchema.Key] = [
        .checked("title", "a title of at most 30 characters", titleProblem, "info.title of the connector (at most 30 characters)") {
            $0.connector.title = $1
        },
        .checked("description", "a description of 30 to 500 characters", descriptionProblem,
                 "info.description of the connector (30 to 500 characters)") {
            $0.connector.description = $1
        },
        .checked("host", "a host name", hostProblem, "the environment host, e.g. contoso.operations.dynamics.com") {
            $0.connector.host = $1
        },
        .checked("clientId", "a GUID", guidProblem, "the Entra ID application (client) ID") {
            $0.connector.clientId = $1
        },
        .checked("tenantId", "a tenant", tenantProblem, "the Entra ID tenant (GUID or domain); default common") {
            $0.connector.tenantId = $1
        },
        .checked("brandColor", "a colour #RRGGBB", colorProblem, "the icon brand colour, #RRGGBB") {
            $0.connector.brandColor = $1
        },
        .wordListMap("operations", Operation.allCases.map(\.rawValue),
                     "entity set (name or glob, * for all) -> operations: list, get, create, update, delete") {
            $0.connector.operations = $1.map { OperationsEntry(pattern: $0.name, operations: $0.words.compactMap(Operation.init(rawValue:))) }
        },
        .choice("actions", Actions.self, "which actions to export: all (default), bound, unbound, none") {
            $0.connector.actions = $1
        },
        .wordMap("visibility", Visibility.allCases.map(\.rawValue),
                 "property (Name or EntityType.Name) or operation ID -> important, advanced or internal") {
            $0.connector.visibility = $1.compactMap { pair in
                Visibility(rawValue: pair.word).map { VisibilityOverride(name: pair.name, visibility: $0) }
            }
        },
    ]
}
