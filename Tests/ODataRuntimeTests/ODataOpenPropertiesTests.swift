import Foundation
import Testing
import ODataRuntime

/// A hand-written open type the way the generator writes one.
private struct Extension: Codable, Equatable {
    var id: String
    var additionalProperties: [String: ODataJSONValue] = [:]
    enum CodingKeys: String, CodingKey { case id = "Id" }

    init(id: String, additionalProperties: [String: ODataJSONValue] = [:]) {
        self.id = id
        self.additionalProperties = additionalProperties
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        additionalProperties = try ODataOpenProperties.decode(from: decoder, declared: ["Id"])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try ODataOpenProperties.encode(additionalProperties, to: encoder)
    }
}

@Test("open types keep undeclared properties, skip control information, and write them back")
func openTypeRoundTrip() throws {
    let json = ##"{"@odata.type":"#NS.Extension","Id":"x","Color":"red","Size":3,"Tags":["a"],"Color@odata.type":"String"}"##
    let value = try JSONDecoder().decode(Extension.self, from: Data(json.utf8))
    #expect(value.id == "x")
    #expect(Set(value.additionalProperties.keys) == ["Color", "Size", "Tags"])
    #expect(value.additionalProperties["Color"] == .string("red"))
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let out = String(decoding: try encoder.encode(value), as: UTF8.self)
    #expect(out.contains(#""Color":"red""#) && out.contains(#""Id":"x""#) && out.contains(#""Size":3"#))
    #expect(!out.contains("@odata"))
    #expect(try JSONDecoder().decode(Extension.self, from: Data(out.utf8)) == value)
}
