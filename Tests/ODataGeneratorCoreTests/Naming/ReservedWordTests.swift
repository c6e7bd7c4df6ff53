import Testing
import ODataGeneratorCore

/// Rule 2: Swift keywords.
@Suite("Swift keywords as names")
struct ReservedWordTests {
    /// Member keywords that backticks cannot make usable (measured with swiftc: `x.self` is `x`, `x.init` an
    /// initializer, `E.Type`/`E.Protocol` metatypes even escaped).
    static let unescapable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "_"]

    @Test("a member named like a keyword is escaped with backticks", arguments: [
        "default", "private", "protocol", "import", "class", "in", "where", "true", "nil", "super", "repeat", "Any",
    ])
    func escapedMembers(_ word: String) {
        let member = SwiftName.memberName(word)
        // `Any` is lowerCamelCased first: `any` is no keyword.
        if word == "Any" {
            #expect(member.identifier == "any" && !member.needsBackticks)
        } else {
            #expect(member.identifier == word)
            #expect(member.needsBackticks)
            #expect(member.escaped == "`\(word)`")
        }
        let enumCase = SwiftName.enumCaseName(word)
        #expect(enumCase.escaped == member.escaped)
    }

    @Test("`self` as a member is renamed, `Self`/`Type`/`Protocol` become lowerCamelCase")
    func renamedMembers() {
        #expect(SwiftName.memberName("self").escaped == "self_")         // Graph
        #expect(SwiftName.memberName("Self").escaped == "self_")
        #expect(SwiftName.memberName("Type").escaped == "type")
        #expect(SwiftName.memberName("Protocol").escaped == "`protocol`")
        #expect(SwiftName.enumCaseName("self").escaped == "self_")
        #expect(SwiftName.enumCaseName("Type").escaped == "type")
    }

    @Test("a keyword that cannot name a type is renamed with a trailing underscore", arguments: [
        ("Type", "Type_"), ("Protocol", "Protocol_"), ("Self", "Self_"), ("Any", "Any_"),
        ("type", "Type_"), ("self", "Self_"), ("any", "Any_"), ("protocol", "Protocol_"),
    ])
    func renamedTypes(_ edm: String, _ swift: String) {
        let name = SwiftName.typeName(edm)
        #expect(name.identifier == swift)
        #expect(!name.needsBackticks)
    }

    @Test("lowercase keywords as type names become valid by UpperCamelCase", arguments: ["import", "class", "default", "struct"])
    func lowercaseKeywordTypes(_ word: String) {
        let name = SwiftName.typeName(word)
        #expect(name.identifier == word.prefix(1).uppercased() + word.dropFirst())
        #expect(!name.needsBackticks)
    }

    @Test("every Swift keyword resolves to a usable name of every kind")
    func allKeywords() {
        for word in SwiftKeywords.reserved.sorted() {
            for kind in NameKind.allCases {
                let name = SwiftNamer().name(word, kind: kind)
                #expect(NamingChecks.problems(name, kind: kind).isEmpty, "\(kind) \(word): \(NamingChecks.problems(name, kind: kind))")
                if kind != .type, !Self.unescapable.contains(word), word.first?.isLowercase == true,
                   !ReservedNames.defaultMemberNames.contains(word) {
                    #expect(name.escaped == "`\(word)`", "\(kind) \(word) → \(name.escaped)")
                }
            }
        }
    }

    @Test("a keyword rename is reported")
    func keywordNote() {
        let result = SwiftNamer().resolve(["self", "default"], in: .properties(of: "microsoft.graph.x"))
        #expect(result.notes.map(\.reason) == [.keyword("self")])
        #expect(result.notes.first?.swiftName == "self_")
    }
}
