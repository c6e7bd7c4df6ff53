import Foundation
import ODataGeneratorCore
import Testing

/// One bad folder: the good fixture with one change, and the violation it must cause.
struct LintCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var name: String
    /// The file the violation is in and its pointer.
    var file: String
    var pointer: String
    var options = ConnectorLintOptions()
    var change: @Sendable (inout [String: Data]) -> Void

    var testDescription: String { "\(rule): \(name)" }

    static let definition = ConnectorLint.definitionFile
    static let properties = ConnectorLint.propertiesFile
    static let settings = ConnectorLint.settingsFile

    /// A change to one JSON document by pointer.
    static func edit(_ rule: String, _ name: String, _ file: String, at pointer: String, options: ConnectorLintOptions = ConnectorLintOptions(),
                     _ edit: @escaping @Sendable (inout EditableJSON) -> Void) -> LintCase {
        LintCase(rule: rule, name: name, file: file, pointer: pointer, options: options) { files in
            var json = EditableJSON(String(decoding: files[file]!, as: UTF8.self))
            edit(&json)
            files[file] = json.data
        }
    }

    /// Sets one value.
    static func set(_ rule: String, _ name: String, _ file: String, _ pointer: String, _ value: Any?, reportedAt: String? = nil) -> LintCase {
        let box = ValueBox(value: value)
        return edit(rule, name, file, at: reportedAt ?? pointer) { $0.set(pointer, box.value) }
    }

    /// Removes one value.
    static func remove(_ rule: String, _ name: String, _ file: String, _ pointer: String, reportedAt: String) -> LintCase {
        edit(rule, name, file, at: reportedAt) { $0.set(pointer, nil) }
    }

    /// A change to the raw text of one file.
    static func text(_ rule: String, _ name: String, _ file: String, at pointer: String, _ change: @escaping @Sendable (String) -> String) -> LintCase {
        LintCase(rule: rule, name: name, file: file, pointer: pointer) { files in
            files[file] = Data(change(String(decoding: files[file]!, as: UTF8.self)).utf8)
        }
    }
}

/// Foundation JSON values are immutable here once built; the box lets the case table hold them.
struct ValueBox: @unchecked Sendable {
    var value: Any?
}

enum ConnectorLint {
    static let definitionFile = ODataGeneratorCore.ConnectorLinter.definitionFile
    static let propertiesFile = ODataGeneratorCore.ConnectorLinter.propertiesFile
    static let settingsFile = ODataGeneratorCore.ConnectorLinter.settingsFile
}

enum LintCases {
    static let d = LintCase.definition
    static let p = LintCase.properties
    static let s = LintCase.settings
    static let vendors = "/paths/~1VendorsV2"
    static let vendor = "/paths/~1VendorsV2(dataAreaId='{dataAreaId}',VendorAccountNumber='{VendorAccountNumber}')"
    static let oauth = "/properties/connectionParameters/token/oAuthSettings"

    static let all: [LintCase] = [
        // IO001
        .text("IO001", "duplicate key", d, at: "/info/title") {
            $0.replacingOccurrences(of: #""title": "Fabrikam Vendors","#, with: #""title": "Fabrikam", "title": "Fabrikam Vendors","#)
        },
        .text("IO001", "not JSON (truncated inside a key)", d, at: "/paths/~1VendorsV2/get/responses/200/schema") { String($0.prefix(900)) },
        .text("IO001", "not an object", s, at: "") { _ in "[1, 2]" },
        LintCase(rule: "IO001", name: "missing apiProperties.json", file: p, pointer: "") { $0[p] = nil },
        LintCase(rule: "IO001", name: "missing definition", file: d, pointer: "") { $0[d] = nil },

        // SW001
        .edit("SW001", "path template names an undeclared parameter", d, at: vendor + "/get") {
            $0.set(vendor + "/parameters/1", nil)
        },
        .set("SW001", "declared path parameter missing from the template", d, vendor + "/get/parameters",
             [["name": "Extra", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single"]],
             reportedAt: vendor + "/get/parameters/0"),
        .set("SW001", "response key that is not a status code", d, vendors + "/get/responses/600", ["description": "odd"]),
        .remove("SW001", "operation without responses", d, vendors + "/post/responses", reportedAt: vendors + "/post"),
        .set("SW001", "parameter declared twice", d, vendors + "/get/parameters/-", ["$ref": "#/parameters/Filter"],
             reportedAt: vendors + "/get/parameters/2"),
        .set("SW001", "query parameter without type", d, "/parameters/Filter/type", nil, reportedAt: vendors + "/get/parameters/0"),

        // MS001
        .set("MS001", "x-ms-trigger outside its enumeration", d, vendors + "/get/x-ms-trigger", "often"),
        .set("MS001", "unknown top-level member", d, "/servers", [["url": "https://x"]]),
        .set("MS001", "x-ms-pageable without nextLinkName", d, vendors + "/get/x-ms-pageable", ["next": "@odata.nextLink"],
             reportedAt: vendors + "/get/x-ms-pageable"),
        .set("MS001", "x-ms-url-encoding outside its enumeration", d, "/parameters/DataAreaId/x-ms-url-encoding", "triple"),
        .set("MS001", "x-ms-dynamic-values without an operation", d, "/parameters/Filter/x-ms-dynamic-values", ["value-path": "Id"]),

        // MS002
        .set("MS002", "unknown member of properties", p, "/properties/publisherName", "Fabrikam"),
        .set("MS002", "redirectMode outside its enumeration", p, oauth + "/redirectMode", "Sometimes"),
        .set("MS002", "unknown policy template", p, "/properties/policyTemplateInstances/0/templateId", "rewritehost"),
        .set("MS002", "policy without its required parameter", p, "/properties/policyTemplateInstances/1/parameters",
             ["x-ms-apimTemplate-operationName": ["ListVendorsV2"]], reportedAt: "/properties/policyTemplateInstances/1/parameters"),
        .set("MS002", "connection parameter name with a dash", p, "/properties/connectionParameters/environment-url", ["type": "string"]),

        // MS003
        .set("MS003", "environment that is not a GUID", s, "/environment", "fabrikam-prod"),
        .set("MS003", "unknown settings member", s, "/region", "europe"),
        .set("MS003", "unsupported API version", s, "/powerAppsApiVersion", "2024-01-01"),

        // PP001
        .set("PP001", "OpenAPI 3 instead of Swagger 2.0", d, "/swagger", "3.0.3"),
        .set("PP001", "title of 31 characters", d, "/info/title", String(repeating: "T", count: 31)),
        .set("PP001", "description of 29 characters", d, "/info/description", String(repeating: "d", count: 29)),
        .set("PP001", "description of 501 characters", d, "/info/description", String(repeating: "d", count: 501)),
        .remove("PP001", "no version", d, "/info/version", reportedAt: "/info"),

        // PP002
        .set("PP002", "host with a port", d, "/host", "fabrikam.operations.dynamics.com:443"),
        .set("PP002", "host with a scheme", d, "/host", "https://fabrikam.operations.dynamics.com"),
        .set("PP002", "basePath other than /data", d, "/basePath", "/api/data"),
        .set("PP002", "http allowed", d, "/schemes", ["http", "https"]),
        .remove("PP002", "no host", d, "/host", reportedAt: ""),

        // PP003
        .edit("PP003", "definition at the size limit", d, at: "", options: ConnectorLintOptions(maximumDefinitionBytes: 2_000)) { _ in },
        .edit("PP003", "more operations than allowed", d, at: "/paths", options: ConnectorLintOptions(maximumOperations: 3)) { _ in },

        // PP004
        .set("PP004", "camelCase operationId", d, vendors + "/get/operationId", "listVendors"),
        .set("PP004", "operationId with an underscore", d, vendors + "/get/operationId", "List_Vendors"),
        .set("PP004", "duplicate operationId", d, vendor + "/get/operationId", "CreateVendorV2"),
        .set("PP004", "summary of 81 characters", d, vendors + "/get/summary", String(repeating: "s", count: 81)),
        .set("PP004", "summary with an ampersand", d, vendors + "/get/summary", "Vendors & suppliers"),
        .set("PP004", "summary ending in a period", d, vendors + "/get/summary", "List vendors."),
        .remove("PP004", "no summary", d, vendors + "/get/summary", reportedAt: vendors + "/get"),
        .remove("PP004", "no description", d, vendors + "/post/description", reportedAt: vendors + "/post"),
        .set("PP004", "visibility outside its enumeration", d, vendors + "/get/x-ms-visibility", "hidden"),

        // PP005
        .remove("PP005", "path parameter without x-ms-url-encoding", d, "/parameters/DataAreaId/x-ms-url-encoding",
                reportedAt: vendor + "/parameters/0"),
        .set("PP005", "double URL encoding", d, vendor + "/parameters/1/x-ms-url-encoding", "double", reportedAt: vendor + "/parameters/1"),
        .set("PP005", "optional path parameter", d, vendor + "/parameters/1/required", false, reportedAt: vendor + "/parameters/1"),
        .text("PP005", "paths equal ignoring case", d, at: "/paths/~1VendorsV2") {
            $0.replacingOccurrences(of: #""paths": {"#, with: #""paths": {"/vendorsv2": {"get": {"operationId": "ListLower", "summary": "List", "description": "List", "responses": {"204": {"description": "none"}}}},"#)
        },
        .set("PP005", "a $batch path", d, "/paths/~1$batch", ["post": ["operationId": "Batch", "summary": "Batch", "description": "Batch",
                                                                        "responses": ["200": ["description": "ok", "schema": ["type": "object"]]]]]),
        .set("PP005", "GET with a body", d, vendor + "/get/parameters",
             [["name": "body", "in": "body", "schema": ["type": "object"]]], reportedAt: vendor + "/get/parameters/0"),
        .set("PP005", "two body parameters", d, vendors + "/post/parameters/-", ["name": "more", "in": "body", "schema": ["type": "object"]],
             reportedAt: vendors + "/post/parameters/1"),
        .set("PP005", "XML media type", d, "/produces", ["application/json", "application/xml"], reportedAt: "/produces/1"),
        .set("PP005", "operation consuming form data", d, vendors + "/post/consumes", ["multipart/form-data"], reportedAt: vendors + "/post/consumes/0"),

        // PP006
        .set("PP006", "two 2xx responses", d, vendors + "/post/responses/200", ["description": "Also", "schema": ["type": "object"]],
             reportedAt: vendors + "/post/responses"),
        .remove("PP006", "no 2xx response", d, vendor + "/patch/responses/204", reportedAt: vendor + "/patch/responses"),
        .remove("PP006", "200 without a schema", d, vendor + "/get/responses/200/schema", reportedAt: vendor + "/get/responses/200"),
        .set("PP006", "204 with a schema", d, vendor + "/patch/responses/204/schema", ["type": "object"]),
        .set("PP006", "default with a schema", d, vendors + "/get/responses/default/schema", ["type": "object"]),
        .set("PP006", "default without a description", d, vendors + "/get/responses/default/description", "",
             reportedAt: vendors + "/get/responses/default"),
        .set("PP006", "range key 5XX", d, vendors + "/get/responses/5XX", ["description": "Server error"]),

        // PP007
        .set("PP007", "oneOf", d, "/definitions/VendorV2/properties/Blocked/oneOf", [["type": "string"], ["type": "integer"]]),
        .set("PP007", "anyOf", d, "/definitions/VendorV2/properties/Blocked/anyOf", [["type": "string"]]),
        .set("PP007", "not", d, "/definitions/VendorV2/properties/Blocked/not", ["type": "integer"]),
        .set("PP007", "nullable", d, "/definitions/VendorV2/properties/VendorName/nullable", true),
        .set("PP007", "type array", d, "/definitions/VendorV2/properties/VendorName/type", ["string", "null"]),
        .set("PP007", "format decimal", d, "/definitions/VendorV2/properties/CreditLimit/format", "decimal"),
        .set("PP007", "format on a parameter", d, "/parameters/Filter/format", "html"),
        .set("PP007", "format deep in items", d, "/definitions/VendorV2/properties/Tags/items/format", "date-no-tz"),
        .set("PP007", "$ref to another file", d, "/definitions/VendorV2Page/properties/value/items/$ref", "other.json#/definitions/VendorV2"),
        .set("PP007", "$ref to a nested member", d, "/definitions/VendorV2Page/properties/value/items/$ref", "#/definitions/VendorV2/properties/dataAreaId"),
        .set("PP007", "dangling $ref", d, "/definitions/VendorV2Page/properties/value/items/$ref", "#/definitions/Vendor"),
        .set("PP007", "$ref with a sibling", d, "/definitions/VendorV2Page/properties/value/items/description", "A vendor",
             reportedAt: "/definitions/VendorV2Page/properties/value/items"),
        .set("PP007", "cycle of definitions", d, "/definitions/VendorV2/properties/Page", ["$ref": "#/definitions/VendorV2Page"],
             reportedAt: "/definitions/VendorV2"),
        .set("PP007", "self reference", d, "/definitions/VendorV2/properties/Parent", ["$ref": "#/definitions/VendorV2"],
             reportedAt: "/definitions/VendorV2"),

        // PP008
        .remove("PP008", "list without x-ms-pageable", d, vendors + "/get/x-ms-pageable", reportedAt: vendors + "/get"),
        .set("PP008", "other nextLinkName", d, vendors + "/get/x-ms-pageable/nextLinkName", "nextLink", reportedAt: vendors + "/get/x-ms-pageable"),
        .remove("PP008", "no updatenextlink policy", p, "/properties/policyTemplateInstances/1", reportedAt: "/properties"),
        .set("PP008", "policy naming an unknown operation", p, "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplate-operationName/-",
             "ListCustomers", reportedAt: "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplate-operationName/1"),
        .set("PP008", "policy missing a pageable operation", p, "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplate-operationName",
             [String](), reportedAt: "/properties/policyTemplateInstances/1/parameters"),
        .set("PP008", "policy with another next link property", p,
             "/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplateParameter.nextLinkPropertyName", "nextLink",
             reportedAt: "/properties/policyTemplateInstances/1/parameters"),

        // PP009
        .remove("PP009", "no securityDefinitions", d, "/securityDefinitions", reportedAt: ""),
        .set("PP009", "implicit flow", d, "/securityDefinitions/entra/flow", "implicit"),
        .set("PP009", "token URL outside Entra ID", d, "/securityDefinitions/entra/tokenUrl", "https://login.example.com/token"),
        .set("PP009", "a second scheme", d, "/securityDefinitions/key", ["type": "apiKey", "name": "X-Key", "in": "header"],
             reportedAt: "/securityDefinitions"),
        .remove("PP009", "no top-level security", d, "/security", reportedAt: ""),
        .set("PP009", "security naming an undeclared scheme", d, "/security", [["aad": [String]()]], reportedAt: "/security/0/aad"),

        // PP010
        .remove("PP010", "no token parameter", p, "/properties/connectionParameters/token", reportedAt: "/properties"),
        .set("PP010", "identity provider oauth2", p, oauth + "/identityProvider", "oauth2"),
        .remove("PP010", "no clientId", p, oauth + "/clientId", reportedAt: oauth),
        .remove("PP010", "no redirectMode", p, oauth + "/redirectMode", reportedAt: oauth),
        .remove("PP010", "no scopes", p, oauth + "/scopes", reportedAt: oauth),
        .set("PP010", "login.windows.net", p, oauth + "/customParameters/loginUri/value", "https://login.windows.net"),
        .set("PP010", "resourceUri with a trailing slash", p, oauth + "/customParameters/resourceUri/value", "https://fabrikam.operations.dynamics.com/"),
        .set("PP010", "resourceUri over http", p, oauth + "/customParameters/resourceUri/value", "http://fabrikam.operations.dynamics.com"),
        .set("PP010", "brand color by name", p, "/properties/iconBrandColor", "green"),
        .set("PP010", "capabilities not empty", p, "/properties/capabilities", ["actions"]),
        .set("PP010", "dynamichosturl with an undeclared parameter", p,
             "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate", "@connectionParameters('envUrl')/data"),
        .set("PP010", "dynamichosturl without the basePath", p,
             "/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate", "@connectionParameters('token:resourceUri')"),
        .edit("PP010", "fixed host that differs from resourceUri", p, at: oauth + "/customParameters/resourceUri/value") {
            $0.set("/properties/policyTemplateInstances/0", nil)
            $0.set(oauth + "/customParameters/resourceUri/value", "https://contoso.operations.dynamics.com")
        },
    ]
}

@Suite("Connector linter rules")
struct ConnectorLintRuleTests {
    @Test("the good fixture has no violation")
    func goodIsClean() {
        let violations = ConnectorLinter.lint(files: ConnectorLintFixtures.files)
        #expect(violations == [], "\(violations.map { "\($0.rule) \($0.message) at \($0.file)#\($0.pointer)" })")
    }

    @Test("each rule fires on its mutation, at the changed place", arguments: LintCases.all)
    func fires(_ lintCase: LintCase) {
        var files = ConnectorLintFixtures.files
        lintCase.change(&files)
        let violations = ConnectorLinter.lint(files: files, options: lintCase.options)
        let hit = violations.contains { $0.rule == lintCase.rule && $0.file == lintCase.file && $0.pointer == lintCase.pointer }
        #expect(hit, "expected \(lintCase.rule) at \(lintCase.file)#\(lintCase.pointer); got \(violations.map { "\($0.rule) at \($0.file)#\($0.pointer): \($0.message)" })")
        // The good document under the same options is clean except for the limit rule itself, so the
        // violation comes from the change.
        if lintCase.rule != "PP003" {
            #expect(!ConnectorLinter.lint(files: ConnectorLintFixtures.files, options: lintCase.options).contains { $0.rule == lintCase.rule })
        }
    }

    @Test("every rule has at least one bad case")
    func everyRuleIsCovered() {
        let covered = Set(LintCases.all.map(\.rule))
        let missing = ConnectorLintRule.all.map(\.id).filter { !covered.contains($0) }
        #expect(missing == [])
    }

    @Test("the size and operation limits are the Power Platform's by default and exact at the boundary")
    func limits() {
        let size = ConnectorLintFixtures.definition.utf8.count
        let files = ConnectorLintFixtures.files
        #expect(!ConnectorLinter.lint(files: files, options: .init(maximumDefinitionBytes: size + 1)).contains { $0.rule == "PP003" })
        #expect(ConnectorLinter.lint(files: files, options: .init(maximumDefinitionBytes: size)).contains { $0.rule == "PP003" })
        #expect(!ConnectorLinter.lint(files: files, options: .init(maximumOperations: 4)).contains { $0.rule == "PP003" })
        #expect(ConnectorLintOptions() == .init(maximumDefinitionBytes: 1_048_576, maximumOperations: 256))
    }

    @Test("settings.json is optional")
    func settingsOptional() {
        var files = ConnectorLintFixtures.files
        files[ConnectorLinter.settingsFile] = nil
        #expect(ConnectorLinter.lint(files: files) == [])
    }

    @Test("violations are sorted by file, pointer and rule, and the same on every run")
    func deterministic() {
        var files = ConnectorLintFixtures.files
        for lintCase in LintCases.all.prefix(40) where lintCase.file != ConnectorLinter.definitionFile || !lintCase.name.contains("missing") {
            var next = files
            lintCase.change(&next)
            if ConnectorLinter.lint(files: next).allSatisfy({ $0.rule != "IO001" }) { files = next }
        }
        let first = ConnectorLinter.lint(files: files)
        #expect(first.count > 10)
        #expect(ConnectorLinter.lint(files: files) == first)
        let order = [ConnectorLinter.definitionFile: 0, ConnectorLinter.propertiesFile: 1, ConnectorLinter.settingsFile: 2]
        for (a, b) in zip(first, first.dropFirst()) {
            let ka = (order[a.file]!, Array(a.pointer.utf8)), kb = (order[b.file]!, Array(b.pointer.utf8))
            #expect(ka.0 < kb.0 || (ka.0 == kb.0 && (ka.1.lexicographicallyPrecedes(kb.1) || (ka.1 == kb.1 && a.rule <= b.rule))))
        }
    }

    @Test("every rule ID in the table is documented")
    func ruleIDs() {
        #expect(ConnectorLintRule.all.map(\.id) == ["IO001", "SW001", "MS001", "MS002", "MS003"] + (1...10).map { String(format: "PP%03d", $0) })
        for rule in LintCases.all.map(\.rule) { #expect(ConnectorLintRule.named(rule) != nil) }
    }
}
