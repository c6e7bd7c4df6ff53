import Foundation

/// Change tracking for `update`: the PATCH body holds only the properties whose JSON differs between the entity as
/// read and the entity as changed (a property that became nil is sent as `null`). Nothing else is resent, so a
/// concurrent change to another property is not overwritten. `@odata.*` annotations are never sent.
public enum ODataChanges {
    /// An encoder with sorted keys, so that request bodies are the same bytes every time.
    public static var sortedEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// The changed properties as a JSON object (members sorted by name, removals after), or nil when nothing
    /// changed.
    public static func changedProperties<E: Encodable>(from original: E, to changed: E,
                                                       encoder: JSONEncoder = ODataChanges.sortedEncoder) throws -> ODataJSONValue? {
        let before = try ODataJSONValue(encoding: original, using: encoder).members ?? []
        let after = try ODataJSONValue(encoding: changed, using: encoder).members ?? []
        var old: [String: ODataJSONValue] = [:]
        for m in before { old[m.key] = m.value }
        var seen: Set<String> = []
        var out: [ODataJSONValue.Member] = []
        for m in after where !m.key.hasPrefix("@") {
            seen.insert(m.key)
            if old[m.key] != m.value { out.append(m) }
        }
        for m in before where !m.key.hasPrefix("@") && !seen.contains(m.key) && m.value != .null {
            out.append(ODataJSONValue.Member(m.key, .null))
        }
        return out.isEmpty ? nil : .object(out)
    }

    /// The PATCH body (UTF-8 JSON) for the changes, or nil when nothing changed.
    public static func patchBody<E: Encodable>(from original: E, to changed: E) throws -> Data? {
        try changedProperties(from: original, to: changed)?.jsonData
    }
}
