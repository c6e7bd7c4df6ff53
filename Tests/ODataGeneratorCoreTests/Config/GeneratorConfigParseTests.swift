import ODataCSDL
import ODataGeneratorCore
import Testing

@Suite("config file: valid files")
struct GeneratorConfigParseTests {
    @Test("the issue's example parses to the expected values")
    func example() throws {
        let result = ConfigFixtures.parse(ConfigFixtures.example)
        #expect(result.diagnostics.isEmpty)
        let config = try #require(result.config)
        let expected = GeneratorConfig(
            metadata: "metadata.xml",
            profile: .fno,
            accessModifier: .public,
            serviceName: "FinanceAndOperations",
            include: .init(entitySets: ["CustomersV3", "SalesOrder*"], operations: ["confirm*"]),
            exclude: .init(entitySets: ["*Staging", "*BiEntities"]),
            navigation: .withinSelection,
            naming: .init(overrides: [
                .init(edmName: "CustomerV3", swiftName: "Customer"),
                .init(edmName: "Microsoft.Dynamics.DataEntities.NoYes", swiftName: "NoYes"),
            ]),
            templates: "MyTemplates",
            shards: 4
        )
        #expect(config == expected)
        #expect(config.include.singletons == nil)
        #expect(config.exclude.operations == nil)
    }

    @Test("the example records where each value was written")
    func exampleLocations() throws {
        let config = try #require(ConfigFixtures.parse(ConfigFixtures.example).config)
        #expect(config.locations["metadata"] == SourceLocation(line: 1, column: 11))
        #expect(config.locations["include"] == SourceLocation(line: 6, column: 3))
        #expect(config.locations["include.entitySets"] == SourceLocation(line: 6, column: 15))
        #expect(config.locations["include.entitySets[0]"] == SourceLocation(line: 6, column: 16))
        #expect(config.locations["include.entitySets[1]"] == SourceLocation(line: 6, column: 29))
        #expect(config.locations["naming.overrides[0]"] == SourceLocation(line: 12, column: 15))
        #expect(config.locations["naming.overrides[1]"] == SourceLocation(line: 12, column: 37))
        #expect(config.locations["shards"] == SourceLocation(line: 14, column: 9))
        #expect(config.locations["include.singletons"] == nil)
    }

    @Test("an empty file is all defaults", arguments: ["", "\n\n", "# only a comment\n", "---\n", "~\n", "---\n...\n"])
    func emptyFile(_ yaml: String) throws {
        let result = ConfigFixtures.parse(yaml)
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.config) == GeneratorConfig())
    }

    @Test("an empty mapping is all defaults")
    func emptyMapping() {
        let result = ConfigFixtures.parse("{}\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.config == GeneratorConfig())
    }

    @Test("keys with no value are not set")
    func nullValues() throws {
        let result = ConfigFixtures.parse("""
            metadata:
            profile: ~
            include:
            exclude:
              entitySets: null
            naming:
              overrides:
            shards:

            """)
        #expect(result.diagnostics.isEmpty)
        #expect(try #require(result.config) == GeneratorConfig())
    }

    @Test("metadata and templates are paths", arguments: ["metadata.xml", "../Shared/$metadata.xml", "/abs/path with spaces.xml"])
    func paths(_ path: String) throws {
        let config = try #require(ConfigFixtures.parse("metadata: '\(path)'\ntemplates: '\(path)'\n").config)
        #expect(config.metadata == path)
        #expect(config.templates == path)
    }

    @Test("every profile", arguments: GeneratorConfig.Profile.allCases)
    func profile(_ profile: GeneratorConfig.Profile) throws {
        #expect(try #require(ConfigFixtures.parse("profile: \(profile.rawValue)").config).profile == profile)
    }

    @Test("every access modifier", arguments: GeneratorConfig.AccessModifier.allCases)
    func accessModifier(_ modifier: GeneratorConfig.AccessModifier) throws {
        #expect(try #require(ConfigFixtures.parse("accessModifier: \(modifier.rawValue)").config).accessModifier == modifier)
    }

    @Test("every navigation mode", arguments: GeneratorConfig.Navigation.allCases)
    func navigation(_ mode: GeneratorConfig.Navigation) throws {
        #expect(try #require(ConfigFixtures.parse("navigation: \(mode.rawValue)").config).navigation == mode)
    }

    @Test("serviceName is a Swift identifier", arguments: ["FinanceAndOperations", "_Service", "Dienst2", "Überweisung"])
    func serviceName(_ name: String) throws {
        #expect(try #require(ConfigFixtures.parse("serviceName: \(name)").config).serviceName == name)
    }

    @Test("shards within 1...64", arguments: [1, 2, 16, 64])
    func shards(_ count: Int) throws {
        #expect(try #require(ConfigFixtures.parse("shards: \(count)").config).shards == count)
    }

    @Test("a quoted number is accepted for shards")
    func quotedShards() throws {
        #expect(try #require(ConfigFixtures.parse("shards: \"8\"").config).shards == 8)
    }

    @Test("include and exclude take every list, in block or flow style")
    func patternLists() throws {
        let result = ConfigFixtures.parse("""
            include:
              entitySets:
                - CustomersV3
                - "SalesOrder*"
              singletons: [Company]
              operations: ['confirm*', Post?]
            exclude:
              entitySets: ["*Staging"]
              singletons: []
              operations:
                - "*Internal"

            """)
        #expect(result.diagnostics.isEmpty)
        let config = try #require(result.config)
        #expect(config.include == .init(entitySets: ["CustomersV3", "SalesOrder*"], singletons: ["Company"],
                                        operations: ["confirm*", "Post?"]))
        #expect(config.exclude == .init(entitySets: ["*Staging"], singletons: [], operations: ["*Internal"]))
    }

    @Test("naming overrides keep the file's order")
    func overridesKeepOrder() throws {
        let names = ["Zeta", "Alpha", "Microsoft.Dynamics.DataEntities.NoYes", "Mu", "Beta", "CustomerV3"]
        let yaml = "naming:\n  overrides:\n" + names.enumerated().map { "    \"\($1)\": Swift\($0)\n" }.joined()
        let config = try #require(ConfigFixtures.parse(yaml).config)
        #expect(config.naming.overrides.map(\.edmName) == names)
        #expect(config.naming.overrides.map(\.swiftName) == names.indices.map { "Swift\($0)" })
        #expect(config.locations["naming.overrides[2]"] == SourceLocation(line: 5, column: 5))
    }

    @Test("flow style for the whole file")
    func flowFile() throws {
        let config = try #require(ConfigFixtures.parse(
            "{profile: generic, include: {entitySets: [A, B]}, naming: {overrides: {A: Alpha}}, shards: 2}").config)
        #expect(config.profile == .generic)
        #expect(config.include.entitySets == ["A", "B"])
        #expect(config.naming.overrides == [.init(edmName: "A", swiftName: "Alpha")])
        #expect(config.shards == 2)
    }

    @Test("Windows line endings")
    func crlf() throws {
        let config = try #require(ConfigFixtures.parse("profile: fno\r\nshards: 3\r\n").config)
        #expect(config.profile == .fno)
        #expect(config.shards == 3)
        #expect(config.locations["shards"] == SourceLocation(line: 2, column: 9))
    }

    @Test("a YAML anchor and alias can share a list")
    func aliases() throws {
        let config = try #require(ConfigFixtures.parse("""
            include:
              entitySets: &sets [A, B]
            exclude:
              singletons: *sets

            """).config)
        #expect(config.include.entitySets == ["A", "B"])
        #expect(config.exclude.singletons == ["A", "B"])
    }
}

@Suite("config file: schema")
struct GeneratorConfigSchemaTests {
    @Test("the schema lists the issue's keys in order")
    func topLevelKeys() {
        #expect(GeneratorConfig.schema.keys.map(\.name) == [
            "metadata", "profile", "accessModifier", "serviceName", "include", "exclude", "navigation", "naming",
            "templates", "shards", "connector",
        ])
        #expect(GeneratorConfig.schema.keys.allSatisfy { !$0.summary.isEmpty })
    }

    @Test("enum keys allow exactly the enum's cases")
    func choices() {
        func words(_ name: String) -> [String]? {
            guard let key = GeneratorConfig.schema.keys.first(where: { $0.name == name }),
                  case .choice(let words) = key.kind else { return nil }
            return words
        }
        #expect(words("profile") == ["fno", "generic"])
        #expect(words("accessModifier") == ["public", "package", "internal"])
        #expect(words("navigation") == ["withinSelection", "follow"])
    }

    @Test("sections list their keys")
    func sections() {
        func keys(_ name: String) -> [String]? {
            guard let key = GeneratorConfig.schema.keys.first(where: { $0.name == name }),
                  case .section(let keys) = key.kind else { return nil }
            return keys.map(\.name)
        }
        #expect(keys("include") == ["entitySets", "singletons", "operations"])
        #expect(keys("exclude") == ["entitySets", "singletons", "operations"])
        #expect(keys("naming") == ["overrides"])
    }
}
