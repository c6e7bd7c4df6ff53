import ODataCSDL
import ODataGeneratorCore
import Testing

@Suite("config file: CLI overrides, paths and defaults")
struct GeneratorConfigMergeTests {
    private func example() throws -> GeneratorConfig {
        try #require(ConfigFixtures.parse(ConfigFixtures.example).config)
    }

    @Test("no flags leave the file's values")
    func noFlags() throws {
        let config = try example()
        let merged = config.merging(cli: GeneratorConfigOverrides())
        #expect(merged == config)
        #expect(merged.locations.byKeyPath == config.locations.byKeyPath)
    }

    @Test("every flag replaces the file's value")
    func everyFlag() throws {
        let merged = try example().merging(cli: GeneratorConfigOverrides(
            includeEntitySets: ["Vendors*"],
            excludeEntitySets: [],
            accessModifier: .package,
            serviceName: "Finance",
            metadata: "other.xml",
            templates: "Overlay",
            shards: 8
        ))
        #expect(merged.include.entitySets == ["Vendors*"])
        #expect(merged.exclude.entitySets == [])
        #expect(merged.accessModifier == .package)
        #expect(merged.serviceName == "Finance")
        #expect(merged.metadata == "other.xml")
        #expect(merged.templates == "Overlay")
        #expect(merged.shards == 8)
        // What no flag covers stays as the file says.
        #expect(merged.profile == .fno)
        #expect(merged.navigation == .withinSelection)
        #expect(merged.include.operations == ["confirm*"])
        #expect(merged.naming.overrides.map(\.swiftName) == ["Customer", "NoYes"])
    }

    @Test("each flag overrides only its own key", arguments: [
        GeneratorConfigOverrides(includeEntitySets: ["X"]),
        GeneratorConfigOverrides(excludeEntitySets: ["X"]),
        GeneratorConfigOverrides(accessModifier: .internal),
        GeneratorConfigOverrides(serviceName: "X"),
        GeneratorConfigOverrides(metadata: "X"),
        GeneratorConfigOverrides(templates: "X"),
        GeneratorConfigOverrides(shards: 2),
    ])
    func oneFlag(_ cli: GeneratorConfigOverrides) throws {
        let config = try example()
        let merged = config.merging(cli: cli)
        var expected = config
        if let value = cli.includeEntitySets { expected.include.entitySets = value }
        if let value = cli.excludeEntitySets { expected.exclude.entitySets = value }
        if let value = cli.accessModifier { expected.accessModifier = value }
        if let value = cli.serviceName { expected.serviceName = value }
        if let value = cli.metadata { expected.metadata = value }
        if let value = cli.templates { expected.templates = value }
        if let value = cli.shards { expected.shards = value }
        #expect(merged == expected)
        #expect(merged != config)
    }

    @Test("flags fill in what the file leaves out")
    func flagsOverDefaults() {
        let merged = GeneratorConfig().merging(cli: .init(includeEntitySets: ["A"], shards: 3))
        #expect(merged == GeneratorConfig(include: .init(entitySets: ["A"]), shards: 3))
    }

    @Test("replaced values lose their file locations; the others keep them")
    func locationsAfterMerge() throws {
        let merged = try example().merging(cli: .init(includeEntitySets: ["A"], metadata: "m.xml"))
        #expect(merged.locations["metadata"] == nil)
        #expect(merged.locations["include.entitySets"] == nil)
        #expect(merged.locations["include.entitySets[0]"] == nil)
        #expect(merged.locations["include.operations"] == SourceLocation(line: 7, column: 15))
        #expect(merged.locations["exclude.entitySets[1]"] == SourceLocation(line: 9, column: 28))
        #expect(merged.locations["shards"] == SourceLocation(line: 14, column: 9))
    }

    @Test("equality compares settings, not where they were written")
    func equalityIgnoresLocations() throws {
        let a = try #require(ConfigFixtures.parse("shards: 2\nprofile: fno\n").config)
        let b = try #require(ConfigFixtures.parse("\n\nprofile:   fno\nshards: 2\n").config)
        #expect(a == b)
        #expect(a.locations.byKeyPath != b.locations.byKeyPath)
    }

    @Test("file paths become relative to the config's folder", arguments: [
        ("Config", "metadata.xml", "Config/metadata.xml"),
        ("Config/", "metadata.xml", "Config/metadata.xml"),
        ("/repo/App", "./metadata.xml", "/repo/App/metadata.xml"),
        ("/repo/App", "../Shared/metadata.xml", "/repo/App/../Shared/metadata.xml"),
        ("/repo/App", "/abs/metadata.xml", "/abs/metadata.xml"),
        (".", "metadata.xml", "metadata.xml"),
        ("", "metadata.xml", "metadata.xml"),
    ])
    func resolvingPaths(_ directory: String, _ path: String, _ expected: String) {
        let config = GeneratorConfig(metadata: path, templates: path).resolvingPaths(againstDirectory: directory)
        #expect(config.metadata == expected)
        #expect(config.templates == expected)
    }

    @Test("resolving leaves unset paths unset")
    func resolvingUnset() {
        #expect(GeneratorConfig().resolvingPaths(againstDirectory: "/x") == GeneratorConfig())
    }

    @Test("the profile defaults to fno for Finance and Operations metadata")
    func effectiveProfile() {
        #expect(GeneratorConfig().effectiveProfile(namespaces: ["Microsoft.Dynamics.DataEntities"]) == .fno)
        #expect(GeneratorConfig().effectiveProfile(namespaces: ["Other", "Microsoft.Dynamics.DataEntities"]) == .fno)
        #expect(GeneratorConfig().effectiveProfile(namespaces: ["Microsoft.OData.SampleService"]) == .generic)
        #expect(GeneratorConfig().effectiveProfile(namespaces: [String]()) == .generic)
        #expect(GeneratorConfig(profile: .generic).effectiveProfile(namespaces: ["Microsoft.Dynamics.DataEntities"])
            == .generic)
        #expect(GeneratorConfig(profile: .fno).effectiveProfile(namespaces: ["Other"]) == .fno)
    }

    @Test("access modifier and navigation defaults")
    func otherDefaults() {
        #expect(GeneratorConfig().effectiveAccessModifier == .internal)
        #expect(GeneratorConfig(accessModifier: .public).effectiveAccessModifier == .public)
        #expect(GeneratorConfig().merging(cli: .init(accessModifier: .package)).effectiveAccessModifier == .package)
        #expect(GeneratorConfig().effectiveNavigation == .withinSelection)
        #expect(GeneratorConfig(navigation: .follow).effectiveNavigation == .follow)
    }

    @Test("a CLI flag beats a file value set to something else, end to end")
    func endToEnd() throws {
        let parsed = ConfigFixtures.parse("accessModifier: public\nshards: 4\nmetadata: m.xml\n")
        let config = try #require(parsed.config)
            .resolvingPaths(againstDirectory: "/project")
            .merging(cli: .init(accessModifier: .internal, shards: 1))
        #expect(config.accessModifier == .internal)
        #expect(config.shards == 1)
        #expect(config.metadata == "/project/m.xml")
    }
}
