import Foundation

/// One operation of a Swagger definition.
struct LintOperation {
    var path: String
    var method: String
    var node: LintJSON
    /// Pointer of the operation object.
    var pointer: String
    var operationID: String? { node["operationId"]?.stringValue }
    /// How messages name it.
    var label: String { operationID.map { "Operation \($0)" } ?? "The \(method.uppercased()) operation on \(path)" }
}

/// The rules that are not plain schema shapes: SW001 and PP001-PP010. The definition and properties are the
/// documents that could be read (nil when missing or broken: their rules are then skipped).
struct ConnectorRules {
    let definition: LintJSON?
    let definitionSize: Int
    let properties: LintJSON?
    let options: ConnectorLintOptions
    var violations: [ConnectorLintViolation] = []

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch"]
    static let allowedFormats: Set<String> = ["int32", "int64", "float", "double", "byte", "binary", "date", "date-time",
                                              "password", "email", "uri", "uuid"]

    init(definition: LintJSON?, definitionSize: Int, properties: LintJSON?, options: ConnectorLintOptions) {
        self.definition = definition
        self.definitionSize = definitionSize
        self.properties = properties
        self.options = options
    }

    mutating func checkAll() {
        if let definition {
            let operations = Self.operations(of: definition)
            checkStructure(definition, operations)
            checkInfo(definition)
            checkHost(definition)
            checkLimits(operations)
            checkNames(operations)
            checkPathsAndParameters(definition, operations)
            checkResponses(definition, operations)
            checkSchemas(definition, operations)
            checkSecurity(definition)
        }
        checkPaging()
        if let properties { checkProperties(properties) }
    }

    // MARK: - Helpers

    mutating func report(_ rule: String, _ pointer: String, _ message: String, file: String = ConnectorLinter.definitionFile) {
        violations.append(ConnectorLintViolation(rule: rule, message: message, file: file, pointer: pointer))
    }

    static func operations(of document: LintJSON) -> [LintOperation] {
        var result: [LintOperation] = []
        for path in document["paths"]?.members ?? [] where path.key.hasPrefix("/") {
            let pathPointer = JSONPointer.appending("/paths", path.key)
            for member in path.value.members where methods.contains(member.key) {
                result.append(LintOperation(path: path.key, method: member.key, node: member.value,
                                            pointer: JSONPointer.appending(pathPointer, member.key)))
            }
        }
        return result
    }

    /// Follows local `$ref`s (at most 16 hops). Returns the target and its pointer, or nil when a reference
    /// does not resolve (PP007 reports that).
    func deref(_ node: LintJSON, at pointer: String) -> (value: LintJSON, pointer: String)? {
        var current = node
        var currentPointer = pointer
        for _ in 0..<16 {
            guard let ref = current["$ref"]?.stringValue else { return (current, currentPointer) }
            guard ref.hasPrefix("#"), let definition, let target = definition.resolve(pointer: String(ref.dropFirst())) else {
                return nil
            }
            current = target
            currentPointer = String(ref.dropFirst())
        }
        return nil
    }

    /// The parameters an operation takes: the path item's, overridden by the operation's (same name and `in`),
    /// each resolved, with the pointer where it is written in the operation or path item.
    func effectiveParameters(_ op: LintOperation) -> [(value: LintJSON, pointer: String)] {
        var result: [(value: LintJSON, pointer: String)] = []
        var seen: Set<String> = []
        let pathPointer = String(op.pointer[..<op.pointer.lastIndex(of: "/")!])
        let own = op.node["parameters"]?.elements ?? []
        let shared = definition?.resolve(pointer: pathPointer)?["parameters"]?.elements ?? []
        for (list, base) in [(own, op.pointer + "/parameters"), (shared, pathPointer + "/parameters")] {
            for (i, raw) in list.enumerated() {
                let pointer = JSONPointer.appending(base, i)
                guard let resolved = deref(raw, at: pointer) else { continue }
                let key = (resolved.value["in"]?.stringValue ?? "") + "\u{0}" + (resolved.value["name"]?.stringValue ?? "")
                if seen.insert(key).inserted { result.append((resolved.value, pointer)) }
            }
        }
        return result
    }

    /// The names written as `{name}` in a path template.
    static func templateNames(_ path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for ch in path {
            if ch == "{" { current = "" } else if ch == "}" {
                if let c = current { names.append(c) }
                current = nil
            } else if current != nil { current!.append(ch) }
        }
        return names
    }

    // MARK: - SW001: Swagger 2.0 structure

    mutating func checkStructure(_ doc: LintJSON, _ operations: [LintOperation]) {
        for key in ["swagger", "info", "paths"] where doc[key] == nil {
            report("SW001", "", "A Swagger 2.0 document needs a top-level \(quoted(key)).")
        }
        if let info = doc["info"] {
            for key in ["title", "version"] where info[key]?.stringValue == nil {
                report("SW001", "/info", "info needs a string \(quoted(key)).")
            }
        }
        for path in doc["paths"]?.members ?? [] {
            let pointer = JSONPointer.appending("/paths", path.key)
            if !path.key.hasPrefix("/") && !path.key.hasPrefix("x-") {
                report("SW001", pointer, "The path \(quoted(path.key)) must start with \"/\".")
                continue
            }
            let names = Self.templateNames(path.key)
            if path.key.filter({ $0 == "{" }).count != path.key.filter({ $0 == "}" }).count {
                report("SW001", pointer, "The path \(quoted(path.key)) has unbalanced braces.")
            }
            if Set(names).count != names.count {
                report("SW001", pointer, "The path \(quoted(path.key)) names a path parameter twice.")
            }
        }
        for op in operations {
            checkOperationParameters(op)
            guard let responses = op.node["responses"] else {
                report("SW001", op.pointer, "\(op.label) has no responses.")
                continue
            }
            let codes = responses.members.filter { !$0.key.hasPrefix("x-") }
            if codes.isEmpty { report("SW001", op.pointer + "/responses", "\(op.label) declares no response.") }
            for response in codes {
                let pointer = JSONPointer.appending(op.pointer + "/responses", response.key)
                let isCode = response.key.count == 3 && response.key.allSatisfy(\.isASCII) && Int(response.key).map { (100...599).contains($0) } == true
                if response.key != "default" && !isCode {
                    report("SW001", pointer, "\(quoted(response.key)) is not an HTTP status code (100-599) or \"default\".")
                }
                if let resolved = deref(response.value, at: pointer), resolved.value["description"]?.stringValue == nil {
                    report("SW001", pointer, "A response needs a string \"description\".")
                }
            }
        }
    }

    mutating func checkOperationParameters(_ op: LintOperation) {
        let pathPointer = String(op.pointer[..<op.pointer.lastIndex(of: "/")!])
        // Duplicates within one list.
        for (list, base) in [(op.node["parameters"], op.pointer + "/parameters"),
                             (definition?.resolve(pointer: pathPointer)?["parameters"], pathPointer + "/parameters")] {
            var seen: Set<String> = []
            for (i, raw) in (list?.elements ?? []).enumerated() {
                let pointer = JSONPointer.appending(base, i)
                guard let (param, _) = deref(raw, at: pointer) else { continue }
                guard param.isObject else {
                    report("SW001", pointer, "A parameter must be an object.")
                    continue
                }
                let name = param["name"]?.stringValue
                let location = param["in"]?.stringValue
                if name == nil { report("SW001", pointer, "A parameter needs a string \"name\".") }
                guard let location else {
                    report("SW001", pointer, "A parameter needs \"in\" (query, header, path, formData or body).")
                    continue
                }
                if !["query", "header", "path", "formData", "body"].contains(location) {
                    report("SW001", pointer, "\(quoted(location)) is not a parameter location (query, header, path, formData or body).")
                } else if location == "body" {
                    if param["schema"] == nil { report("SW001", pointer, "A body parameter needs a \"schema\".") }
                } else {
                    let type = param["type"]?.stringValue
                    let types = location == "formData" ? ["string", "number", "integer", "boolean", "array", "file"]
                        : ["string", "number", "integer", "boolean", "array"]
                    if let type, !types.contains(type) {
                        report("SW001", pointer, "A \(location) parameter cannot have type \(quoted(type)).")
                    } else if type == nil {
                        report("SW001", pointer, "A \(location) parameter needs a \"type\".")
                    }
                    if type == "array" && param["items"] == nil {
                        report("SW001", pointer, "An array parameter needs \"items\".")
                    }
                }
                if let name, !seen.insert(location + "\u{0}" + name).inserted {
                    report("SW001", pointer, "The parameter \(quoted(name)) in \(location) is declared twice.")
                }
            }
        }
        let params = effectiveParameters(op)
        let declared = params.filter { $0.value["in"]?.stringValue == "path" }.compactMap { $0.value["name"]?.stringValue }
        let inTemplate = Self.templateNames(op.path)
        for name in inTemplate where !declared.contains(name) {
            report("SW001", op.pointer, "\(op.label) has {\(name)} in its path but no path parameter named \(quoted(name)).")
        }
        for (param, pointer) in params where param["in"]?.stringValue == "path" {
            if let name = param["name"]?.stringValue, !inTemplate.contains(name) {
                report("SW001", pointer, "The path parameter \(quoted(name)) does not appear as {\(name)} in \(quoted(op.path)).")
            }
        }
        let locations = params.compactMap { $0.value["in"]?.stringValue }
        if locations.contains("body") && locations.contains("formData") {
            report("SW001", op.pointer, "\(op.label) has both a body and formData parameters.")
        }
    }

    // MARK: - PP001: version and info

    mutating func checkInfo(_ doc: LintJSON) {
        if doc["openapi"] != nil {
            report("PP001", "/openapi", "This is an OpenAPI 3 document; custom connectors need Swagger 2.0 (\"swagger\": \"2.0\").")
        }
        if let swagger = doc["swagger"], swagger != .string("2.0") {
            report("PP001", "/swagger", "\"swagger\" must be \"2.0\".")
        } else if doc["swagger"] == nil && doc["openapi"] == nil {
            report("PP001", "", "The definition must declare \"swagger\": \"2.0\".")
        }
        guard let info = doc["info"], info.isObject else {
            report("PP001", "", "The definition needs an info object with title, description and version.")
            return
        }
        if let title = info["title"]?.stringValue {
            if title.count > 30 { report("PP001", "/info/title", "info.title has \(title.count) characters; at most 30 are allowed.") }
            if title.trimmingCharacters(in: .whitespaces).isEmpty { report("PP001", "/info/title", "info.title is empty.") }
        } else {
            report("PP001", "/info", "info needs a title (at most 30 characters).")
        }
        if let description = info["description"]?.stringValue {
            if description.count < 30 || description.count > 500 {
                report("PP001", "/info/description", "info.description has \(description.count) characters; it needs 30 to 500.")
            }
        } else {
            report("PP001", "/info", "info needs a description of 30 to 500 characters.")
        }
        if (info["version"]?.stringValue ?? "").isEmpty {
            report("PP001", "/info", "info needs a version.")
        }
    }

    // MARK: - PP002: host, basePath, schemes

    static func isPlainHostName(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return !host.isEmpty && host.count <= 253 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    mutating func checkHost(_ doc: LintJSON) {
        if let host = doc["host"]?.stringValue {
            if !Self.isPlainHostName(host) {
                report("PP002", "/host", "host \(quoted(host)) must be a plain host name such as contoso.operations.dynamics.com, without scheme, port or path.")
            }
        } else {
            report("PP002", "", "The definition needs a host (a placeholder such as contoso.operations.dynamics.com is fine).")
        }
        if doc["basePath"] != .string("/data") {
            report("PP002", doc["basePath"] == nil ? "" : "/basePath", "basePath must be \"/data\" (the F&O OData root).")
        }
        if doc["schemes"] != .array([.string("https")]) {
            report("PP002", doc["schemes"] == nil ? "" : "/schemes", "schemes must be exactly [\"https\"].")
        }
    }

    // MARK: - PP003: limits

    mutating func checkLimits(_ operations: [LintOperation]) {
        if definitionSize >= options.maximumDefinitionBytes {
            report("PP003", "", "The definition file has \(definitionSize) bytes; it must stay under \(options.maximumDefinitionBytes). Split the selection into several connectors.")
        }
        if operations.count > options.maximumOperations {
            report("PP003", "/paths", "The definition has \(operations.count) operations; at most \(options.maximumOperations) are allowed. Split the selection into several connectors.")
        }
    }

    // MARK: - PP004: operation names, summaries, descriptions, visibility

    static func isOperationID(_ id: String) -> Bool {
        guard let first = id.first, first.isASCII, first.isUppercase else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    mutating func checkNames(_ operations: [LintOperation]) {
        var firstUse: [String: String] = [:]
        for op in operations {
            if let id = op.node["operationId"]?.stringValue {
                if !Self.isOperationID(id) {
                    report("PP004", op.pointer + "/operationId", "operationId \(quoted(id)) must match ^[A-Z][A-Za-z0-9]*$ (PascalCase letters and digits).")
                }
                if let earlier = firstUse[id] {
                    report("PP004", op.pointer + "/operationId", "operationId \(quoted(id)) is already used at \(earlier); operation IDs must be unique.")
                } else {
                    firstUse[id] = op.pointer
                }
            } else {
                report("PP004", op.pointer, "\(op.label) has no operationId.")
            }
            if let summary = op.node["summary"]?.stringValue {
                if summary.count > 80 {
                    report("PP004", op.pointer + "/summary", "The summary has \(summary.count) characters; at most 80 are allowed.")
                }
                let banned = summary.filter { "/\\<>*%&?".contains($0) }
                if !banned.isEmpty {
                    report("PP004", op.pointer + "/summary", "The summary contains \(String(Set(banned)).sorted().map { "'\($0)'" }.joined(separator: ", ")); / \\ < > * % & ? are not allowed.")
                }
                if let last = summary.last, !(last.isLetter || last.isNumber) {
                    report("PP004", op.pointer + "/summary", "The summary must end in a letter or digit, not '\(last)'.")
                } else if summary.isEmpty {
                    report("PP004", op.pointer + "/summary", "The summary is empty.")
                }
            } else {
                report("PP004", op.pointer, "\(op.label) has no summary.")
            }
            if (op.node["description"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                report("PP004", op.pointer, "\(op.label) has no description.")
            }
            if let visibility = op.node["x-ms-visibility"],
               !["important", "advanced", "internal"].contains(visibility.stringValue ?? "") {
                report("PP004", op.pointer + "/x-ms-visibility", "x-ms-visibility must be \"important\", \"advanced\" or \"internal\".")
            }
        }
    }

    // MARK: - PP005: paths and parameters

    mutating func checkPathsAndParameters(_ doc: LintJSON, _ operations: [LintOperation]) {
        var lowercased: [String: String] = [:]
        for path in doc["paths"]?.members ?? [] where path.key.hasPrefix("/") {
            let pointer = JSONPointer.appending("/paths", path.key)
            if let earlier = lowercased[path.key.lowercased()] {
                report("PP005", pointer, "The path \(quoted(path.key)) equals \(quoted(earlier)) ignoring case; the Power Platform treats them as one.")
            } else {
                lowercased[path.key.lowercased()] = path.key
            }
            if path.key.contains("$batch") {
                report("PP005", pointer, "The path \(quoted(path.key)) is an OData $batch endpoint; custom connectors cannot send multipart batches.")
            }
        }
        for (key, base) in [("consumes", ""), ("produces", "")] {
            checkMediaTypes(doc[key], base + "/" + key)
        }
        for op in operations {
            checkMediaTypes(op.node["consumes"], op.pointer + "/consumes")
            checkMediaTypes(op.node["produces"], op.pointer + "/produces")
            let params = effectiveParameters(op)
            let bodies = params.filter { $0.value["in"]?.stringValue == "body" }
            if op.method == "get", let body = bodies.first {
                report("PP005", body.pointer, "\(op.label) is a GET with a body parameter; GET requests carry no body.")
            }
            if bodies.count > 1 {
                report("PP005", bodies[1].pointer, "\(op.label) has \(bodies.count) body parameters; at most one is allowed.")
            }
            for (param, pointer) in params where param["in"]?.stringValue == "path" {
                let name = param["name"]?.stringValue ?? "?"
                if param["required"] != .bool(true) {
                    report("PP005", pointer, "The path parameter \(quoted(name)) must have \"required\": true.")
                }
                if param["x-ms-url-encoding"] != .string("single") {
                    report("PP005", pointer, "The path parameter \(quoted(name)) needs \"x-ms-url-encoding\": \"single\" (key values are encoded once, as OData expects).")
                }
            }
        }
    }

    mutating func checkMediaTypes(_ value: LintJSON?, _ pointer: String) {
        guard let value else { return }
        for (i, element) in value.elements.enumerated() where element != .string("application/json") {
            report("PP005", JSONPointer.appending(pointer, i), "Only application/json is supported, not \(element.stringValue.map(quoted) ?? element.typeName).")
        }
    }

    // MARK: - PP006: responses

    mutating func checkResponses(_ doc: LintJSON, _ operations: [LintOperation]) {
        for op in operations {
            guard let responses = op.node["responses"] else { continue }
            let base = op.pointer + "/responses"
            var successes: [String] = []
            for member in responses.members {
                let pointer = JSONPointer.appending(base, member.key)
                let key = member.key
                if key.count == 3, let first = key.first, ("1"..."5").contains(first), key.dropFirst().allSatisfy({ $0 == "X" || $0 == "x" }) {
                    report("PP006", pointer, "Range response keys such as \(quoted(key)) are not supported; name the status code or use default.")
                    continue
                }
                guard let response = deref(member.value, at: pointer)?.value else { continue }
                if key == "default" {
                    if (response["description"]?.stringValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                        report("PP006", pointer, "The default response needs a description.")
                    }
                    if response["schema"] != nil {
                        report("PP006", pointer + "/schema", "The default response must not have a schema (errors are not typed).")
                    }
                    continue
                }
                guard key.count == 3, key.hasPrefix("2"), Int(key) != nil else { continue }
                successes.append(key)
                if ["200", "201", "203", "206"].contains(key), response["schema"] == nil {
                    report("PP006", pointer, "Response \(key) returns a body, so it needs a schema.")
                }
                if ["204", "205"].contains(key), response["schema"] != nil {
                    report("PP006", pointer + "/schema", "Response \(key) has no body, so it must not have a schema.")
                }
            }
            if successes.count != 1 {
                report("PP006", base, "\(op.label) has \(successes.count) 2xx responses (\(successes.joined(separator: ", "))); exactly one is required.")
            }
        }
    }

    // MARK: - PP007: the schema subset and references

    mutating func checkSchemas(_ doc: LintJSON, _ operations: [LintOperation]) {
        // Schemas: definitions, body parameters, responses (shared and per operation); non-body parameters
        // (their type and format).
        for member in doc["definitions"]?.members ?? [] {
            checkSchema(member.value, JSONPointer.appending("/definitions", member.key))
        }
        func parameterRoots(_ list: LintJSON?, _ base: String) -> [(LintJSON, String)] {
            (list?.elements ?? []).enumerated().map { ($0.element, JSONPointer.appending(base, $0.offset)) }
        }
        var parameters: [(LintJSON, String)] = (doc["parameters"]?.members ?? []).map { ($0.value, JSONPointer.appending("/parameters", $0.key)) }
        var responses: [(LintJSON, String)] = (doc["responses"]?.members ?? []).map { ($0.value, JSONPointer.appending("/responses", $0.key)) }
        for path in doc["paths"]?.members ?? [] {
            parameters += parameterRoots(path.value["parameters"], JSONPointer.appending("/paths", path.key) + "/parameters")
        }
        for op in operations {
            parameters += parameterRoots(op.node["parameters"], op.pointer + "/parameters")
            responses += (op.node["responses"]?.members ?? []).map { ($0.value, JSONPointer.appending(op.pointer + "/responses", $0.key)) }
        }
        for (param, pointer) in parameters where param["$ref"] == nil {
            if let schema = param["schema"] { checkSchema(schema, pointer + "/schema") } else { checkSchema(param, pointer) }
        }
        for (response, pointer) in responses where response["$ref"] == nil {
            if let schema = response["schema"] { checkSchema(schema, pointer + "/schema") }
        }
        checkReferences(doc, "")
        checkCycles(doc)
    }

    mutating func checkSchema(_ schema: LintJSON, _ pointer: String) {
        guard schema.isObject else { return }
        for keyword in ["oneOf", "anyOf", "not", "nullable"] where schema[keyword] != nil {
            report("SW001", JSONPointer.appending(pointer, keyword), "\(quoted(keyword)) is not a Swagger 2.0 schema keyword (it is JSON Schema or OpenAPI 3).")
        }
        for keyword in ["oneOf", "anyOf", "not"] where schema[keyword] != nil {
            report("PP007", JSONPointer.appending(pointer, keyword), "\(keyword) is not supported by custom connectors; describe one shape.")
        }
        if schema["nullable"] != nil {
            report("PP007", pointer + "/nullable", "\"nullable\" is OpenAPI 3; write \"x-nullable\": true in a Swagger 2.0 connector.")
        }
        if let type = schema["type"], type.isArray {
            report("PP007", pointer + "/type", "A type array is not supported; use one type (and \"x-nullable\": true for null).")
        }
        if let format = schema["format"]?.stringValue, !Self.allowedFormats.contains(format) {
            report("PP007", pointer + "/format", "format \(quoted(format)) is not supported; use one of \(Self.allowedFormats.sorted().joined(separator: ", ")).")
        }
        for member in schema["properties"]?.members ?? [] {
            checkSchema(member.value, JSONPointer.appending(pointer + "/properties", member.key))
        }
        if let items = schema["items"] {
            if items.isArray {
                for (i, item) in items.elements.enumerated() { checkSchema(item, JSONPointer.appending(pointer + "/items", i)) }
            } else {
                checkSchema(items, pointer + "/items")
            }
        }
        if let additional = schema["additionalProperties"], additional.isObject {
            checkSchema(additional, pointer + "/additionalProperties")
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for (i, sub) in (schema[keyword]?.elements ?? []).enumerated() {
                checkSchema(sub, JSONPointer.appending(pointer + "/" + keyword, i))
            }
        }
        if let not = schema["not"] { checkSchema(not, pointer + "/not") }
    }

    /// Members whose values are data, not schema: `$ref` inside them is not a reference.
    static let dataKeywords: Set<String> = ["example", "examples", "default", "enum", "x-ms-test-value", "x-ms-enum-values"]

    mutating func checkReferences(_ node: LintJSON, _ pointer: String) {
        switch node {
        case .object(let members):
            if let ref = node["$ref"]?.stringValue {
                checkReference(ref, node, pointer)
            }
            for member in members where !Self.dataKeywords.contains(member.key) {
                // Under "properties" every member is a property schema, even one named "$ref".
                if member.key == "$ref" && member.value.stringValue != nil { continue }
                checkReferences(member.value, JSONPointer.appending(pointer, member.key))
            }
        case .array(let elements):
            for (i, element) in elements.enumerated() { checkReferences(element, JSONPointer.appending(pointer, i)) }
        default:
            return
        }
    }

    mutating func checkReference(_ ref: String, _ node: LintJSON, _ pointer: String) {
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count != 3 || parts[0] != "#" || !["definitions", "parameters", "responses"].contains(parts[1]) || parts[2].isEmpty {
            report("PP007", pointer + "/$ref", "$ref \(quoted(ref)) must point to #/definitions/NAME, #/parameters/NAME or #/responses/NAME in this file.")
        } else if definition?.resolve(pointer: String(ref.dropFirst())) == nil {
            report("SW001", pointer + "/$ref", "$ref \(quoted(ref)) does not resolve; a Swagger 2.0 document must resolve every reference.")
            report("PP007", pointer + "/$ref", "$ref \(quoted(ref)) does not resolve: there is no \(parts[1]) entry \(quoted(JSONPointer.unescape(String(parts[2])))).")
        }
        let siblings = node.members.map(\.key).filter { $0 != "$ref" }
        if !siblings.isEmpty {
            report("PP007", pointer, "A $ref object must have no other keys; found \(siblings.map(quoted).joined(separator: ", ")) (they are ignored or rejected).")
        }
    }

    /// Reports each cycle of `$ref`s among definitions once, at its first definition in name order.
    mutating func checkCycles(_ doc: LintJSON) {
        let definitions = doc["definitions"]?.members ?? []
        let names = definitions.map(\.key)
        let known = Set(names)
        var edges: [String: [String]] = [:]
        for member in definitions {
            var targets: [String] = []
            Self.collectDefinitionRefs(member.value, into: &targets)
            edges[member.key] = targets.filter { known.contains($0) }
        }
        // Iterative depth-first search; a back edge closes a cycle.
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var reported: Set<[String]> = []
        for start in names.sorted() where state[start] == nil {
            var stack: [(node: String, next: Int)] = [(start, 0)]
            var onPath: [String] = [start]
            state[start] = 1
            while let top = stack.last {
                let targets = edges[top.node] ?? []
                if top.next < targets.count {
                    stack[stack.count - 1].next += 1
                    let target = targets[top.next]
                    switch state[target] {
                    case nil:
                        state[target] = 1
                        stack.append((target, 0))
                        onPath.append(target)
                    case 1:
                        let cycle = Array(onPath[onPath.lastIndex(of: target)!...])
                        let first = cycle.min()!
                        let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
                        if reported.insert(rotated).inserted {
                            report("PP007", JSONPointer.appending("/definitions", first),
                                   "The definitions \((rotated + [first]).joined(separator: " -> ")) reference each other in a cycle; leave navigation properties out of definitions.")
                        }
                    default:
                        break
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                    onPath.removeLast()
                }
            }
        }
    }

    static func collectDefinitionRefs(_ node: LintJSON, into targets: inout [String]) {
        switch node {
        case .object(let members):
            if let ref = node["$ref"]?.stringValue, ref.hasPrefix("#/definitions/") {
                targets.append(JSONPointer.unescape(String(ref.dropFirst("#/definitions/".count))))
            }
            for member in members where !dataKeywords.contains(member.key) { collectDefinitionRefs(member.value, into: &targets) }
        case .array(let elements):
            for element in elements { collectDefinitionRefs(element, into: &targets) }
        default:
            return
        }
    }

    // MARK: - PP009: security

    static func isEntraURL(_ url: String) -> Bool {
        url.hasPrefix("https://login.microsoftonline.com/")
    }

    mutating func checkSecurity(_ doc: LintJSON) {
        guard let definitions = doc["securityDefinitions"], definitions.isObject else {
            report("PP009", "", "The definition needs securityDefinitions with one oauth2 accessCode flow (Entra ID).")
            return
        }
        let schemes = definitions.members
        if schemes.count != 1 {
            report("PP009", "/securityDefinitions", "securityDefinitions holds \(schemes.count) schemes; a connector has exactly one (an oauth2 accessCode flow for Entra ID).")
        }
        var oauthNames: [String] = []
        for scheme in schemes {
            let pointer = JSONPointer.appending("/securityDefinitions", scheme.key)
            guard scheme.value["type"] == .string("oauth2") else {
                report("PP009", pointer, "The security scheme \(quoted(scheme.key)) is not oauth2; F&O needs Entra ID OAuth 2.0.")
                continue
            }
            oauthNames.append(scheme.key)
            if scheme.value["flow"] != .string("accessCode") {
                report("PP009", pointer + "/flow", "The oauth2 flow must be \"accessCode\" (authorization code, as Power Platform connections sign in).")
            }
            for key in ["authorizationUrl", "tokenUrl"] {
                let url = scheme.value[key]?.stringValue
                if url.map(Self.isEntraURL) != true {
                    report("PP009", url == nil ? pointer : pointer + "/" + key, "\(key) must be an Entra ID URL on https://login.microsoftonline.com/.")
                }
            }
        }
        guard let security = doc["security"] else {
            report("PP009", "", "The definition needs a top-level security requirement that uses the oauth2 scheme.")
            return
        }
        let requirements = security.elements
        let used = requirements.flatMap { $0.members.map(\.key) }
        for (i, requirement) in requirements.enumerated() {
            for member in requirement.members where definitions[member.key] == nil {
                report("PP009", JSONPointer.appending(JSONPointer.appending("/security", i), member.key), "The security requirement names \(quoted(member.key)), which securityDefinitions does not declare.")
            }
        }
        if !oauthNames.contains(where: used.contains) {
            report("PP009", "/security", "The top-level security does not use the oauth2 scheme\(oauthNames.first.map { " " + quoted($0) } ?? "").")
        }
    }
}
