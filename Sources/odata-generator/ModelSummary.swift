import ODataCSDL

/// What `inspect` reports.
struct ModelSummary {
    var file: String
    var version: String
    var namespaces: [String]
    var counts: CSDLCounts
    var diagnostics: [Diagnostic]
    /// The ten entity types with the most properties (inherited ones included), widest first.
    var widest: [(name: String, properties: Int, navigationProperties: Int)]

    init(file: String, loaded: LoadedModel) {
        self.file = file
        version = loaded.document?.version ?? ""
        var seen: Set<String> = []
        namespaces = (loaded.document?.schemas ?? []).map(\.namespace).filter { seen.insert($0).inserted }
        counts = loaded.counts
        diagnostics = loaded.diagnostics
        if let model = loaded.model {
            widest = model.entityTypes
                .map { ($0.qualifiedName, $0.properties.count, $0.navigationProperties.count) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                .prefix(10)
                .map { (name: $0.0, properties: $0.1, navigationProperties: $0.2) }
        } else {
            widest = []
        }
    }

    func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("file"); w.string(file)
        w.key("version"); w.string(version)
        w.key("namespaces"); w.beginArray(); for n in namespaces { w.string(n) }; w.endArray()
        w.key("counts"); w.beginObject()
        for (k, v) in zip(CSDLCounts.keys, counts.values) { w.key(k); w.number(v) }
        w.endObject()
        w.key("diagnostics"); w.beginArray()
        for d in diagnostics {
            w.beginObject()
            w.key("severity"); w.string(d.severity.rawValue)
            w.key("file"); w.string(d.file)
            w.key("line"); w.number(d.line)
            w.key("column"); w.number(d.column)
            w.key("message"); w.string(d.message)
            w.endObject()
        }
        w.endArray()
        w.key("widestEntityTypes"); w.beginArray()
        for t in widest {
            w.beginObject()
            w.key("name"); w.string(t.name)
            w.key("properties"); w.number(t.properties)
            w.key("navigationProperties"); w.number(t.navigationProperties)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    func text() -> String {
        var s = "\(file)\n"
        s += "  CSDL version: \(version.isEmpty ? "(none)" : version)\n"
        s += "  namespaces:   \(namespaces.isEmpty ? "(none)" : namespaces.joined(separator: ", "))\n"
        let width = CSDLCounts.keys.map(\.count).max() ?? 0
        for (k, v) in zip(CSDLCounts.keys, counts.values) {
            s += "  \(k.padding(width)) \(v)\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.filter { $0.severity == .note }.count
        s += "  diagnostics:  \(errors) error(s), \(warnings) warning(s), \(notes) note(s)\n"
        if !widest.isEmpty {
            s += "  widest entity types (properties / navigation properties):\n"
            for t in widest { s += "    \(t.name)  \(t.properties) / \(t.navigationProperties)\n" }
        }
        return s
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + ":" : self + ":" + String(repeating: " ", count: width - count)
    }
}

/// A minimal JSON writer that keeps key order (the inspect contract) and escapes per RFC 8259.
struct JSONWriter {
    private(set) var output = ""
    private var needsComma: [Bool] = []
    private var afterKey = false

    private mutating func separator() {
        if afterKey { afterKey = false; return }
        if let last = needsComma.last {
            if last { output += "," }
            needsComma[needsComma.count - 1] = true
        }
    }

    mutating func beginObject() { separator(); output += "{"; needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); output += "}" }
    mutating func beginArray() { separator(); output += "["; needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); output += "]" }
    mutating func key(_ k: String) { separator(); output += JSONWriter.quote(k) + ":"; afterKey = true }
    mutating func string(_ v: String) { separator(); output += JSONWriter.quote(v) }
    mutating func number(_ v: Int) { separator(); output += String(v) }

    static func quote(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }
}
