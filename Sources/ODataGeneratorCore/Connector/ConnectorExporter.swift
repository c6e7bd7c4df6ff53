import ODataCSDL

/// One connector of an export (the whole selection, or one part of a split).
public struct ConnectorPart: Sendable, Hashable {
    /// The folder, relative to the output directory (`""` when not split, else `<Name>-1`, `<Name>-2`, ...).
    public var folder: String
    /// `info.title`.
    public var title: String
    /// The entity sets it covers (and `(unbound actions)`), in selection order.
    public var groups: [String]
    /// Its number of operations.
    public var operationCount: Int
    /// The size of its `apiDefinition.swagger.json`.
    public var definitionBytes: Int
}

/// The files of a connector export, by path relative to the output directory, and what was split.
public struct ConnectorExport: Sendable {
    /// Relative path → bytes; no file is written by Core.
    public var files: [String: [UInt8]]
    /// The connectors, one unless the selection was split.
    public var parts: [ConnectorPart]
    /// Warnings (sets left out).
    public var notes: [Diagnostic]
    /// True when the selection was split over several connectors.
    public var isSplit: Bool { parts.count > 1 }
}

/// Why an export failed.
public struct ConnectorExportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Exports a selection as a Power Platform custom connector (Swagger 2.0 + apiProperties.json + settings.json +
/// icon.png + README.md) or as an OpenAPI 3.0.3 document.
public enum ConnectorExporter {
    /// The file names of one connector folder.
    public static let definitionFile = "apiDefinition.swagger.json"
    public static let propertiesFile = "apiProperties.json"
    public static let settingsFile = "settings.json"
    public static let iconFile = "icon.png"
    public static let readmeFile = "README.md"

    static let defaultBrandColor = "#2266AA"

    /// The description of `selection` shared by both exports.
    static func describe(model: EDMModel, selection: SelectionResult, options: ConnectorOptions) throws -> APIDescription {
        for p in options.problems() { throw ConnectorExportError(message: p) }
        let setNames = selection.entitySets.map { model.entitySets[$0].name }
        let title = options.title ?? defaultTitle(model: model, fno: options.financeAndOperations)
        let host = options.host ?? (options.financeAndOperations ? "contoso.operations.dynamics.com" : "contoso.example.com")
        var description = options.description ?? defaultDescription(title: title, sets: setNames, fno: options.financeAndOperations)
        if description.count > 500 { description = String(description.prefix(497)) + "..." }
        var builder = APIBuilder(model: model, selection: selection, options: options)
        return builder.build(title: title, description: description, host: host, tenant: options.tenantId ?? "common")
    }

    static func defaultTitle(model: EDMModel, fno: Bool) -> String {
        if fno { return "Finance and Operations" }
        let container = model.entitySets.first.map { String($0.container.split(separator: ".").last ?? "") } ?? "OData"
        return String((APIText.humanized(container) + " OData").prefix(ConnectorConfig.maximumTitleLength))
    }

    static func defaultDescription(title: String, sets: [String], fno: Bool) -> String {
        let shown = sets.prefix(8).joined(separator: ", ") + (sets.count > 8 ? " and \(sets.count - 8) more" : "")
        let service = fno ? "Dynamics 365 finance and operations apps" : "the OData v4 service"
        let what = sets.isEmpty ? "" : " Entity sets: \(shown)."
        return "Reads and writes data of \(service) (\(title)) through its OData v4 endpoint.\(what) Generated from $metadata by odata-generator."
    }

    // MARK: Connector

    /// The connector folder(s) for `selection`. Splits by entity set when one definition would exceed
    /// `options.maximumOperations` operations or `options.maximumBytes` bytes.
    public static func connector(model: EDMModel, selection: SelectionResult, options: ConnectorOptions) throws -> ConnectorExport {
        let api = try describe(model: model, selection: selection, options: options)
        let renderer = APIRenderer(api: api, dialect: .swagger2)
        let all = api.groups.flatMap(\.operations)
        let whole = JSONWriter.jsonBytes(renderer.swagger(title: api.title, operations: all))
        var partsGroups: [[APIGroup]]
        if all.count <= options.maximumOperations && whole.count < options.maximumBytes {
            partsGroups = [api.groups]
        } else {
            partsGroups = try pack(api.groups, renderer: renderer, options: options)
        }
        var files: [String: [UInt8]] = [:]
        var parts: [ConnectorPart] = []
        let baseName = APIText.pascal(api.title)
        for (i, groups) in partsGroups.enumerated() {
            let split = partsGroups.count > 1
            let folder = split ? "\(baseName)-\(i + 1)" : ""
            var title = api.title
            if split {
                let suffix = " \(i + 1)"
                title = String(title.prefix(ConnectorConfig.maximumTitleLength - suffix.count)).trimmingSpaces + suffix
            }
            let ops = groups.flatMap(\.operations)
            var doc = renderer.swagger(title: title, operations: ops)
            if split, case .object(var root) = doc, case .object(var info)? = root["info"] {
                let sets = groups.map(\.name).joined(separator: ", ")
                var d = api.description + " Part \(i + 1) of \(partsGroups.count): \(sets)."
                if d.count > 500 { d = String(d.prefix(497)) + "..." }
                info["description"] = .string(d)
                root["info"] = .object(info)
                doc = .object(root)
            }
            let definition = JSONWriter.jsonBytes(doc)
            if definition.count >= options.maximumBytes || ops.count > options.maximumOperations {
                throw ConnectorExportError(message: "the operations of \(groups.map(\.name).joined(separator: ", ")) alone exceed the connector limits (\(ops.count) operations, \(definition.count) bytes); select fewer operations for it")
            }
            let prefix = folder.isEmpty ? "" : folder + "/"
            let pageable = ops.filter(\.pageable).map(\.id)
            files[prefix + definitionFile] = definition
            files[prefix + propertiesFile] = JSONWriter.jsonBytes(apiProperties(api: api, options: options, pageable: pageable))
            files[prefix + settingsFile] = JSONWriter.jsonBytes(settings())
            files[prefix + iconFile] = icon(options.brandColor ?? defaultBrandColor)
            let part = ConnectorPart(folder: folder, title: title, groups: groups.map(\.name), operationCount: ops.count,
                                     definitionBytes: definition.count)
            files[prefix + readmeFile] = Array(ConnectorReadme.text(api: api, part: part, operations: ops, options: options,
                                                                   partCount: partsGroups.count).utf8)
            parts.append(part)
        }
        return ConnectorExport(files: files, parts: parts, notes: api.notes)
    }

    /// Packs groups (in order) into parts within the limits: greedy by estimated size and operation count, then any
    /// part whose real size is over the limit is halved.
    static func pack(_ groups: [APIGroup], renderer: APIRenderer, options: ConnectorOptions) throws -> [[APIGroup]] {
        let budget = options.maximumBytes * 9 / 10
        let overhead = JSONWriter.jsonBytes(renderer.swagger(title: "", operations: [])).count + 2_000
        var parts: [[APIGroup]] = []
        var current: [APIGroup] = []
        var currentOps = 0
        var currentBytes = overhead
        for g in groups {
            let size = JSONWriter.jsonBytes(renderer.swagger(title: "", operations: g.operations)).count - overhead + 2_000
            if !current.isEmpty && (currentOps + g.operations.count > options.maximumOperations || currentBytes + size > budget) {
                parts.append(current)
                current = []
                currentOps = 0
                currentBytes = overhead
            }
            current.append(g)
            currentOps += g.operations.count
            currentBytes += size
        }
        if !current.isEmpty { parts.append(current) }
        // Check the real sizes; halve what is still too big.
        var checked: [[APIGroup]] = []
        var queue = parts
        while !queue.isEmpty {
            let part = queue.removeFirst()
            let ops = part.flatMap(\.operations)
            let bytes = JSONWriter.jsonBytes(renderer.swagger(title: "", operations: ops)).count + 1_000
            if (bytes >= options.maximumBytes || ops.count > options.maximumOperations) && part.count > 1 {
                let half = part.count / 2
                queue.insert(contentsOf: [Array(part[..<half]), Array(part[half...])], at: 0)
            } else {
                checked.append(part)
            }
        }
        return checked
    }

    static func apiProperties(api: APIDescription, options: ConnectorOptions, pageable: [String]) -> JSONValue {
        let resource = "https://" + api.host
        var policies: [JSONValue] = [[
            "templateId": "dynamichosturl",
            "title": "Send each call to the environment of the connection",
            "parameters": ["x-ms-apimTemplateParameter.urlTemplate": "@connectionParameters('token:resourceUri')/data"],
        ]]
        if !pageable.isEmpty {
            policies.append([
                "templateId": "updatenextlink",
                "title": "Follow @odata.nextLink through the connector",
                "parameters": [
                    "x-ms-apimTemplate-operationName": .array(pageable.map { .string($0) }),
                    "x-ms-apimTemplateParameter.nextLinkPropertyName": "@odata.nextLink",
                ],
            ])
        }
        return ["properties": [
            "connectionParameters": [
                "token": [
                    "type": "oauthSetting",
                    "oAuthSettings": [
                        "identityProvider": "aad",
                        "clientId": .string(options.clientId ?? "00000000-0000-0000-0000-000000000000"),
                        "scopes": [],
                        "redirectMode": "Global",
                        "redirectUrl": "https://global.consent.azure-apim.net/redirect",
                        "properties": ["IsFirstParty": "False", "AzureActiveDirectoryResourceId": .string(resource)],
                        "customParameters": [
                            "loginUri": ["value": "https://login.microsoftonline.com"],
                            "tenantId": ["value": .string(api.tenant)],
                            "resourceUri": ["value": .string(resource)],
                        ],
                    ],
                ],
                "token:TenantId": [
                    "type": "string",
                    "metadata": ["sourceType": "AzureActiveDirectoryTenant"],
                    "uiDefinition": ["constraints": ["required": "false", "hidden": "true"]],
                ],
                "token:resourceUri": [
                    "type": "string",
                    "uiDefinition": [
                        "displayName": "Environment URL",
                        "description": .string("The environment URL without a trailing slash, for example \(resource)"),
                        "tooltip": "The service root host; also the OAuth resource",
                        "constraints": ["required": "true"],
                    ],
                ],
            ],
            "iconBrandColor": .string(options.brandColor ?? defaultBrandColor),
            "capabilities": [],
            "policyTemplateInstances": .array(policies),
        ]]
    }

    static func settings() -> JSONValue {
        [
            "$schema": "https://raw.githubusercontent.com/microsoft/PowerPlatformConnectors/master/schemas/paconn-settings.schema.json#",
            "connectorId": "",
            "environment": "00000000-0000-0000-0000-000000000000",
            "apiProperties": .string(propertiesFile),
            "apiDefinition": .string(definitionFile),
            "icon": .string(iconFile),
            "powerAppsApiVersion": "2016-11-01",
        ]
    }

    /// A 128 x 128 icon in the brand colour with a white square in the middle.
    static func icon(_ color: String) -> [UInt8] {
        var rgb: [UInt8] = [0x22, 0x66, 0xAA]
        if ConnectorConfig.colorProblem(color) == nil {
            let hex = Array(color.dropFirst())
            rgb = (0..<3).map { UInt8(String(hex[($0 * 2)..<($0 * 2 + 2)]), radix: 16) ?? 0 }
        }
        return PNGEncoder.icon(width: 128, height: 128, background: (rgb[0], rgb[1], rgb[2]), accent: (255, 255, 255))
    }

    // MARK: OpenAPI

    /// The format of the OpenAPI export.
    public enum Format: String, Sendable, CaseIterable {
        case json, yaml
    }

    /// The OpenAPI 3.0.3 document of `selection` (never split; no `$batch`).
    public static func openAPI(model: EDMModel, selection: SelectionResult, options: ConnectorOptions,
                               format: Format) throws -> (bytes: [UInt8], notes: [Diagnostic]) {
        let api = try describe(model: model, selection: selection, options: options)
        let doc = APIRenderer(api: api, dialect: .openAPI3).openAPI(title: api.title, operations: api.groups.flatMap(\.operations))
        let text = format == .json ? JSONWriter.json(doc) : JSONWriter.yaml(doc)
        return (Array(text.utf8), api.notes)
    }
}
