import Foundation

/// A row read with `$select`: the selected properties read as optionals (absent when not selected or null), so a
/// response without unselected non-nullable properties still decodes. `row.customerAccount` is `String?`.
@dynamicMemberLookup
public struct ODataPartial<Entity: ODataEntityType>: Decodable, Sendable {
    /// The row as sent.
    public let json: ODataJSONValue

    /// A projection of a JSON object.
    public init(json: ODataJSONValue) { self.json = json }

    public init(from decoder: any Decoder) throws {
        json = try ODataJSONValue(from: decoder)
        guard json.members != nil else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath,
                                                                    debugDescription: "expected a JSON object for a row of \(Entity.edmName)"))
        }
    }

    /// The `@odata.etag` of the row, when the service sent one.
    public var odataEtag: String? { json["@odata.etag"]?.stringValue }

    /// A property's value, or nil when it is absent (not selected) or null; a value that does not decode as the
    /// property's type throws.
    public func value<V: Decodable>(_ field: KeyPath<Entity.Fields, ODataField<V, Entity.Profile>>) throws -> V? {
        let name = Entity.Fields(odataPathPrefix: "")[keyPath: field].name
        guard let v = json[name], !v.isNull else { return nil }
        return try v.decode(V.self)
    }

    /// A property's value, or nil when it is absent, null or does not decode (use ``value(_:)`` to see why).
    public subscript<V: Decodable>(dynamicMember field: KeyPath<Entity.Fields, ODataField<V, Entity.Profile>>) -> V? {
        try? value(field)
    }

    /// The whole entity, when the row has every property it needs.
    public func entity() throws -> Entity { try json.decode(Entity.self) }
}
