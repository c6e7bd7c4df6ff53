import Testing
import ODataGeneratorCore

/// Rule 5: overrides.
@Suite("Naming overrides")
struct OverrideTests {
    @Test("an override wins over every rule")
    func wins() {
        let overrides = NamingOverrides(["CustomerV3": "Customer", "key": "keyValue", "0": "none",
                                         "request-id": "requestID"])
        let namer = SwiftNamer(NamingConfiguration(overrides: overrides))
        #expect(namer.name("CustomerV3", kind: .type).identifier == "Customer")
        #expect(namer.name("key", kind: .member).identifier == "keyValue")
        #expect(namer.name("0", kind: .enumCase).identifier == "none")
        let result = namer.resolve(["request-id"], in: .properties(of: "microsoft.graph.x"))
        #expect(result.names[0].identifier == "requestID")
        #expect(result.notes.map(\.reason) == [.overridden(key: "request-id")])
        #expect(result.errors.isEmpty)
    }

    @Test("a qualified key wins over a simple one")
    func qualified() {
        let overrides = NamingOverrides(["dataAreaId": "company",
                                         "Microsoft.Dynamics.DataEntities.CustomerV3/dataAreaId": "legalEntity"])
        let namer = SwiftNamer(NamingConfiguration(overrides: overrides))
        let customer = namer.resolve(
            [NameEntry("dataAreaId", qualifiedName: "Microsoft.Dynamics.DataEntities.CustomerV3/dataAreaId")],
            in: .properties(of: "Microsoft.Dynamics.DataEntities.CustomerV3"))
        let vendor = namer.resolve(
            [NameEntry("dataAreaId", qualifiedName: "Microsoft.Dynamics.DataEntities.VendorV2/dataAreaId")],
            in: .properties(of: "Microsoft.Dynamics.DataEntities.VendorV2"))
        #expect(customer.names[0].identifier == "legalEntity")
        #expect(vendor.names[0].identifier == "company")
        #expect(customer.notes.map(\.reason) == [.overridden(key: "Microsoft.Dynamics.DataEntities.CustomerV3/dataAreaId")])
    }

    @Test("type and member tables tell a type and an operation with one qualified name apart (Graph image)")
    func kindTables() {
        let overrides = NamingOverrides(["microsoft.graph.image": "GraphImage"],
                                        memberNames: ["microsoft.graph.image": "thumbnailImage"])
        let namer = SwiftNamer(NamingConfiguration(overrides: overrides))
        let entry = NameEntry("image", qualifiedName: "microsoft.graph.image")
        #expect(namer.resolve([entry], in: .types(of: "Graph")).names[0].identifier == "GraphImage")
        #expect(namer.resolve([entry], in: .operations(of: "Graph")).names[0].identifier == "thumbnailImage")
    }

    @Test("pairs in file order: the last pair for a key wins")
    func pairs() {
        let overrides = NamingOverrides(pairs: [("A", "first"), ("B", "bee"), ("A", "second")])
        #expect(overrides.names == ["A": "second", "B": "bee"])
        #expect(!overrides.isEmpty)
        #expect(NamingOverrides().isEmpty)
    }

    @Test("an invalid override is an error and the rules name the entry", arguments: [
        ("", NamingError.Problem.empty),
        ("3D", .invalidStart("3")),
        ("a-b", .invalidCharacter("-")),
        ("has space", .invalidCharacter(" ")),
        ("`default`", .backticks),
        ("zero\u{200B}width", .invalidCharacter("\u{200B}")),
        ("self", .unusableKeyword),
        ("init", .unusableKeyword),
        ("_", .unusableKeyword),
        ("key", .reserved),
        ("description", .reserved),
    ])
    func invalidMember(_ swift: String, _ problem: NamingError.Problem) {
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["Name": swift])))
        let result = namer.resolve(["Name"], in: .properties(of: "NS.T"))
        #expect(result.errors == [NamingError(overrideKey: "Name", swiftName: swift, problem: problem,
                                              scope: .properties(of: "NS.T"))])
        #expect(result.names[0].identifier == "name")
        #expect(result.notes.isEmpty)
    }

    @Test("type overrides are checked against type rules", arguments: [
        ("Type", NamingError.Problem.unusableKeyword), ("Self", .unusableKeyword), ("Any", .unusableKeyword),
        ("Protocol", .unusableKeyword), ("Data", .reserved),
    ])
    func invalidType(_ swift: String, _ problem: NamingError.Problem) {
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["thing": swift])))
        let result = namer.resolve(["thing"], in: .types(of: "M"))
        #expect(result.errors.map(\.problem) == [problem])
        #expect(result.names[0].identifier == "Thing")
    }

    @Test("a keyword override is escaped where Swift allows it")
    func keywordOverride() {
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["isDefault": "default", "Kind": "class"])))
        #expect(namer.resolve(["isDefault"], in: .properties(of: "T")).names[0].escaped == "`default`")
        let type = namer.resolve(["Kind"], in: .types(of: "M")).names[0]
        #expect(type.escaped == "`class`")
        #expect(NamingChecks.problems(type, kind: .type) == ["type 'class' needs backticks"])
    }

    @Test("an override takes its name before rule-based names; the displaced name is numbered")
    func displaces() {
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["Client": "customer"])))
        let result = namer.resolve(["customer", "Client"], in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["customer2", "customer"])
        #expect(result.notes.map(\.reason) == [.collision(plainName: "customer", keptBy: "Client"), .overridden(key: "Client")])
    }

    @Test("two overrides to one name: the second is an error and gets a number")
    func duplicates() {
        let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(["A": "same", "B": "Same"])))
        let result = namer.resolve(["A", "B"], in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["same", "Same2"])
        #expect(result.errors.map(\.problem) == [.duplicate(otherEDMName: "A")])
    }

    @Test("overrides can be checked before any scope, in a stable order")
    func problems() {
        let overrides = NamingOverrides(["b": "1b", "a": "ok", "c": ""], typeNames: ["T": "Type"],
                                        memberNames: ["m": "self", "n": "fine"])
        let problems = overrides.problems()
        #expect(problems.map(\.overrideKey) == ["b", "c", "T", "m"])
        #expect(problems.map(\.problem) == [.invalidStart("1"), .empty, .unusableKeyword, .unusableKeyword])
        #expect(problems[0].description == "naming override 'b' → '1b' cannot be used: it starts with '1' (U+0031), which cannot start a Swift identifier. Change the Swift name in naming.overrides.")
    }
}
