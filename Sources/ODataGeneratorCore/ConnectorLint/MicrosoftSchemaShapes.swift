import Foundation

/// The structural rules of the JSON schemas Microsoft publishes for custom connectors
/// (microsoft/PowerPlatformConnectors `schemas/`: `apiDefinition.swagger.schema.json`,
/// `paconn-apiProperties.schema.json`, `paconn-settings.schema.json`), restated as `LintShape`s.
///
/// Rule MS001 is the definition, MS002 `apiProperties.json`, MS003 `settings.json`. What is stated: the members
/// each object may and must have, value types, the allowed values of enumerations, the patterns of `host`,
/// `basePath`, connection parameter names and the environment ID, and the shape of every `x-ms-*` extension
/// and policy template. Response status keys are left to SW001 and PP006, which say more precisely what is wrong.
enum MicrosoftSchemaShapes {
    static let definitionSource = "Microsoft's apiDefinition schema"
    static let propertiesSource = "Microsoft's apiProperties schema"
    static let settingsSource = "Microsoft's settings schema"

    // MARK: - apiDefinition.swagger.json (MS001)

    static let definition: LintShape = .object(LintObjectShape(
        "the definition",
        properties: [
            "swagger": .string(allowed: ["2.0"]),
            "info": info,
            "host": .string(check: { host in
                matchesHost(host) ? nil : "The host \(quoted(host)) must be a host name with an optional port, without scheme, path or braces (\(definitionSource))."
            }),
            "basePath": .string(check: { $0.hasPrefix("/") ? nil : "The basePath must start with \"/\" (\(definitionSource))." }),
            "schemes": .array(.string(allowed: ["http", "https", "ws", "wss"])),
            "consumes": .array(.string()),
            "produces": .array(.string()),
            "paths": .object(LintObjectShape("paths", patterns: [LintPattern(matches: { $0.hasPrefix("/") }, shape: pathItem)], vendorExtensions: true)),
            "definitions": .object(LintObjectShape("definitions", additional: schema)),
            "parameters": .object(LintObjectShape("parameters", additional: parameter)),
            "responses": .object(LintObjectShape("responses", additional: response)),
            "security": securityRequirements,
            "securityDefinitions": .object(LintObjectShape("securityDefinitions", additional: securityScheme)),
            "tags": .array(.object(LintObjectShape("a tag", properties: [
                "name": .string(), "description": .string(), "externalDocs": externalDocs,
            ], required: ["name"], vendorExtensions: true))),
            "externalDocs": externalDocs,
            "x-ms-capabilities": .object(LintObjectShape("x-ms-capabilities", properties: [
                "file-picker": .any,
                "testConnection": .object(LintObjectShape("testConnection", properties: [
                    "operationId": .string(), "parameters": .object(LintObjectShape("parameters", additional: .any)),
                ], required: ["operationId"])),
            ])),
            "x-ms-connector-metadata": .array(.object(LintObjectShape("a connector metadata entry", properties: [
                "propertyName": .string(), "propertyValue": .string(),
            ], required: ["propertyName", "propertyValue"], additional: .any))),
            "x-ms-docs": .array(.object(LintObjectShape("an x-ms-docs entry", properties: [
                "url": .string(), "description": .string(),
            ], required: ["url", "description"]))),
        ],
        required: ["swagger", "info", "paths"],
        vendorExtensions: true))

    static let info: LintShape = .object(LintObjectShape(
        "info",
        properties: [
            "title": .string(), "version": .string(), "description": .string(), "termsOfService": .string(),
            "contact": .object(LintObjectShape("contact", properties: [
                "name": .string(), "url": .string(), "email": .string(),
            ], vendorExtensions: true)),
            "license": .object(LintObjectShape("license", properties: ["name": .string(), "url": .string()],
                                               required: ["name"], vendorExtensions: true)),
            "x-ms-deployment-version": .string(check: { v in
                v.range(of: #"^\d+(\.\d+)+$"#, options: .regularExpression) == nil
                    ? "x-ms-deployment-version must be dotted numbers such as 1.0 (\(definitionSource))." : nil
            }),
            "x-ms-api-annotation": .object(LintObjectShape("x-ms-api-annotation", properties: [
                "status": .string(allowed: ["Production", "Preview"]),
            ])),
        ],
        required: ["version", "title"],
        vendorExtensions: true))

    static let externalDocs: LintShape = .object(LintObjectShape(
        "externalDocs", properties: ["description": .string(), "url": .string()], required: ["url"], vendorExtensions: true))

    static let pathItem: LintShape = .object(LintObjectShape(
        "a path item",
        properties: [
            "$ref": .string(),
            "get": operation, "put": operation, "post": operation, "delete": operation,
            "options": operation, "head": operation, "patch": operation,
            "parameters": parameterList,
            "x-ms-notification-content": .object(LintObjectShape("x-ms-notification-content", properties: [
                "schema": schema, "description": .string(),
            ], additional: .any)),
        ],
        vendorExtensions: true))

    static let visibility: LintShape = .string(allowed: ["important", "advanced", "internal"])

    static let operation: LintShape = .object(LintObjectShape(
        "an operation",
        properties: [
            "tags": .array(.string()),
            "summary": .string(), "description": .string(), "externalDocs": externalDocs,
            "operationId": .string(),
            "produces": .array(.string()), "consumes": .array(.string()),
            "parameters": parameterList,
            "responses": .object(LintObjectShape("responses", additional: response)),
            "schemes": .array(.string(allowed: ["http", "https", "ws", "wss"])),
            "deprecated": .boolean,
            "security": securityRequirements,
            "x-ms-api-annotation": .object(LintObjectShape("x-ms-api-annotation", properties: [
                "family": .string(), "revision": .integer, "status": .string(allowed: ["Production", "Preview"]),
                "replacement": .object(LintObjectShape("replacement", properties: ["api": .string(), "operationId": .string()])),
            ])),
            "x-ms-capabilities": .object(LintObjectShape("x-ms-capabilities", properties: ["chunkTransfer": .boolean])),
            "x-ms-no-generic-test": .boolean,
            "x-ms-operation-context": .object(LintObjectShape("x-ms-operation-context", properties: [
                "simulate": .object(LintObjectShape("simulate", properties: [
                    "operationId": .string(), "parameters": dynamicParameters,
                ], required: ["operationId"])),
            ], required: ["simulate"])),
            "x-ms-pageable": .object(LintObjectShape("x-ms-pageable", properties: ["nextLinkName": .string()],
                                                     required: ["nextLinkName"])),
            "x-ms-safe-operation": .boolean,
            "x-ms-summary": .string(),
            "x-ms-trigger": .string(allowed: ["batch", "single"]),
            "x-ms-trigger-hint": .string(),
            "x-ms-trigger-metadata": .object(LintObjectShape("x-ms-trigger-metadata", properties: [
                "kind": .string(allowed: ["query"]), "mode": .string(allowed: ["polling"]),
            ], required: ["kind", "mode"], additional: .any)),
            "x-ms-notification": .object(LintObjectShape("x-ms-notification", properties: ["operationId": .string()],
                                                         required: ["operationId"])),
            "x-ms-visibility": visibility,
        ],
        required: ["responses"],
        vendorExtensions: true))

    static let securityRequirements: LintShape = .array(.object(LintObjectShape("a security requirement", additional: .array(.string()))))

    static let dynamicParameters: LintShape = .object(LintObjectShape("parameters", additional: .any))

    static let parameterList: LintShape = .array(parameter)

    /// A parameter or a `$ref` to one; the shape depends on `in`.
    static let parameter: LintShape = .choose { value in
        if value["$ref"] != nil { return reference }
        switch value["in"]?.stringValue {
        case "body": return bodyParameter
        case "query": return nonBodyParameter("query")
        case "header": return nonBodyParameter("header")
        case "path": return nonBodyParameter("path")
        case "formData": return nonBodyParameter("formData")
        case nil:
            return .object(LintObjectShape("a parameter", required: ["name", "in"], additional: .any))
        case let other?:
            return .custom { _ in [(suffix: "/in", message: "\(quoted(other)) is not a parameter location; \(definitionSource) allows \"body\", \"query\", \"header\", \"path\" or \"formData\".")] }
        }
    }

    static let reference: LintShape = .object(LintObjectShape("a reference", properties: ["$ref": .string()], required: ["$ref"]))

    static let dynamicValues: LintShape = .custom { value in
        guard value.isObject else { return [(suffix: "", message: "x-ms-dynamic-values must be an object (\(definitionSource)).")] }
        let sources = ["operationId", "builtInOperation", "capability"].filter { value[$0] != nil }
        if sources.count != 1 {
            return [(suffix: "", message: "x-ms-dynamic-values needs exactly one of operationId, builtInOperation or capability (\(definitionSource)).")]
        }
        var problems: [(suffix: String, message: String)] = []
        for key in ["value-collection", "value-title", "value-path", "operationId"] where value[key] != nil && value[key]?.stringValue == nil {
            problems.append((suffix: "/" + key, message: "x-ms-dynamic-values \(key) must be a string (\(definitionSource))."))
        }
        if let parameters = value["parameters"], !parameters.isObject {
            problems.append((suffix: "/parameters", message: "x-ms-dynamic-values parameters must be an object (\(definitionSource))."))
        }
        return problems
    }

    static let dynamicList: LintShape = .object(LintObjectShape("x-ms-dynamic-list", properties: [
        "operationId": .string(), "parameters": dynamicParameters,
        "itemsPath": .string(), "itemTitlePath": .string(), "itemValuePath": .string(),
    ], required: ["operationId"], additional: .any))

    static let enumValues: LintShape = .array(.object(LintObjectShape("an x-ms-enum-values entry", properties: [
        "value": .any, "displayName": .string(),
    ], required: ["value", "displayName"])))

    static let format: LintShape = .string(allowed: [
        "int32", "int64", "float", "double", "byte", "binary", "date", "date-time", "password", "date-no-tz", "email",
        "html", "uri", "uuid",
    ])

    /// Members shared by non-body parameters and `items`.
    static let validationKeywords: [String: LintShape] = [
        "format": format, "default": .any, "maximum": .number, "exclusiveMaximum": .boolean, "minimum": .number,
        "exclusiveMinimum": .boolean, "maxLength": .integer, "minLength": .integer, "pattern": .string(),
        "maxItems": .integer, "minItems": .integer, "uniqueItems": .boolean, "enum": .array(.any), "multipleOf": .number,
    ]

    static let primitivesItems: LintShape = .object(LintObjectShape(
        "items",
        properties: validationKeywords.merging([
            "type": .string(allowed: ["string", "number", "integer", "boolean", "array"]),
            "items": .deferred { primitivesItems },
            "collectionFormat": .string(allowed: ["csv", "ssv", "tsv", "pipes"]),
        ]) { a, _ in a },
        vendorExtensions: true))

    static func nonBodyParameter(_ location: String) -> LintShape {
        var properties = validationKeywords
        properties["required"] = location == "path" ? .custom { value in
            value.boolValue == true ? [] : [(suffix: "", message: "A path parameter must have \"required\": true (\(definitionSource)).")]
        } : .boolean
        properties["in"] = .string()
        properties["description"] = .string()
        properties["name"] = .string()
        properties["type"] = .string(allowed: location == "formData"
            ? ["string", "number", "boolean", "integer", "array", "file"]
            : ["string", "number", "boolean", "integer", "array"])
        properties["items"] = primitivesItems
        properties["collectionFormat"] = .string(allowed: location == "query" || location == "formData"
            ? ["csv", "ssv", "tsv", "pipes", "multi"] : ["csv", "ssv", "tsv", "pipes"])
        properties["x-ms-dynamic-list"] = dynamicList
        properties["x-ms-dynamic-values"] = dynamicValues
        properties["x-ms-enum-values"] = enumValues
        properties["x-ms-localizeDefaultValue"] = .boolean
        properties["x-ms-parameter-location"] = .string(allowed: ["client", "method"])
        properties["x-ms-summary"] = .string()
        properties["x-ms-test-value"] = .any
        properties["x-ms-trigger-value"] = .object(LintObjectShape("x-ms-trigger-value", properties: [
            "value-collection": .string(), "value-path": .string(),
        ], additional: .any))
        properties["x-ms-visibility"] = visibility
        if location == "query" || location == "formData" { properties["allowEmptyValue"] = .boolean }
        if location == "path" {
            properties["x-ms-dynamic-tree"] = .object(LintObjectShape("x-ms-dynamic-tree", properties: [
                "settings": .any, "open": .any, "browse": .any,
            ]))
            properties["x-ms-skip-url-encoding"] = .boolean
            properties["x-ms-url-encoding"] = .string(allowed: ["double", "single"])
        }
        if location == "query" || location == "path" {
            properties["x-ms-dynamic-tree"] = .object(LintObjectShape("x-ms-dynamic-tree", properties: [
                "settings": .any, "open": .any, "browse": .any,
            ]))
        }
        return .object(LintObjectShape(
            "a \(location) parameter", properties: properties,
            required: location == "path" ? ["name", "in", "type", "required"] : ["name", "in", "type"],
            vendorExtensions: true))
    }

    static let bodyParameter: LintShape = .object(LintObjectShape(
        "a body parameter",
        properties: [
            "description": .string(), "name": .string(), "in": .string(), "required": .boolean, "schema": schema,
            "x-ms-dynamic-list": dynamicList, "x-ms-dynamic-values": dynamicValues, "x-ms-summary": .string(),
            "x-ms-test-value": .any, "x-ms-visibility": visibility,
        ],
        required: ["name", "in", "schema"],
        vendorExtensions: true))

    static let response: LintShape = .choose { value in
        if value["$ref"] != nil { return reference }
        return .object(LintObjectShape(
            "a response",
            properties: [
                "description": .string(),
                "schema": .choose { s in s["type"]?.stringValue == "file" ? fileSchema : schema },
                "headers": .object(LintObjectShape("headers", additional: .object(LintObjectShape(
                    "a header",
                    properties: validationKeywords.merging([
                        "type": .string(allowed: ["string", "number", "integer", "boolean", "array"]),
                        "items": primitivesItems,
                        "collectionFormat": .string(allowed: ["csv", "ssv", "tsv", "pipes"]),
                        "description": .string(),
                        "x-ms-summary": .string(), "x-ms-visibility": visibility,
                    ]) { a, _ in a },
                    required: ["type"], vendorExtensions: true)))),
                "examples": .object(LintObjectShape("examples", additional: .any)),
                "x-ms-summary": .string(),
            ],
            required: ["description"],
            vendorExtensions: true))
    }

    static let fileSchema: LintShape = .object(LintObjectShape(
        "a file schema",
        properties: [
            "title": .string(), "description": .string(), "default": .any, "required": .array(.string()),
            "type": .string(allowed: ["file"]), "readOnly": .boolean, "externalDocs": externalDocs, "example": .any,
        ],
        required: ["type"], vendorExtensions: true))

    /// Swagger's schema object with the Power Platform extensions (`schema-dynamic-allowed`).
    static let schema: LintShape = .object(LintObjectShape(
        "a schema",
        properties: [
            "$ref": .string(), "format": format, "title": .string(), "description": .string(), "default": .any,
            "multipleOf": .number, "maximum": .number, "exclusiveMaximum": .boolean, "minimum": .number,
            "exclusiveMinimum": .boolean, "maxLength": .integer, "minLength": .integer, "pattern": .string(),
            "maxItems": .integer, "minItems": .integer, "uniqueItems": .boolean, "maxProperties": .integer,
            "minProperties": .integer, "required": .array(.string()), "enum": .array(.any),
            "additionalProperties": .choose { v in v.boolValue != nil ? .boolean : .deferred { schema } },
            "type": .choose { v in
                v.isArray ? .array(.string(allowed: jsonTypes)) : .string(allowed: jsonTypes)
            },
            "not": .deferred { schema },
            "items": .choose { v in v.isArray ? .array(.deferred { schema }) : .deferred { schema } },
            "allOf": .array(.deferred { schema }),
            "properties": .object(LintObjectShape("properties", additional: .deferred { schema })),
            "discriminator": .string(), "readOnly": .boolean,
            "xml": .object(LintObjectShape("xml", properties: [
                "name": .string(), "namespace": .string(), "prefix": .string(), "attribute": .boolean, "wrapped": .boolean,
            ], vendorExtensions: true)),
            "externalDocs": externalDocs, "example": .any,
            "x-ms-dynamic-list": dynamicList, "x-ms-dynamic-values": dynamicValues,
            "x-ms-enum": .object(LintObjectShape("x-ms-enum", properties: ["name": .string(), "modelAsString": .boolean],
                                                 additional: .any)),
            "x-ms-enum-values": enumValues, "x-ms-localizeDefaultValue": .boolean,
            "x-ms-media-kind": .string(allowed: ["image", "audio"]), "x-ms-notification-url": .boolean,
            "x-ms-summary": .string(), "x-ms-test-value": .any, "x-ms-visibility": visibility,
            "x-ms-dynamic-schema": .object(LintObjectShape("x-ms-dynamic-schema", properties: [
                "operationId": .string(), "parameters": dynamicParameters, "value-path": .string(),
            ], required: ["operationId"])),
            "x-ms-dynamic-properties": .object(LintObjectShape("x-ms-dynamic-properties", properties: [
                "operationId": .string(), "parameters": dynamicParameters, "itemValuePath": .string(),
            ], required: ["operationId"])),
            "x-ms-dynamic-tree": .object(LintObjectShape("x-ms-dynamic-tree", properties: [
                "settings": .any, "open": .any, "browse": .any,
            ])),
        ],
        vendorExtensions: true))

    static let jsonTypes = ["array", "boolean", "integer", "null", "number", "object", "string"]

    static let securityScheme: LintShape = .choose { value in
        let common: [String: LintShape] = ["type": .string(), "description": .string()]
        switch (value["type"]?.stringValue, value["flow"]?.stringValue) {
        case ("basic", _):
            return .object(LintObjectShape("a basic security scheme", properties: common, required: ["type"], vendorExtensions: true))
        case ("apiKey", _):
            return .object(LintObjectShape("an apiKey security scheme", properties: common.merging([
                "name": .string(), "in": .string(allowed: ["header", "query"]),
            ]) { a, _ in a }, required: ["type", "name", "in"], vendorExtensions: true))
        case ("oauth2", let flow):
            let urls: [String]
            switch flow {
            case "implicit": urls = ["authorizationUrl"]
            case "password", "application": urls = ["tokenUrl"]
            case "accessCode": urls = ["authorizationUrl", "tokenUrl"]
            default:
                return .custom { _ in [(suffix: "/flow", message: "An oauth2 security scheme needs a flow of \"implicit\", \"password\", \"application\" or \"accessCode\" (\(definitionSource)).")] }
            }
            var properties = common
            properties["flow"] = .string()
            properties["scopes"] = .object(LintObjectShape("scopes", additional: .string()))
            for url in urls { properties[url] = .string() }
            return .object(LintObjectShape("an oauth2 \(flow ?? "") security scheme", properties: properties,
                                           required: ["type", "flow"] + urls, vendorExtensions: true))
        default:
            return .custom { _ in [(suffix: "/type", message: "A security scheme's type must be \"basic\", \"apiKey\" or \"oauth2\" (\(definitionSource)).")] }
        }
    }

    /// Swagger's host pattern: `^[^{}/ :\\]+(?::\d+)?$`.
    static func matchesHost(_ host: String) -> Bool {
        var name = Substring(host)
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            name = host[..<colon]
        }
        return !name.isEmpty && !name.contains(where: { "{}/ :\\".contains($0) })
    }

    // MARK: - apiProperties.json (MS002)

    static let uiDefinition: LintShape = .object(LintObjectShape(
        "a uiDefinition",
        properties: [
            "displayName": .string(), "description": .string(), "tooltip": .string(), "tabIndex": .integer,
            "constraints": .object(LintObjectShape("constraints", properties: [
                "clearText": .boolean, "required": .string(), "tabIndex": .integer, "capability": .array(.string()),
                "hidden": .string(),
                "allowedValues": .array(.object(LintObjectShape("an allowed value", properties: [
                    "value": .string(), "text": .string(),
                ], required: ["value"]))),
                "dependencies": .object(LintObjectShape("dependencies", additional: .object(LintObjectShape(
                    "a dependency", properties: ["values": .array(.string())], required: ["values"])))),
            ])),
        ]))

    static let primitiveConnectionParameter: LintShape = .object(LintObjectShape(
        "a connection parameter",
        properties: [
            "type": .string(allowed: ["string", "securestring", "int", "bool"]),
            "allowedValues": .array(.object(LintObjectShape("an allowed value", properties: [
                "value": .string(),
                "uiDefinition": .object(LintObjectShape("a uiDefinition", properties: [
                    "displayName": .string(), "description": .string(),
                ])),
            ], required: ["value"]))),
            "defaultValue": .string(),
            "uiDefinition": uiDefinition,
        ]))

    static let tenantIdConnectionParameter: LintShape = .all([
        .object(LintObjectShape(
            "the token:TenantId connection parameter",
            properties: [
                "type": .string(allowed: ["string"]),
                "metadata": .custom { v in
                    v == .object([LintJSON.Member(key: "sourceType", value: .string("AzureActiveDirectoryTenant"))])
                        ? [] : [(suffix: "", message: "token:TenantId metadata must be {\"sourceType\": \"AzureActiveDirectoryTenant\"} (\(propertiesSource)).")]
                },
                "uiDefinition": .any,
            ],
            required: ["type", "metadata", "uiDefinition"])),
        .custom { v in
            guard let ui = v["uiDefinition"] else { return [] }
            var problems: [(suffix: String, message: String)] = []
            for member in ui.members {
                switch member.key {
                case "constraints":
                    let keys = Set(member.value.members.map(\.key))
                    if keys != ["hidden", "required"] || member.value["hidden"] != .string("true") || member.value["required"] != .string("false") {
                        problems.append((suffix: "/uiDefinition/constraints", message: "token:TenantId constraints must be exactly {\"hidden\": \"true\", \"required\": \"false\"} (\(propertiesSource))."))
                    }
                case "description":
                    if member.value != .string("The tenant ID of for the Azure Active Directory application") {
                        problems.append((suffix: "/uiDefinition/description", message: "token:TenantId's description must be Microsoft's fixed text or absent (\(propertiesSource))."))
                    }
                case "displayName":
                    if member.value != .string("Tenant") {
                        problems.append((suffix: "/uiDefinition/displayName", message: "token:TenantId's displayName must be \"Tenant\" or absent (\(propertiesSource))."))
                    }
                default:
                    problems.append((suffix: "/uiDefinition/" + JSONPointer.escape(member.key), message: "\(quoted(member.key)) is not allowed in the token:TenantId uiDefinition (\(propertiesSource))."))
                }
            }
            return problems
        },
    ])

    static let customParameter: LintShape = .object(LintObjectShape(
        "a custom parameter", properties: ["value": .string()], required: ["value"], additional: .any))

    static let oAuthSettings: LintShape = .choose { value in
        let provider = value["identityProvider"]?.stringValue
        let customKeys: [String]?
        switch provider {
        case "oauth2": customKeys = ["authorizationUrl", "tokenUrl", "refreshUrl"]
        case "aad": customKeys = ["resourceUri", "loginUri", "tenantId"]
        case "aadcertificate": customKeys = ["resourceUri", "loginUri", "loginUriAAD"]
        default: customKeys = nil
        }
        var custom = LintObjectShape("customParameters for identity provider \(provider.map(quoted) ?? "?")", additional: customParameter)
        if let customKeys {
            custom.additional = nil
            for key in customKeys { custom.properties[key] = customParameter }
            if provider == "aad" || provider == "aadcertificate" { custom.required = ["resourceUri"] }
        }
        let stringOrNull: LintShape = .types(["string", "null"])
        return .object(LintObjectShape(
            "oAuthSettings",
            properties: [
                "identityProvider": .string(allowed: ["oauth2", "oauth2generic", "aad", "aadcertificate", "facebook"]),
                "clientId": stringOrNull, "clientSecret": stringOrNull,
                "redirectMode": .string(allowed: ["Global", "Direct"]),
                "redirectUrl": .string(),
                "scopes": .array(.string()),
                "properties": .object(LintObjectShape("oAuthSettings properties", properties: [
                    "IsFirstParty": .string(allowed: provider == "aadcertificate" ? ["True"] : ["True", "False"]),
                    "AzureActiveDirectoryResourceId": .string(),
                ], required: ["IsFirstParty"], additional: provider == "aadcertificate" ? nil : .any)),
                "additionalParameters": .object(LintObjectShape("additionalParameters", additional: .any)),
                "customParameters": .object(custom),
            ],
            required: provider == "aadcertificate" ? ["identityProvider", "properties"] : ["identityProvider"],
            patterns: [
                LintPattern(matches: { ["clientID", "ClientId", "ClientID", "clientSecret", "ClientSecret"].contains($0) }, shape: stringOrNull),
            ]))
    }

    static let connectionParameter: LintShape = .choose { value in
        switch value["type"]?.stringValue {
        case "gatewaySetting":
            return .object(LintObjectShape("a gateway connection parameter", properties: [
                "type": .string(), "uiDefinition": uiDefinition,
            ]))
        case "oauthSetting":
            return .object(LintObjectShape("an OAuth connection parameter", properties: [
                "type": .string(), "oAuthSettings": oAuthSettings, "uiDefinition": uiDefinition,
            ], required: ["type"]))
        case nil:
            return .object(LintObjectShape("a connection parameter", required: ["type"], additional: .any))
        default:
            return .all([.object(LintObjectShape("a connection parameter", required: ["type"], additional: .any)),
                         primitiveConnectionParameter])
        }
    }

    /// Policy templates: `templateId` (any of its spellings) -> (required parameters, optional parameters).
    static let policyTemplates: [String: (required: [String], optional: [String: LintShape])] = {
        let p = "x-ms-apimTemplateParameter."
        let section2: LintShape = .string(allowed: ["Request", "Response"])
        let section3: LintShape = .string(allowed: ["Request", "Response", "Failure"])
        return [
            "convertarraytoobject": ([p + "propertyParentPath", p + "keyWithinCollectionPath", p + "newPropertyPath"],
                                     ["x-ms-apimTemplate-policySection": section2, p + "propertySubPath": .string(),
                                      p + "retainKey": .string(allowed: ["true", "false"])]),
            "convertobjecttoarray": ([p + "propertyParentPath", p + "newPropertyPath"],
                                     ["x-ms-apimTemplate-policySection": section2, p + "propertySubPath": .string(),
                                      p + "keyName": .string(), p + "valueName": .string()]),
            "dynamichosturl": ([p + "urlTemplate"], [:]),
            "encodepropertyvalue": ([], [:]),
            "pollingtrigger": ([p + "triggerConfig", p + "triggerDataPath"],
                               [p + "triggerConfig": .object(LintObjectShape("triggerConfig", additional: .any))]),
            "routerequesttoendpoint": ([p + "newPath"],
                                       [p + "httpMethod": .string(allowed: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "@Request.OriginalHTTPMethod"])]),
            "setheader": ([p + "name", p + "value"],
                          ["x-ms-apimTemplate-policySection": section3,
                           p + "existsAction": .string(allowed: ["override", "skip", "append"])]),
            "setproperty": ([p + "newPropertyParentPathTemplate", p + "newPropertySubPathTemplate", p + "propertyValuePathTemplate"],
                            ["x-ms-apimTemplate-policySection": section2]),
            "setqueryparameter": ([p + "name", p + "value"],
                                  [p + "existsAction": .string(allowed: ["override", "skip", "append"])]),
            "setvaluefromurl": ([p + "parameterTemplate", p + "parameterValueUrl", p + "parameterValuePathTemplate"],
                                ["x-ms-apimTemplate-policySection": section2,
                                 p + "httpMethod": .string(allowed: ["GET", "POST", "PUT"])]),
            "stringreplace": ([p + "propertyParentPath", p + "sourceString", p + "replacementString", p + "newPropertyPath"],
                              ["x-ms-apimTemplate-policySection": section2, p + "propertySubPath": .string()]),
            "stringtoarray": ([p + "propertyParentPath", p + "delimiterList", p + "childPropertyName", p + "newPropertyPath"],
                              ["x-ms-apimTemplate-policySection": section2, p + "propertySubPath": .string()]),
            "updatenextlink": ([p + "nextLinkPropertyName"], [p + "nextLinkParentPropertyPath": .string()]),
        ]
    }()

    /// The spellings of `templateId` the schema accepts for each template.
    static func canonicalTemplateID(_ id: String) -> String? {
        let lower = id.lowercased()
        guard policyTemplates[lower] != nil else { return nil }
        // Only all-lowercase, PascalCase or camelCase spellings are listed; updatenextlink only in lowercase.
        if lower == "updatenextlink" { return id == lower ? lower : nil }
        if id == lower || id.first?.isUppercase == true || id.first?.isLowercase == true { return lower }
        return nil
    }

    static let policyTemplateInstance: LintShape = .choose { value in
        guard let id = value["templateId"]?.stringValue else {
            return .object(LintObjectShape("a policy template instance", required: ["templateId"], additional: .any))
        }
        guard let canonical = canonicalTemplateID(id), let template = policyTemplates[canonical] else {
            let known = policyTemplates.keys.sorted().joined(separator: ", ")
            return .custom { _ in [(suffix: "/templateId", message: "\(quoted(id)) is not a policy template \(propertiesSource) knows (\(known)).")] }
        }
        var parameters = template.optional
        parameters["x-ms-apimTemplate-operationName"] = .array(.string())
        for key in template.required where parameters[key] == nil { parameters[key] = .string() }
        var properties: [String: LintShape] = [
            "templateId": .string(), "title": .string(),
            "parameters": .object(LintObjectShape("the parameters of policy \(canonical)", properties: parameters,
                                                  required: template.required,
                                                  additional: canonical == "encodepropertyvalue" ? .any : nil)),
        ]
        if canonical == "pollingtrigger" { properties["type"] = .string(allowed: ["PollingTrigger"]) }
        return .object(LintObjectShape("a \(canonical) policy", properties: properties, required: ["templateId"]))
    }

    static let apiProperties: LintShape = .object(LintObjectShape(
        "apiProperties.json",
        properties: [
            "$schema": .string(),
            "properties": .object(LintObjectShape(
                "properties",
                properties: [
                    "iconBrandColor": .string(), "publisher": .string(), "stackOwner": .string(),
                    "capabilities": .array(.string()),
                    "connectionParameters": .object(LintObjectShape(
                        "connectionParameters",
                        patterns: [
                            LintPattern(matches: { $0 == "token:TenantId" }, shape: tenantIdConnectionParameter),
                            LintPattern(matches: { isConnectionParameterName($0) }, shape: connectionParameter),
                            LintPattern(matches: { name in
                                let parts = name.split(separator: ":", omittingEmptySubsequences: false)
                                return parts.count == 2 && parts.allSatisfy { isConnectionParameterName(String($0)) }
                            }, shape: primitiveConnectionParameter),
                        ])),
                    "policyTemplateInstances": .array(policyTemplateInstance),
                ],
                required: ["iconBrandColor"])),
        ],
        required: ["properties"]))

    static func isConnectionParameterName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    // MARK: - settings.json (MS003)

    static let settings: LintShape = .object(LintObjectShape(
        "settings.json",
        properties: [
            "$schema": .string(), "connectorId": .string(),
            "environment": .string(check: { env in
                env.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", options: .regularExpression) == nil
                    ? "The environment \(quoted(env)) must be a Power Apps environment GUID in lowercase (00000000-0000-0000-0000-000000000000) (\(settingsSource))." : nil
            }),
            "apiProperties": .string(), "apiDefinition": .string(), "icon": .string(),
            "powerAppsUrl": .string(), "powerAppsApiVersion": .string(allowed: ["2016-11-01"]),
            "flowUrl": .string(), "flowApiVersion": .string(allowed: ["2016-11-01"]),
        ]))
}
