import Testing
import ODataGeneratorCore

/// Rules 6 and 7: scopes are independent; EDM names are kept for the wire.
@Suite("Naming scopes")
struct ScopeTests {
    @Test("a type and an operation with the same EDM name both get names (Graph image)")
    func typeAndOperation() {
        let namer = SwiftNamer()
        let types = namer.resolve([NameEntry("image", qualifiedName: "microsoft.graph.image"),
                                   NameEntry("user", qualifiedName: "microsoft.graph.user")],
                                  in: .types(of: "Graph"))
        let operations = namer.resolve([NameEntry("image", qualifiedName: "microsoft.graph.image")],
                                       in: .operations(of: "microsoft.graph.driveItem"))
        #expect(types.names.map(\.identifier) == ["Image", "User"])
        #expect(operations.names.map(\.identifier) == ["image"])
        #expect(types.notes.isEmpty && operations.notes.isEmpty)
    }

    @Test("names are unique per scope, not across scopes")
    func independent() {
        let a = SwiftNamer().resolve(["name", "Name"], in: .properties(of: "NS.A"))
        let b = SwiftNamer().resolve(["name"], in: .properties(of: "NS.B"))
        #expect(a.names.map(\.identifier) == ["name", "name2"])
        #expect(b.names.map(\.identifier) == ["name"])
    }

    @Test("roles decide the kind of name", arguments: [
        (NamingScope.Role.types, NameKind.type), (.properties, .member), (.enumMembers, .enumCase),
        (.operations, .member), (.containerMembers, .member), (.parameters, .member),
    ])
    func roles(_ role: NamingScope.Role, _ kind: NameKind) {
        #expect(NamingScope("x", role: role).kind == kind)
        #expect(NamingScope("x", role: role).sharesNameForIdenticalEDMNames == (role == .operations))
    }

    @Test("entity sets named like their type get a member name (F&O)")
    func entitySets() {
        let sets = SwiftNamer().resolve(["SalesOrderHeadersV2", "CustomersV3", "Customers"],
                                        in: .containerMembers(of: "Microsoft.Dynamics.DataEntities.Container"))
        #expect(sets.names.map(\.identifier) == ["salesOrderHeadersV2", "customersV3", "customers"])
    }

    @Test("every result carries the EDM name verbatim, in entry order, for CodingKeys")
    func wireNames() {
        let edm = ["_parentcustomerid_value", "request-id", "default", "0", "Größe", "", "key", "FeedbackId", "feedbackid"]
        let result = SwiftNamer().resolve(edm, in: .properties(of: "T"))
        #expect(result.names.map(\.edmName) == edm)
        let codingKeys = result.names.map { name in
            name.isRenamed ? "case \(name.escaped) = \"\(name.edmName)\"" : "case \(name.escaped)"
        }
        #expect(codingKeys == [
            "case parentcustomerid_value = \"_parentcustomerid_value\"", "case requestId = \"request-id\"",
            "case `default`", "case _0 = \"0\"", "case größe = \"Größe\"", "case unnamed = \"\"",
            "case key_ = \"key\"", "case feedbackId = \"FeedbackId\"", "case feedbackid2 = \"feedbackid\"",
        ])
        #expect(result["request-id"]?.identifier == "requestId")
        #expect(result["missing"] == nil)
    }

    @Test("notes name the scope, the EDM name, the Swift name and the reason")
    func notes() {
        let scope = NamingScope.properties(of: "mscrm.account")
        let result = SwiftNamer().resolve(["_parentcustomerid_value"], in: scope)
        #expect(result.notes == [NamingNote(scope: scope, edmName: "_parentcustomerid_value",
                                            swiftName: "parentcustomerid_value", reason: .leadingUnderscores)])
        #expect(result.notes[0].kind == .member)
        #expect(result.notes[0].description == "properties mscrm.account: member '_parentcustomerid_value' is named 'parentcustomerid_value' in Swift: leading underscores were removed. To choose another name, add a naming override for '_parentcustomerid_value'.")
    }

    @Test("case conversion and backticks are not reported; everything else is", arguments: [
        ("CustomerAccount", [NamingNote.Reason]()),
        ("default", []),
        ("request-id", [.disallowedCharacters]),
        ("_x_value", [.leadingUnderscores]),
        ("3DModel", [.invalidStart]),
        ("", [.empty]),
        ("-_0", [.disallowedCharacters, .leadingUnderscores, .invalidStart]),
        ("self", [.keyword("self")]),
        ("key", [.reservedName("key")]),
    ])
    func reported(_ edm: String, _ reasons: [NamingNote.Reason]) {
        let result = SwiftNamer().resolve([edm], in: .properties(of: "T"))
        #expect(result.notes.map(\.reason) == reasons)
    }

    @Test("truncation is reported")
    func truncationNote() {
        let result = SwiftNamer().resolve([String(repeating: "a", count: 300)], in: .types(of: "M"))
        #expect(result.notes.map(\.reason) == [.truncated(maximumUTF8Length: 200)])
    }
}
