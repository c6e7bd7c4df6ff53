/// Writes an `APIDescription` (or a part of it) as Swagger 2.0 for Power Platform or as OpenAPI 3.0.3.
struct APIRenderer {
    enum Dialect { case swagger2, openAPI3 }

    let api: APIDescription
    let dialect: Dialect

    private var refPrefix: String { dialect == .swagger2 ? "#/definitions/" : "#/components/schemas/" }
    private var parameterPrefix: String { dialect == .swagger2 ? "#/parameters/" : "#/components/parameters/" }

    func schema(_ s: APISchema) -> JSONValue {
        switch s {
        case .primitive(let type, let format, let values):
            var o: [String: JSONValue] = ["type": .string(type)]
            if let format { o["format"] = .string(format) }
            if let values { o["enum"] = .array(values.map { .string($0) }) }
            return .object(o)
        case .ref(let name): return ["$ref": .string(refPrefix + name)]
        case .array(let item): return ["type": "array", "items": schema(item)]
        case .anyObject: return ["type": "object"]
        case .object(let props):
            var members: [String: JSONValue] = [:]
            for p in props { members[p.name] = property(p) }
            return ["type": "object", "properties": .object(members)]
        }
    }

    private func property(_ p: APIProperty) -> JSONValue {
        var node = schema(p.schema)
        guard case .object(var o) = node else { return node }
        if o["$ref"] != nil { return node }  // no siblings beside $ref
        if p.nullable { o[dialect == .swagger2 ? "x-nullable" : "nullable"] = true }
        if let s = p.summary { o[dialect == .swagger2 ? "x-ms-summary" : "title"] = .string(s) }
        if let d = p.description { o["description"] = .string(d) }
        if let v = p.visibility, dialect == .swagger2 { o["x-ms-visibility"] = .string(v) }
        if p.readOnly { o["readOnly"] = true }
        node = .object(o)
        return node
    }

    func parameter(_ p: APIParameter) -> JSONValue {
        var o: [String: JSONValue] = ["name": .string(p.name), "in": .string(p.location.rawValue), "required": .bool(p.required),
                                      "description": .string(p.description)]
        if dialect == .swagger2 {
            if case .object(let s) = schema(p.schema) { for (k, v) in s { o[k] = v } }
            o["x-ms-summary"] = .string(p.summary)
            o["x-ms-visibility"] = .string(p.visibility)
            if p.location == .path { o["x-ms-url-encoding"] = "single" }
            if let d = p.defaultValue { o["default"] = d }
            if let m = p.minimum { o["minimum"] = .int(m) }
        } else {
            var s = schema(p.schema).objectValue ?? [:]
            if let d = p.defaultValue { s["default"] = d }
            if let m = p.minimum { s["minimum"] = .int(m) }
            o["schema"] = .object(s)
        }
        return .object(o)
    }

    private func operation(_ op: APIOperation) -> JSONValue {
        var o: [String: JSONValue] = ["operationId": .string(op.id), "summary": .string(op.summary),
                                      "description": .string(op.description)]
        var params: [JSONValue] = op.parameters.map { use in
            switch use {
            case .shared(let key): return ["$ref": .string(parameterPrefix + key)]
            case .inline(let p): return parameter(p)
            }
        }
        var response: [String: JSONValue] = ["description": .string(op.responseDescription)]
        if dialect == .swagger2 {
            o["x-ms-visibility"] = .string(op.visibility)
            if let body = op.body {
                params.append(["name": "body", "in": "body", "required": true, "description": .string(body.description),
                               "schema": schema(body.schema)])
            }
            if let r = op.responseSchema { response["schema"] = schema(r) }
            if op.pageable { o["x-ms-pageable"] = ["nextLinkName": "@odata.nextLink"] }
        } else {
            if let body = op.body {
                o["requestBody"] = ["required": true, "description": .string(body.description),
                                    "content": ["application/json": ["schema": schema(body.schema)]]]
            }
            if let r = op.responseSchema { response["content"] = ["application/json": ["schema": schema(r)]] }
        }
        if !params.isEmpty { o["parameters"] = .array(params) }
        o["responses"] = .object([String(op.responseCode): .object(response),
                                  "default": ["description": "The service answered with an OData error."]])
        return .object(o)
    }

    private func paths(_ operations: [APIOperation]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for op in operations { paths[op.path, default: [:]][op.method] = operation(op) }
        return .object(paths.mapValues { .object($0) })
    }

    private func definitions(_ operations: [APIOperation]) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for name in api.definitionsNeeded(by: operations) {
            guard case .object(var o) = schema(api.definitions[name] ?? .anyObject) else { continue }
            if let d = api.definitionDescriptions[name] { o["description"] = .string(d) }
            out[name] = .object(o)
        }
        return .object(out)
    }

    private func sharedParameters(_ operations: [APIOperation]) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for key in api.sharedParametersNeeded(by: operations) { out[key] = parameter(api.sharedParameters[key]!) }
        return .object(out)
    }

    private var authorizationURL: String { "https://login.microsoftonline.com/\(api.tenant)/oauth2/authorize" }
    private var tokenURL: String { "https://login.microsoftonline.com/\(api.tenant)/oauth2/token" }

    /// The Swagger 2.0 definition of `operations`.
    func swagger(title: String, operations: [APIOperation]) -> JSONValue {
        [
            "swagger": "2.0",
            "info": ["title": .string(title), "description": .string(api.description), "version": "1.0.0",
                     "contact": ["name": .string(title), "url": .string("https://" + api.host)]],
            "host": .string(api.host),
            "basePath": "/data",
            "schemes": ["https"],
            "consumes": ["application/json"],
            "produces": ["application/json"],
            "paths": paths(operations),
            "definitions": definitions(operations),
            "parameters": sharedParameters(operations),
            "responses": [:],
            "securityDefinitions": ["oauth2-auth": [
                "type": "oauth2", "flow": "accessCode", "authorizationUrl": .string(authorizationURL),
                "tokenUrl": .string(tokenURL), "scopes": [:],
            ]],
            "security": [["oauth2-auth": []]],
            "tags": [],
            "x-ms-connector-metadata": [
                ["propertyName": "Website", "propertyValue": .string("https://" + api.host)],
                ["propertyName": "Privacy policy", "propertyValue": .string("https://" + api.host)],
                ["propertyName": "Categories", "propertyValue": "Business Management;Data"],
            ],
        ]
    }

    /// The OpenAPI 3.0.3 document of `operations`.
    func openAPI(title: String, operations: [APIOperation]) -> JSONValue {
        [
            "openapi": "3.0.3",
            "info": ["title": .string(title), "description": .string(api.description), "version": "1.0.0"],
            "servers": [["url": .string("https://\(api.host)/data")]],
            "paths": paths(operations),
            "components": [
                "schemas": definitions(operations),
                "parameters": sharedParameters(operations),
                "securitySchemes": ["oauth2": [
                    "type": "oauth2",
                    "flows": ["authorizationCode": ["authorizationUrl": .string(authorizationURL), "tokenUrl": .string(tokenURL),
                                                    "scopes": [:]]],
                ]],
            ],
            "security": [["oauth2": []]],
        ]
    }
}
