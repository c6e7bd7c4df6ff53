/// The keys a YAML config file may contain: for each, what kind of value it takes, what values are allowed, a
/// one-line summary and where the parser stores it. The parser (`GeneratorConfig.parse(yaml:file:)`) walks this
/// table; it knows no key by name. A new section (e.g. `connector:`) is one `.section` entry in
/// `GeneratorConfig.schema` plus the stored property its entries write to.
public struct ConfigSchema: Sendable {
    /// What a key's value must look like.
    public indirect enum Kind: Sendable {
        /// A non-empty string.
        case string
        /// A non-empty path, relative to the config file.
        case path
        /// A Swift identifier.
        case identifier
        /// One of the listed words (case-sensitive).
        case choice([String])
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A list of non-empty strings (names or globs); a lone string is an error.
        case stringList
        /// A mapping of names to Swift identifiers, kept in file order.
        case nameMap
        /// A nested mapping with its own keys.
        case section([Key])
        /// A non-empty string that `check` accepts: it returns what is wrong (a phrase completing "'x' ..."), or nil.
        case checked(String, @Sendable (String) -> String?)
        /// A mapping of names to lists of the listed words, kept in file order (a lone word is accepted as a list).
        case wordListMap([String])
        /// A mapping of names to one of the listed words, kept in file order.
        case wordMap([String])

        /// How the kind is described in messages ("a list of names or globs").
        public var summary: String {
            switch self {
            case .string: return "a string"
            case .path: return "a path"
            case .identifier: return "a Swift identifier"
            case .choice(let words): return "one of " + words.joined(separator: ", ")
            case .integer(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
            case .stringList: return "a list of names or globs"
            case .nameMap: return "a mapping of names to Swift names"
            case .section(let keys): return "a mapping with the keys " + keys.map(\.name).joined(separator: ", ")
            case .checked(let what, _): return what
            case .wordListMap(let words): return "a mapping of names to lists of " + words.joined(separator: ", ")
            case .wordMap(let words): return "a mapping of names to one of " + words.joined(separator: ", ")
            }
        }
    }

    /// A value read from the file, already checked against its `Kind`.
    enum Value: Sendable {
        case string(String)
        case integer(Int)
        case strings([String])
        case pairs([GeneratorConfig.NameOverride])
        case wordLists([(name: String, words: [String])])
        case words([(name: String, word: String)])
    }

    /// One key of a mapping.
    public struct Key: Sendable {
        /// The key as written in the file.
        public let name: String
        /// The value it takes.
        public let kind: Kind
        /// What the key means (one line, for documentation and `--help`).
        public let summary: String
        /// Stores a checked value; nil for sections (their keys store their own values).
        let store: (@Sendable (inout GeneratorConfig, Value) -> Void)?

        /// A string key (`kind` is `.string`, `.path` or `.identifier`).
        static func string(
            _ name: String, _ kind: Kind = .string, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, String) -> Void
        ) -> Key {
            Key(name: name, kind: kind, summary: summary) { config, value in
                if case .string(let string) = value { store(&config, string) }
            }
        }

        /// A key whose value is one of the cases of `type`.
        static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
            _ name: String, _ type: Choice.Type, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, Choice) -> Void
        ) -> Key where Choice.RawValue == String {
            let cases = Choice.allCases.map { ($0.rawValue, $0) }
            return Key(name: name, kind: .choice(cases.map(\.0)), summary: summary) { config, value in
                if case .string(let string) = value, let choice = cases.first(where: { $0.0 == string })?.1 {
                    store(&config, choice)
                }
            }
        }

        /// A whole-number key.
        static func integer(
            _ name: String, _ range: ClosedRange<Int>, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, Int) -> Void
        ) -> Key {
            Key(name: name, kind: .integer(range), summary: summary) { config, value in
                if case .integer(let int) = value { store(&config, int) }
            }
        }

        /// A list-of-strings key.
        static func stringList(
            _ name: String, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, [String]) -> Void
        ) -> Key {
            Key(name: name, kind: .stringList, summary: summary) { config, value in
                if case .strings(let strings) = value { store(&config, strings) }
            }
        }

        /// A name → Swift name mapping key.
        static func nameMap(
            _ name: String, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, [GeneratorConfig.NameOverride]) -> Void
        ) -> Key {
            Key(name: name, kind: .nameMap, summary: summary) { config, value in
                if case .pairs(let pairs) = value { store(&config, pairs) }
            }
        }

        /// A string key checked by `check` (see `Kind.checked`).
        static func checked(
            _ name: String, _ what: String, _ check: @escaping @Sendable (String) -> String?, _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, String) -> Void
        ) -> Key {
            Key(name: name, kind: .checked(what, check), summary: summary) { config, value in
                if case .string(let string) = value { store(&config, string) }
            }
        }

        /// A mapping of names to word lists.
        static func wordListMap(
            _ name: String, _ words: [String], _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, [(name: String, words: [String])]) -> Void
        ) -> Key {
            Key(name: name, kind: .wordListMap(words), summary: summary) { config, value in
                if case .wordLists(let lists) = value { store(&config, lists) }
            }
        }

        /// A mapping of names to one word each.
        static func wordMap(
            _ name: String, _ words: [String], _ summary: String,
            store: @escaping @Sendable (inout GeneratorConfig, [(name: String, word: String)]) -> Void
        ) -> Key {
            Key(name: name, kind: .wordMap(words), summary: summary) { config, value in
                if case .words(let pairs) = value { store(&config, pairs) }
            }
        }

        /// A nested section.
        static func section(_ name: String, _ summary: String, _ keys: [Key]) -> Key {
            Key(name: name, kind: .section(keys), summary: summary, store: nil)
        }
    }

    /// The top-level keys.
    public let keys: [Key]

    /// Creates a schema.
    init(keys: [Key]) {
        self.keys = keys
    }
}

extension GeneratorConfig {
    /// The schema of `odata-generator-config.yaml`: the one place that lists its keys.
    public static let schema = ConfigSchema(keys: [
        .string("metadata", .path, "the metadata file, relative to this config (used by the plugins and samples)") {
            $0.metadata = $1
        },
        .choice("profile", Profile.self,
                "fno | generic; default: fno when the metadata's namespace is Microsoft.Dynamics.DataEntities") {
            $0.profile = $1
        },
        .choice("accessModifier", AccessModifier.self, "public | package | internal (default internal)") {
            $0.accessModifier = $1
        },
        .string("serviceName", .identifier, "the Swift name of the generated service") {
            $0.serviceName = $1
        },
        .section("include", "what to generate (names or globs); default: all", patternKeys(
            entitySets: "entity sets to generate; default: all",
            singletons: "singletons to generate; default: all",
            operations: "actions/functions and imports; default: those bound to selected sets",
            store: { config, store in store(&config.include) }
        )),
        .section("exclude", "what to leave out of the selection (names or globs)", patternKeys(
            entitySets: "entity sets to leave out",
            singletons: "singletons to leave out",
            operations: "actions/functions and imports to leave out",
            store: { config, store in store(&config.exclude) }
        )),
        .choice("navigation", Navigation.self,
                "withinSelection (drop links that leave the selection) | follow (pull targets in)") {
            $0.navigation = $1
        },
        .section("naming", "how EDM names become Swift names", [
            .nameMap("overrides", "EDM name (simple or qualified) → Swift name, e.g. {CustomerV3: Customer}") {
                $0.naming.overrides = $1
            },
        ]),
        .string("templates", .path, "a folder of templates overlaying the built-in ones, relative to this config") {
            $0.templates = $1
        },
        .integer("shards", shardRange, "split generated types over a fixed number of files") {
            $0.shards = $1
        },
        .section("connector", "the Power Platform custom connector and OpenAPI exports", ConnectorConfig.schemaKeys),
    ])

    /// The keys of `include:` and `exclude:`; `store` picks which `Patterns` they write to.
    private static func patternKeys(
        entitySets: String, singletons: String, operations: String,
        store: @escaping @Sendable (inout GeneratorConfig, (inout Patterns) -> Void) -> Void
    ) -> [ConfigSchema.Key] {
        [
            .stringList("entitySets", entitySets) { config, list in store(&config) { $0.entitySets = list } },
            .stringList("singletons", singletons) { config, list in store(&config) { $0.singletons = list } },
            .stringList("operations", operations) { config, list in store(&config) { $0.operations = list } },
        ]
    }
}
