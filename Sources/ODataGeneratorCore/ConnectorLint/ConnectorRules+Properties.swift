import Foundation

extension ConnectorRules {
    static let nextLinkName = "@odata.nextLink"
    static let propertiesFile = ConnectorLinter.propertiesFile

    /// The policy template instances of apiProperties.json with their pointers and lowercased template IDs.
    func policies() -> [(value: LintJSON, pointer: String, template: String)] {
        (properties?["properties"]?["policyTemplateInstances"]?.elements ?? []).enumerated().map {
            ($0.element, JSONPointer.appending("/properties/policyTemplateInstances", $0.offset),
             ($0.element["templateId"]?.stringValue ?? "").lowercased())
        }
    }

    /// A list operation: a GET whose success schema has an array member `value` (after `$ref`s).
    func isList(_ op: LintOperation) -> Bool {
        guard op.method == "get" else { return false }
        for response in op.node["responses"]?.members ?? [] where response.key.hasPrefix("2") {
            guard let resolved = deref(response.value, at: ""), let schema = resolved.value["schema"],
                  let body = deref(schema, at: "")?.value, let value = body["properties"]?["value"],
                  let valueSchema = deref(value, at: "")?.value else { continue }
            if valueSchema["type"] == .string("array") { return true }
        }
        return false
    }

    // MARK: - PP008: paging

    mutating func checkPaging() {
        var pageable: [String] = []
        if let definition {
            for op in Self.operations(of: definition) {
                if let pageableNode = op.node["x-ms-pageable"] {
                    if pageableNode["nextLinkName"] != .string(Self.nextLinkName) {
                        report("PP008", op.pointer + "/x-ms-pageable", "x-ms-pageable must be {\"nextLinkName\": \"@odata.nextLink\"}, the link F&O returns.")
                    }
                    if let id = op.operationID { pageable.append(id) }
                } else if isList(op) {
                    report("PP008", op.pointer, "\(op.label) returns a list but has no x-ms-pageable {\"nextLinkName\": \"@odata.nextLink\"}; only the first page would be read.")
                }
            }
        }
        // Without a readable definition the policy cannot be compared with anything.
        guard properties != nil, definition != nil else { return }
        let nextLinkPolicies = policies().filter { $0.template == "updatenextlink" }
        if nextLinkPolicies.isEmpty {
            if !pageable.isEmpty {
                report("PP008", "/properties", "The pageable operations (\(pageable.joined(separator: ", "))) need an updatenextlink policy in policyTemplateInstances, or @odata.nextLink bypasses the connector.", file: Self.propertiesFile)
            }
            return
        }
        var named: [String] = []
        for policy in nextLinkPolicies {
            let parameters = policy.value["parameters"]
            let names = parameters?["x-ms-apimTemplate-operationName"]
            if names == nil {
                report("PP008", policy.pointer + "/parameters", "The updatenextlink policy names no operations (x-ms-apimTemplate-operationName).", file: Self.propertiesFile)
            }
            for (i, name) in (names?.elements ?? []).enumerated() {
                guard let id = name.stringValue else { continue }
                named.append(id)
                if !pageable.contains(id) {
                    report("PP008", JSONPointer.appending(policy.pointer + "/parameters/x-ms-apimTemplate-operationName", i),
                           "The updatenextlink policy names \(quoted(id)), which is not a pageable operation of the definition.", file: Self.propertiesFile)
                }
            }
            if parameters?["x-ms-apimTemplateParameter.nextLinkPropertyName"] != .string(Self.nextLinkName) {
                report("PP008", policy.pointer + "/parameters", "The updatenextlink policy's nextLinkPropertyName must be \"@odata.nextLink\".", file: Self.propertiesFile)
            }
        }
        let missing = pageable.filter { !named.contains($0) }
        if !missing.isEmpty {
            report("PP008", nextLinkPolicies[0].pointer + "/parameters", "The updatenextlink policy does not name the pageable operation\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")).", file: Self.propertiesFile)
        }
    }

    // MARK: - PP010: apiProperties.json

    mutating func checkProperties(_ document: LintJSON) {
        let file = Self.propertiesFile
        guard let props = document["properties"], props.isObject else {
            report("PP010", "", "apiProperties.json needs a \"properties\" object.", file: file)
            return
        }
        let parameters = props["connectionParameters"]
        if let token = parameters?["token"] {
            let base = "/properties/connectionParameters/token"
            if token["type"] != .string("oauthSetting") {
                report("PP010", base, "The token connection parameter must have type \"oauthSetting\".", file: file)
            }
            if let settings = token["oAuthSettings"], settings.isObject {
                checkOAuthSettings(settings, base + "/oAuthSettings")
            } else {
                report("PP010", base, "The token connection parameter needs oAuthSettings (Entra ID).", file: file)
            }
        } else {
            report("PP010", "/properties", "connectionParameters needs a \"token\" parameter of type oauthSetting (Entra ID OAuth 2.0).", file: file)
        }
        if let color = props["iconBrandColor"]?.stringValue {
            let hex = color.dropFirst()
            if !(color.hasPrefix("#") && hex.count == 6 && hex.allSatisfy(\.isHexDigit)) {
                report("PP010", "/properties/iconBrandColor", "iconBrandColor \(quoted(color)) must be a color such as #0B556A.", file: file)
            }
        } else {
            report("PP010", "/properties", "properties needs an iconBrandColor such as #0B556A.", file: file)
        }
        if let capabilities = props["capabilities"] {
            if capabilities != .array([]) {
                report("PP010", "/properties/capabilities", "capabilities must be [] for a connector of actions only.", file: file)
            }
        } else {
            report("PP010", "/properties", "properties needs \"capabilities\": [].", file: file)
        }
        checkDynamicHost(props, parameters)
    }

    mutating func checkOAuthSettings(_ settings: LintJSON, _ base: String) {
        let file = Self.propertiesFile
        if settings["identityProvider"] != .string("aad") {
            report("PP010", base + "/identityProvider", "identityProvider must be \"aad\" (Microsoft Entra ID).", file: file)
        }
        if (settings["clientId"]?.stringValue ?? "").isEmpty {
            report("PP010", base, "oAuthSettings needs a clientId (the Entra app registration's application ID).", file: file)
        }
        if settings["scopes"]?.isArray != true {
            report("PP010", base, "oAuthSettings needs a scopes array.", file: file)
        }
        if settings["redirectMode"]?.stringValue == nil {
            report("PP010", base, "oAuthSettings needs a redirectMode (e.g. \"Global\").", file: file)
        }
        guard let custom = settings["customParameters"], custom.isObject else {
            report("PP010", base, "oAuthSettings needs customParameters loginUri, tenantId and resourceUri.", file: file)
            return
        }
        let cp = base + "/customParameters"
        func value(_ key: String) -> String? {
            let v = custom[key]?["value"]?.stringValue
            if v == nil { report("PP010", cp, "customParameters needs \(key) with a string value.", file: file) }
            return v
        }
        if let login = value("loginUri"), login != "https://login.microsoftonline.com" {
            report("PP010", cp + "/loginUri/value", "loginUri must be \"https://login.microsoftonline.com\", not \(quoted(login)).", file: file)
        }
        if let tenant = value("tenantId"), tenant.trimmingCharacters(in: .whitespaces).isEmpty || tenant.contains("/") || tenant.contains(" ") {
            report("PP010", cp + "/tenantId/value", "tenantId must be \"common\", a tenant GUID or a tenant domain.", file: file)
        }
        if let resource = value("resourceUri") {
            if let problem = Self.environmentURLProblem(resource) {
                report("PP010", cp + "/resourceUri/value", "resourceUri \(quoted(resource)) \(problem)", file: file)
            }
        }
    }

    /// Why `url` is not an environment URL (`https://host`, no path, no trailing slash), or nil.
    static func environmentURLProblem(_ url: String) -> String? {
        guard url.hasPrefix("https://") else { return "must start with https://." }
        let rest = url.dropFirst("https://".count)
        if rest.hasSuffix("/") { return "must not end with a slash (F&O rejects the token's audience otherwise)." }
        if rest.contains("/") { return "must be the environment URL without a path." }
        if rest.isEmpty { return "has no host." }
        return nil
    }

    mutating func checkDynamicHost(_ props: LintJSON, _ parameters: LintJSON?) {
        let file = Self.propertiesFile
        let hostPolicies = policies().filter { $0.template == "dynamichosturl" }
        let host = definition?["host"]?.stringValue
        let basePath = definition?["basePath"]?.stringValue
        for policy in hostPolicies {
            let pointer = policy.pointer + "/parameters/x-ms-apimTemplateParameter.urlTemplate"
            guard let template = policy.value["parameters"]?["x-ms-apimTemplateParameter.urlTemplate"]?.stringValue else {
                report("PP010", policy.pointer, "The dynamichosturl policy needs x-ms-apimTemplateParameter.urlTemplate.", file: file)
                continue
            }
            let referenced = Self.connectionParameterReferences(template)
            if referenced.isEmpty {
                report("PP010", pointer, "The dynamichosturl urlTemplate uses no connection parameter, so every connection goes to the same host.", file: file)
            }
            for name in referenced where parameters?[name] == nil {
                report("PP010", pointer, "The dynamichosturl urlTemplate uses connection parameter \(quoted(name)), which connectionParameters does not declare.", file: file)
            }
            if let basePath, !template.hasSuffix(basePath) {
                report("PP010", pointer, "The dynamichosturl urlTemplate must end with the basePath \(quoted(basePath)).", file: file)
            }
        }
        if hostPolicies.isEmpty, let host,
           let resource = parameters?["token"]?["oAuthSettings"]?["customParameters"]?["resourceUri"]?["value"]?.stringValue,
           resource != "https://" + host {
            report("PP010", "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri/value",
                   "resourceUri \(quoted(resource)) must be https://\(host) (the definition's host) unless a dynamichosturl policy picks the host per connection.", file: file)
        }
    }

    /// The names in `@connectionParameters('name')` expressions.
    static func connectionParameterReferences(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        let marker = "@connectionParameters('"
        while let start = rest.range(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "'") else { break }
            names.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return names
    }
}
