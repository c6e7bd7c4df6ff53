/// The rules of the connector linter. The IDs follow `../shared/tools/connector-check.py --list-rules`
/// (IO, SW, MS and PP001-PP010 = items 1-10 of FNO.md's Power Platform list) so results can be compared.
public struct ConnectorLintRule: Sendable, Hashable {
    /// The rule ID, e.g. `PP004`.
    public var id: String
    /// What the rule checks, in one line.
    public var summary: String

    /// Every rule, in ID order.
    public static let all: [ConnectorLintRule] = [
        .init(id: "IO001", summary: "the definition and apiProperties.json are present (settings.json is optional), readable, one JSON object each, without duplicate keys"),
        .init(id: "SW001", summary: "Swagger 2.0 structure: required keys, path item and operation members, parameters (name, in, type, schema), every {name} in a path declared as a path parameter and every path parameter in the path, response codes, no duplicate parameters"),
        .init(id: "MS001", summary: "Microsoft's apiDefinition.swagger.schema.json: allowed members, types and values, x-ms-* extension shapes, formats, host and basePath patterns"),
        .init(id: "MS002", summary: "Microsoft's paconn-apiProperties.schema.json: allowed members, connection parameters, OAuth settings per identity provider, policy templates and their parameters"),
        .init(id: "MS003", summary: "Microsoft's paconn-settings.schema.json: allowed members, environment GUID, API versions"),
        .init(id: "PP001", summary: "swagger \"2.0\" (no OpenAPI 3); info.title at most 30 characters; info.description 30-500 characters; info.version present"),
        .init(id: "PP002", summary: "host is a plain host name (no scheme, port or path); basePath \"/data\"; schemes [\"https\"]"),
        .init(id: "PP003", summary: "definition file under 1 MiB (1,048,576 bytes) and at most 256 operations"),
        .init(id: "PP004", summary: "operationId ^[A-Z][A-Za-z0-9]*$ and unique; summary at most 80 characters, without / \\ < > * % & ?, ending in a letter or digit; a description; x-ms-visibility important, advanced or internal"),
        .init(id: "PP005", summary: "path parameters required with x-ms-url-encoding single; paths unique ignoring case; no $batch path; no body on GET; at most one body parameter; application/json only"),
        .init(id: "PP006", summary: "exactly one 2xx response, with a schema when it returns a body (200, 201, 203, 206) and none for 204/205; default has a description and no schema; no 4XX/5XX keys"),
        .init(id: "PP007", summary: "schemas: no oneOf/anyOf/not/nullable/type arrays; formats from int32, int64, float, double, byte, binary, date, date-time, password, email, uri, uuid; $ref only to #/definitions|parameters|responses/NAME, resolvable, without sibling keys, without cycles"),
        .init(id: "PP008", summary: "lists (GET with an array value in the 2xx schema) carry x-ms-pageable {nextLinkName: \"@odata.nextLink\"}; apiProperties.json has an updatenextlink policy naming exactly the pageable operations"),
        .init(id: "PP009", summary: "securityDefinitions holds one oauth2 accessCode flow with Entra ID (login.microsoftonline.com) URLs; the top-level security uses it"),
        .init(id: "PP010", summary: "apiProperties: token connection parameter of type oauthSetting with identityProvider aad, clientId, scopes, redirectMode, customParameters loginUri https://login.microsoftonline.com, tenantId, resourceUri (https, no trailing slash); iconBrandColor #RRGGBB; capabilities []; a dynamichosturl policy that uses a declared connection parameter and ends in the basePath, or else resourceUri equal to https://host"),
    ]

    /// The rule with `id`, if any.
    public static func named(_ id: String) -> ConnectorLintRule? {
        all.first { $0.id == id }
    }
}
