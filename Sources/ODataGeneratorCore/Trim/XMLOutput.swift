/// A small XML writer: elements with attributes, text, two-space indentation, LF line ends. Attribute values and
/// text are escaped (`&`, `<`, `>`, `"`, and tab, line feed and carriage return in attributes as character
/// references, so that attribute-value normalization gives them back); other characters, non-ASCII included, are
/// written as UTF-8.
struct XMLOutput {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Names of the open elements.
    private var open: [String] = []
    /// True while a start tag is written but not yet closed with `>` (so an empty element can become `<a/>`).
    private var pendingStart = false

    init() {
        bytes.reserveCapacity(1 << 16)
        append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Escapes an attribute value.
    static func escapeAttribute(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 < 0x20 }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes text content.
    static func escapeText(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x0D }) { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private mutating func closePendingStart() {
        if pendingStart {
            append(">\n")
            pendingStart = false
        }
    }

    /// Opens an element; attributes with a nil value are left out.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        closePendingStart()
        indent()
        append("<" + name)
        for (key, value) in attributes {
            guard let value else { continue }
            append(" " + key + "=\"" + XMLOutput.escapeAttribute(value) + "\"")
        }
        pendingStart = true
        open.append(name)
        depth += 1
    }

    /// Closes the innermost open element (as `<a/>` when nothing was written inside it).
    mutating func end() {
        depth -= 1
        let name = open.removeLast()
        if pendingStart {
            append("/>\n")
            pendingStart = false
        } else {
            indent()
            append("</" + name + ">\n")
        }
    }

    /// An element with attributes and nothing inside.
    mutating func empty(_ name: String, _ attributes: [(String, String?)] = []) {
        start(name, attributes)
        end()
    }

    /// An element holding only text: `<name>text</name>` on one line.
    mutating func textElement(_ name: String, _ attributes: [(String, String?)] = [], text: String) {
        closePendingStart()
        indent()
        append("<" + name)
        for (key, value) in attributes {
            guard let value else { continue }
            append(" " + key + "=\"" + XMLOutput.escapeAttribute(value) + "\"")
        }
        append(">" + XMLOutput.escapeText(text) + "</" + name + ">\n")
    }

    /// Text inside the current element, on a line of its own (only for elements whose text is not whitespace-sensitive).
    mutating func text(_ text: String) {
        closePendingStart()
        indent()
        append(XMLOutput.escapeText(text) + "\n")
    }
}
