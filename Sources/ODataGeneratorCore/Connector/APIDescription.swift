import ODataCSDL

/// A schema in the exports, before it is written in one dialect (Swagger 2.0 or OpenAPI 3.0).
indirect enum APISchema: Sendable, Hashable {
    /// A primitive: JSON type, optional format, optional enum values.
    case primitive(type: String, format: String?, enumValues: [String]?)
    /// A named definition.
    case ref(String)
    /// An array of items.
    case array(APISchema)
    /// An inline object with properties (in the order given; written sorted).
    case object([APIProperty])
    /// Any JSON object (geography, untyped, a complex type that would form a `$ref` cycle).
    case anyObject
}

/// A property of an object schema.
struct APIProperty: Sendable, Hashable {
    var name: String
    var schema: APISchema
    var nullable = false
    var summary: String?
    var description: String?
    var visibility: String?
    var readOnly = false
}

/// A parameter, inline or shared.
struct APIParameter: Sendable, Hashable {
    enum Location: String, Sendable { case path, query, header }
    var name: String
    var location: Location
    var required: Bool
    var schema: APISchema
    var summary: String
    var description: String
    var visibility: String
    var defaultValue: JSONValue?
    var minimum: Int64?
}

/// A parameter of an operation: a shared one (by its key in `parameters`) or an inline one.
enum APIParameterUse: Sendable, Hashable {
    case shared(String)
    case inline(APIParameter)
}

/// One operation of the exports.
struct APIOperation: Sendable {
    var path: String
    var method: String
    var id: String
    /// Stable key deciding who keeps an operation ID when two want the same one.
    var stableKey: String
    var summary: String
    var description: String
    var visibility: String
    var parameters: [APIParameterUse]
    var body: (schema: APISchema, description: String)?
    var responseCode: Int
    var responseDescription: String
    var responseSchema: APISchema?
    var pageable: Bool
}

/// The operations of one entity set (or the unbound actions): the unit a split never breaks.
struct APIGroup: Sendable {
    var name: String
    var operations: [APIOperation]
}

/// Everything both exports describe: groups of operations, definitions, shared parameters.
struct APIDescription: Sendable {
    var title: String
    var description: String
    var host: String
    var tenant: String
    var groups: [APIGroup]
    var definitions: [String: APISchema]
    /// Descriptions of the definitions (from annotations), by name.
    var definitionDescriptions: [String: String]
    var sharedParameters: [String: APIParameter]
    var notes: [Diagnostic]

    /// The definitions `operations` need, with everything they refer to.
    func definitionsNeeded(by operations: [APIOperation]) -> [String] {
        var needed: Set<String> = []
        var stack: [String] = []
        func visit(_ schema: APISchema) {
            switch schema {
            case .ref(let name): if needed.insert(name).inserted { stack.append(name) }
            case .array(let item): visit(item)
            case .object(let props): props.forEach { visit($0.schema) }
            case .primitive, .anyObject: break
            }
        }
        for op in operations {
            if let body = op.body { visit(body.schema) }
            if let r = op.responseSchema { visit(r) }
        }
        while let name = stack.popLast() {
            if let schema = definitions[name] { visit(schema) }
        }
        return needed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The shared parameters `operations` use.
    func sharedParametersNeeded(by operations: [APIOperation]) -> [String] {
        var used: Set<String> = []
        for op in operations {
            for p in op.parameters { if case .shared(let key) = p { used.insert(key) } }
        }
        return used.sorted()
    }
}

/// Text helpers for names, summaries and descriptions.
enum APIText {
    /// An ASCII PascalCase identifier (`^[A-Z][A-Za-z0-9]*$`) from any EDM name: words are runs of ASCII letters and
    /// digits, each starting upper-case; other characters separate words; a leading digit gets `N` before it.
    static func pascal(_ name: String) -> String {
        var out = ""
        var startWord = true
        for scalar in name.unicodeScalars {
            let isLetter = scalar.isASCII && scalar.properties.isAlphabetic
            let isDigit = ("0"..."9").contains(scalar)
            if isLetter || isDigit {
                if startWord, isLetter {
                    out += String(scalar).uppercased()
                } else {
                    out.unicodeScalars.append(scalar)
                }
                startWord = false
            } else {
                startWord = true
            }
        }
        if out.isEmpty { return "Unnamed" }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "N" + out }
        return out
    }

    /// Words of a camel-case or snake-case name: `CustomerAccount` → `Customer Account`, `dataAreaId` →
    /// `Data Area Id`, `URLValue` → `URL Value`, `CustomersV3` → `Customers V3`.
    static func humanized(_ name: String) -> String {
        let chars = Array(name)
        var words: [String] = []
        var current = ""
        for (i, c) in chars.enumerated() {
            if c == "_" || c == " " || c == "-" || c == "." || c == "/" {
                if !current.isEmpty { words.append(current); current = "" }
                continue
            }
            if !current.isEmpty, c.isUppercase {
                let prev = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if prev.isLowercase || prev.isNumber || (prev.isUppercase && nextIsLower) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        guard var text = words.first else { return name }
        text = text.prefix(1).uppercased() + text.dropFirst()
        for w in words.dropFirst() { text += " " + w }
        return text
    }

    /// A summary Power Platform accepts: without `/ \ < > * % & ?` (replaced; `&` by `and`), single spaces, at most
    /// 80 characters (cut at a word), ending in a letter or digit.
    static func summary(_ text: String) -> String {
        var s = ""
        for c in text {
            switch c {
            case "&": s += " and "
            case "/", "\\", "<", ">", "*", "%", "?", "\n", "\r", "\t": s += " "
            default: s.append(c)
            }
        }
        s = s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if s.count > 80 {
            var cut = String(s.prefix(80))
            if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > 40 {
                cut = String(cut[..<space])
            }
            s = cut
        }
        while let last = s.last, !(last.isLetter || last.isNumber) { s.removeLast() }
        return s.isEmpty ? "Operation" : s
    }

    /// A short stable hash (FNV-1a, 32 bits, 8 upper-case hex digits) for operation ID suffixes.
    static func hash(_ text: String) -> String {
        var h: UInt32 = 0x811C_9DC5
        for b in text.utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        let hex = String(h, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
