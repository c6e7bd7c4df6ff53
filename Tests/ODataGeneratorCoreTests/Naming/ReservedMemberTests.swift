import Testing
import ODataGeneratorCore

/// Rule 3: names the generated code or the runtime uses.
@Suite("Reserved member and type names")
struct ReservedMemberTests {
    @Test("the default reserved member names", arguments: [
        "odataEtag", "key", "entitySetName", "edmName", "CodingKeys", "init", "description", "hashValue", "hash",
        "encode", "unknown",
    ])
    func defaults(_ name: String) {
        #expect(ReservedNames.defaultMemberNames.contains(name))
        #expect(NamingConfiguration().reservedMemberNames.contains(name))
    }

    @Test("a property named like a generated member gets a trailing underscore and a note", arguments: [
        ("key", "key_"), ("Key", "key_"), ("description", "description_"), ("Description", "description_"),
        ("hashValue", "hashValue_"), ("encode", "encode_"), ("odataEtag", "odataEtag_"),
        ("@odata.etag", "odataEtag_"), ("edmName", "edmName_"), ("entitySetName", "entitySetName_"),
        ("init", "init_"), ("hash", "hash_"),
    ])
    func renamed(_ edm: String, _ swift: String) {
        let result = SwiftNamer().resolve([edm], in: .properties(of: "NS.T"))
        #expect(result.names[0].identifier == swift)
        #expect(result.notes.contains { $0.reason == .reservedName(String(swift.dropLast())) })
    }

    @Test("`unknown` is kept free for the enum case of values the metadata did not list")
    func unknownEnumCase() {
        let result = SwiftNamer().resolve(["Known", "Unknown"], in: .enumMembers(of: "NS.E"))
        #expect(result.names.map(\.identifier) == ["known", "unknown_"])
    }

    @Test("`CodingKeys` as an all-caps-free enum case or override is reserved")
    func codingKeys() {
        // A property `CodingKeys` is lowerCamelCased to `codingKeys`, which is free.
        #expect(SwiftName.memberName("CodingKeys").identifier == "codingKeys")
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["X": "CodingKeys"])))
        let result = namer.resolve(["X"], in: .properties(of: "NS.T"))
        #expect(result.errors.map(\.problem) == [.reserved])
        #expect(result.names[0].identifier == "x")
    }

    @Test("the reserved member set is configurable")
    func configurable() {
        var configuration = NamingConfiguration()
        configuration.reservedMemberNames.insert("client")
        configuration.reservedMemberNames.remove("key")
        let namer = SwiftNamer(configuration)
        let result = namer.resolve(["client", "key"], in: .properties(of: "NS.T"))
        #expect(result.names.map(\.identifier) == ["client_", "key"])
    }

    @Test("a scope can reserve more names")
    func additional() {
        let scope = NamingScope("NS.T", role: .properties, additionalReservedNames: ["links"])
        let result = SwiftNamer().resolve(["links", "Links2"], in: scope)
        #expect(result.names.map(\.identifier) == ["links_", "links2"])
    }

    @Test("parameters are locals: reserved member names do not apply, keywords do")
    func parameters() {
        let result = SwiftNamer().resolve(["key", "description", "self", "in"], in: .parameters(of: "NS.Action"))
        #expect(result.names.map(\.escaped) == ["key", "description", "self_", "`in`"])
    }

    @Test("a type named like a type the generated code uses gets a trailing underscore", arguments: [
        ("Data", "Data_"), ("date", "Date_"), ("String", "String_"), ("Error", "Error_"), ("Swift", "Swift_"),
        ("ODataRuntime", "ODataRuntime_"), ("Calendar", "Calendar"), ("Dictionary", "Dictionary"),
    ])
    func reservedTypes(_ edm: String, _ swift: String) {
        #expect(SwiftName.typeName(edm).identifier == swift)
    }

    @Test("renamed names stay unique against real names ending in an underscore")
    func underscoreClash() {
        let result = SwiftNamer().resolve(["key", "key_"], in: .properties(of: "NS.T"))
        #expect(result.names.map(\.identifier) == ["key_", "key_2"])
        #expect(NamingChecks.duplicates(result.names).isEmpty)
    }
}
