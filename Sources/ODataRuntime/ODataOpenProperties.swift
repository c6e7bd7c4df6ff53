/// A coding key for any JSON member name: generated open types use it to read and write the properties the
/// metadata does not declare.
public struct ODataDynamicCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    public init?(stringValue: String) {
        self.init(stringValue)
    }

    public init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Reading and writing the undeclared properties of an open type (`OpenType="true"`).
public enum ODataOpenProperties {
    /// The members of the object being decoded that are not in `declared` and are not control information
    /// (`@odata.*` and other `@` annotations), as raw JSON values, by name.
    public static func decode(from decoder: any Decoder, declared: Set<String>) throws -> [String: ODataJSONValue] {
        let container = try decoder.container(keyedBy: ODataDynamicCodingKey.self)
        var result: [String: ODataJSONValue] = [:]
        for key in container.allKeys where !declared.contains(key.stringValue) && !key.stringValue.contains("@") {
            result[key.stringValue] = try container.decode(ODataJSONValue.self, forKey: key)
        }
        return result
    }

    /// Writes the undeclared properties next to the declared ones, in name order (deterministic output).
    public static func encode(_ properties: [String: ODataJSONValue], to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ODataDynamicCodingKey.self)
        for name in properties.keys.sorted() {
            try container.encode(properties[name], forKey: ODataDynamicCodingKey(name))
        }
    }
}
