import ODataCSDL
import ODataGeneratorCore
import Testing

/// Every kind of error, with its exact line and column (`line:column: message`).
@Suite("config file: errors")
struct GeneratorConfigErrorTests {
    private let allKeys =
        "metadata, profile, accessModifier, serviceName, include, exclude, navigation, naming, templates, shards, connector"

    // MARK: Unknown keys

    @Test("an unknown top-level key suggests the near miss")
    func unknownTopLevelKey() {
        #expect(ConfigFixtures.singleError("includ:\n  entitySets: [A]\n")
            == "1:1: unknown key 'includ' in odata-generator-config.yaml; did you mean 'include'?")
    }

    @Test("an unknown key in a section names the section")
    func unknownNestedKey() {
        #expect(ConfigFixtures.singleError("profile: fno\ninclude:\n  entitySet: [A]\n")
            == "3:3: unknown key 'entitySet' under 'include' in odata-generator-config.yaml; did you mean 'entitySets'?")
        #expect(ConfigFixtures.singleError("naming:\n  override: {A: B}\n")
            == "2:3: unknown key 'override' under 'naming' in odata-generator-config.yaml; did you mean 'overrides'?")
    }

    @Test("near misses: case, separators, typos, prefixes", arguments: [
        ("AccessModifier: public", "accessModifier"),
        ("service_name: X", "serviceName"),
        ("service-name: X", "serviceName"),
        ("shard: 2", "shards"),
        ("metdata: m.xml", "metadata"),
        ("templats: T", "templates"),
        ("nav: follow", "navigation"),
        ("Profile: fno", "profile"),
    ])
    func nearMisses(_ yaml: String, _ suggestion: String) {
        let key = String(yaml.prefix { $0 != ":" })
        #expect(ConfigFixtures.singleError(yaml)
            == "1:1: unknown key '\(key)' in odata-generator-config.yaml; did you mean '\(suggestion)'?")
    }

    @Test("an unknown key with no near miss lists the keys")
    func unknownKeyListsKeys() {
        #expect(ConfigFixtures.singleError("profile: fno\ncolour: red\n")
            == "2:1: unknown key 'colour' in odata-generator-config.yaml; expected one of: \(allKeys)")
        #expect(ConfigFixtures.singleError("include:\n  everything: true\n")
            == "2:3: unknown key 'everything' under 'include' in odata-generator-config.yaml; "
            + "expected one of: entitySets, singletons, operations")
    }

    @Test("a section's key written at the top level points at the section")
    func keyInWrongSection() {
        #expect(ConfigFixtures.singleError("profile: fno\nentitySets: [A]\n")
            == "2:1: unknown key 'entitySets' in odata-generator-config.yaml; did you mean to put it under 'include:'?")
        #expect(ConfigFixtures.singleError("overrides: {A: B}\n")
            == "1:1: unknown key 'overrides' in odata-generator-config.yaml; did you mean to put it under 'naming:'?")
    }

    @Test("the message names the file, whatever its path")
    func fileNameInMessage() {
        let result = GeneratorConfig.parse(yaml: "x: 1\n", file: "Sources/App/my-config.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "Sources/App/my-config.yaml:1:1: error: unknown key 'x' in my-config.yaml; expected one of: \(allKeys)",
        ])
    }

    @Test("a key that is not a name")
    func nonScalarKey() {
        #expect(ConfigFixtures.singleError("[a, b]: c\n") == "1:1: keys must be names; found a list")
    }

    // MARK: Wrong kinds

    @Test("a string where a list is expected")
    func stringForList() {
        #expect(ConfigFixtures.singleError("include:\n  entitySets: CustomersV3\n")
            == "2:15: 'include.entitySets' must be a list of names or globs; found the single value 'CustomersV3' "
            + "(write [CustomersV3])")
        #expect(ConfigFixtures.singleError("exclude:\n  operations: \"*Staging\"\n")
            == "2:15: 'exclude.operations' must be a list of names or globs; found the single value '*Staging' "
            + "(write [\"*Staging\"])")
    }

    @Test("a mapping where a list is expected")
    func mappingForList() {
        #expect(ConfigFixtures.singleError("include:\n  singletons: {A: B}\n")
            == "2:15: 'include.singletons' must be a list of names or globs; found a mapping")
    }

    @Test("list items that are not names")
    func badListItems() {
        #expect(ConfigFixtures.singleError("include:\n  entitySets: [A, {B: C}]\n")
            == "2:19: items of 'include.entitySets' must be names or globs; found a mapping")
        #expect(ConfigFixtures.singleError("include:\n  entitySets:\n    - A\n    - ~\n")
            == "4:7: items of 'include.entitySets' must be names or globs; found nothing (null)")
        #expect(ConfigFixtures.singleError("include:\n  entitySets: [A, '']\n")
            == "2:19: items of 'include.entitySets' must not be empty")
        #expect(ConfigFixtures.singleError("include:\n  entitySets: [[A]]\n")
            == "2:16: items of 'include.entitySets' must be names or globs; found a list")
    }

    @Test("shards must be a whole number in range", arguments: [
        ("shards: four", "1:9: 'shards' must be a whole number from 1 to 64; found 'four'"),
        ("shards: 0", "1:9: 'shards' must be from 1 to 64; found 0"),
        ("shards: 65", "1:9: 'shards' must be from 1 to 64; found 65"),
        ("shards: -3", "1:9: 'shards' must be from 1 to 64; found -3"),
        ("shards: 2.5", "1:9: 'shards' must be a whole number from 1 to 64; found '2.5'"),
        ("shards: 99999999999999999999999", "1:9: 'shards' must be a whole number from 1 to 64; found '99999999999999999999999'"),
        ("shards: [4]", "1:9: 'shards' must be a whole number from 1 to 64; found a list"),
        ("profile: fno\nshards:   true", "2:11: 'shards' must be a whole number from 1 to 64; found 'true'"),
    ])
    func badShards(_ yaml: String, _ expected: String) {
        #expect(ConfigFixtures.singleError(yaml) == expected)
    }

    @Test("string keys reject collections and empty strings")
    func badStrings() {
        #expect(ConfigFixtures.singleError("metadata: [a.xml]\n") == "1:11: 'metadata' must be a path; found a list")
        #expect(ConfigFixtures.singleError("templates: {a: b}\n") == "1:12: 'templates' must be a path; found a mapping")
        #expect(ConfigFixtures.singleError("metadata: ''\n") == "1:11: 'metadata' must not be empty")
        #expect(ConfigFixtures.singleError("serviceName: \"  \"\n") == "1:14: 'serviceName' must not be empty")
    }

    @Test("serviceName must be a Swift identifier", arguments: [
        ("My Service", "'My Service' contains ' '"),
        ("2Fast", "'2Fast' does not start with a letter or '_'"),
        ("Finance-Ops", "'Finance-Ops' contains '-'"),
        ("class", "'class' is a Swift keyword"),
    ])
    func badServiceName(_ name: String, _ problem: String) {
        #expect(ConfigFixtures.singleError("serviceName: \"\(name)\"\n")
            == "1:14: 'serviceName' must be a Swift identifier; \(problem)")
    }

    @Test("sections must be mappings")
    func badSections() {
        #expect(ConfigFixtures.singleError("include: [A]\n")
            == "1:10: 'include' must be a mapping with the keys entitySets, singletons, operations; found a list")
        #expect(ConfigFixtures.singleError("exclude: CustomersV3\n")
            == "1:10: 'exclude' must be a mapping with the keys entitySets, singletons, operations; found 'CustomersV3'")
        #expect(ConfigFixtures.singleError("naming: overrides\n")
            == "1:9: 'naming' must be a mapping with the keys overrides; found 'overrides'")
    }

    @Test("naming overrides must map names to Swift identifiers")
    func badOverrides() {
        #expect(ConfigFixtures.singleError("naming:\n  overrides: [A, B]\n")
            == "2:14: 'naming.overrides' must be a mapping of names to Swift names; found a list")
        #expect(ConfigFixtures.singleError("naming:\n  overrides:\n    CustomerV3: My Customer\n")
            == "3:17: 'naming.overrides' maps 'CustomerV3' to 'My Customer', which contains ' '")
        #expect(ConfigFixtures.singleError("naming:\n  overrides:\n    CustomerV3: ~\n")
            == "3:17: 'naming.overrides' maps 'CustomerV3' to nothing (null); expected a Swift name")
        #expect(ConfigFixtures.singleError("naming:\n  overrides:\n    CustomerV3: [A]\n")
            == "3:17: 'naming.overrides' maps 'CustomerV3' to a list; expected a Swift name")
        #expect(ConfigFixtures.singleError("naming:\n  overrides: {'': X}\n")
            == "2:15: names in 'naming.overrides' must not be empty")
    }

    @Test("the file must be a mapping")
    func rootNotMapping() {
        let keys = allKeys
        #expect(ConfigFixtures.singleError("- a\n- b\n")
            == "1:1: odata-generator-config.yaml must be a mapping of keys (\(keys)); found a list")
        #expect(ConfigFixtures.singleError("\n  hello\n")
            == "2:3: odata-generator-config.yaml must be a mapping of keys (\(keys)); found 'hello'")
    }

    // MARK: Enumerations

    @Test("bad enum values list the allowed ones", arguments: [
        ("profile: FNO", "1:10: invalid value 'FNO' for 'profile'; expected one of: fno, generic; did you mean 'fno'?"),
        ("profile: d365", "1:10: invalid value 'd365' for 'profile'; expected one of: fno, generic"),
        ("accessModifier: open",
         "1:17: invalid value 'open' for 'accessModifier'; expected one of: public, package, internal"),
        ("accessModifier: privat",
         "1:17: invalid value 'privat' for 'accessModifier'; expected one of: public, package, internal"),
        ("accessModifier: Internal", "1:17: invalid value 'Internal' for 'accessModifier'; "
            + "expected one of: public, package, internal; did you mean 'internal'?"),
        ("navigation: within", "1:13: invalid value 'within' for 'navigation'; "
            + "expected one of: withinSelection, follow; did you mean 'withinSelection'?"),
        ("navigation: folow", "1:13: invalid value 'folow' for 'navigation'; "
            + "expected one of: withinSelection, follow; did you mean 'follow'?"),
        ("navigation: [follow]", "1:13: 'navigation' must be one of withinSelection, follow; found a list"),
    ])
    func badEnums(_ yaml: String, _ expected: String) {
        #expect(ConfigFixtures.singleError(yaml) == expected)
    }

    // MARK: Duplicate keys

    @Test("a duplicate key is reported where it is repeated")
    func duplicateTopLevelKey() {
        #expect(ConfigFixtures.singleError("profile: fno\nshards: 2\nprofile: generic\n")
            == "3:1: duplicate key 'profile' (first set at line 1, column 1)")
    }

    @Test("duplicate keys in sections, flow mappings and quoted keys")
    func duplicateNestedKeys() {
        #expect(ConfigFixtures.singleError("include:\n  entitySets: [A]\n  entitySets: [B]\n")
            == "3:3: duplicate key 'entitySets' (first set at line 2, column 3)")
        #expect(ConfigFixtures.singleError("naming:\n  overrides: {A: X, B: Y, A: Z}\n")
            == "2:27: duplicate key 'A' (first set at line 2, column 15)")
        #expect(ConfigFixtures.singleError("'profile': fno\n\"profile\": fno\n")
            == "2:1: duplicate key 'profile' (first set at line 1, column 1)")
    }

    @Test("every repetition and every duplicated key is reported")
    func manyDuplicates() {
        let result = ConfigFixtures.parse("""
            shards: 1
            naming:
              overrides:
                B: Bee
                A: Ay
                B: Bee2
            shards: 2
            profile: fno
            shards: 3
            profile: fno

            """)
        #expect(result.config == nil)
        #expect(result.diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == [
            "6:5: duplicate key 'B' (first set at line 4, column 5)",
            "7:1: duplicate key 'shards' (first set at line 1, column 1)",
            "9:1: duplicate key 'shards' (first set at line 1, column 1)",
            "10:1: duplicate key 'profile' (first set at line 8, column 1)",
        ])
    }

    // MARK: YAML syntax

    @Test("YAML syntax errors are located", arguments: [
        ("profile: fno\n  shards: 2\n", "2:9: invalid YAML: mapping values are not allowed in this context"),
        ("include:\n\tentitySets: [A]\n",
         "2:1: invalid YAML: found character that cannot start any token (while scanning for the next token at line 2, column 1)"),
        ("include: [A, B\n",
         "2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 10)"),
        ("metadata: \"unterminated\n",
         "2:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 1, column 11)"),
        ("profile: fno\n---\nshards: 2\n",
         "2:1: invalid YAML: expected a single document in the stream, but found another document"),
    ])
    func syntaxErrors(_ yaml: String, _ expected: String) {
        #expect(ConfigFixtures.singleError(yaml) == expected)
    }

    @Test("an unquoted glob starting with '*' is an undefined alias, with a hint")
    func unquotedGlob() {
        #expect(ConfigFixtures.singleError("exclude:\n  entitySets: [*Staging]\n")
            == "2:16: invalid YAML: found undefined alias; a value starting with '*' is an alias in YAML: "
            + "quote globs, e.g. \"*Staging\"")
    }

    @Test("control characters are located")
    func controlCharacter() {
        #expect(ConfigFixtures.singleError("profile: fno\nshards: \u{1}\n")
            == "2:9: invalid YAML: control characters are not allowed")
    }

    @Test("a duplicate key that cannot be renamed is still reported, at its first occurrence")
    func anchoredDuplicateKey() {
        #expect(ConfigFixtures.singleError("profile: fno\n&a shards: 1\n&b shards: 2\n")
            == "2:1: duplicate key 'shards'")
        #expect(ConfigFixtures.singleError("[a]: 1\n[a]: 2\n") == "1:1: duplicate key")
    }

    @Test("a key with no value in naming overrides points just after the key")
    func emptyOverride() {
        #expect(ConfigFixtures.singleError("naming:\n  overrides:\n    CustomerV3:\n    B: C\n")
            == "3:16: 'naming.overrides' maps 'CustomerV3' to nothing (null); expected a Swift name")
    }

    @Test("absurd nesting is an error, not a crash")
    func deepNesting() {
        let yaml = "include: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = ConfigFixtures.parse(yaml)
        #expect(result.config == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.hasPrefix("invalid YAML: Maximum nesting level reached") == true)
    }

    // MARK: Reporting

    @Test("columns count bytes, as every other diagnostic")
    func byteColumns() {
        #expect(ConfigFixtures.singleError("{serviceName: Überweisung, shards: zwölf}")
            == "1:37: 'shards' must be a whole number from 1 to 64; found 'zwölf'")
    }

    @Test("all errors are reported, in file order, in compiler format")
    func severalErrors() {
        let result = ConfigFixtures.parse("""
            profile: fnoo
            include:
              entitySets: Customers
              operationz: [a]
            shards: 100
            colour: blue

            """)
        #expect(result.config == nil)
        let file = ConfigFixtures.file
        #expect(result.diagnostics.map(\.description) == [
            "\(file):1:10: error: invalid value 'fnoo' for 'profile'; expected one of: fno, generic; did you mean 'fno'?",
            "\(file):3:15: error: 'include.entitySets' must be a list of names or globs; found the single value "
                + "'Customers' (write [Customers])",
            "\(file):4:3: error: unknown key 'operationz' under 'include' in odata-generator-config.yaml; "
                + "did you mean 'operations'?",
            "\(file):5:9: error: 'shards' must be from 1 to 64; found 100",
            "\(file):6:1: error: unknown key 'colour' in odata-generator-config.yaml; expected one of: \(allKeys)",
        ])
    }
}

