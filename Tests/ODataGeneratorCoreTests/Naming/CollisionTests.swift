import Testing
import ODataGeneratorCore

/// Rule 4: unique names in a scope.
@Suite("Collisions in a scope")
struct CollisionTests {
    @Test("names differing only in case get numbers in document order (Dataverse feedback)")
    func caseTwins() {
        let result = SwiftNamer().resolve(["feedbackid", "FeedbackId"], in: .properties(of: "mscrm.feedback"))
        #expect(result.names.map(\.identifier) == ["feedbackid", "feedbackId2"])
        #expect(result.names.map(\.edmName) == ["feedbackid", "FeedbackId"])
        #expect(result.notes == [NamingNote(scope: .properties(of: "mscrm.feedback"), edmName: "FeedbackId",
                                            swiftName: "feedbackId2",
                                            reason: .collision(plainName: "feedbackId", keptBy: "feedbackid"))])
    }

    @Test("types that collide after conversion (Dataverse solution/Solution, Graph Dictionary/dictionary)")
    func typeTwins() {
        let result = SwiftNamer().resolve(["solution", "Solution", "SOLUTION"], in: .types(of: "CRM"))
        #expect(result.names.map(\.identifier) == ["Solution", "Solution2", "SOLUTION3"])
    }

    @Test("case-sensitive comparison can be configured")
    func caseSensitive() {
        let namer = SwiftNamer(NamingConfiguration(caseInsensitiveCollisions: false))
        let result = namer.resolve(["feedbackid", "FeedbackId", "feedbackId"], in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["feedbackid", "feedbackId", "feedbackId2"])
    }

    @Test("a name ending in a digit is numbered after an underscore")
    func digitSuffix() {
        let result = SwiftNamer().resolve(["CustomerV3", "customerV3", "CUSTOMERV3"], in: .types(of: "M"))
        #expect(result.names.map(\.identifier) == ["CustomerV3", "CustomerV3_2", "CUSTOMERV3_3"])
    }

    @Test("names collapsing to one name after clean-up are numbered")
    func afterConversion() {
        let result = SwiftNamer().resolve(["request-id", "request_id", "requestId", "request id", "RequestID"],
                                          in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["requestId", "request_id", "requestId2", "requestId3", "requestID4"])
    }

    @Test("a name that is free keeps it even when an earlier name was numbered into it")
    func plainNamesFirst() {
        let result = SwiftNamer().resolve(["a", "A", "a2"], in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["a", "a3", "a2"])
    }

    @Test("a name that lost leading underscores gets them back before a number (SAP associations)")
    func underscoresBack() {
        let result = SwiftNamer().resolve(["PurchaseOrder", "_PurchaseOrder", "__PurchaseOrder", "_Supplier"],
                                          in: .properties(of: "PurchaseOrderItem_Type"))
        #expect(result.names.map(\.identifier) == ["purchaseOrder", "_purchaseOrder", "__purchaseOrder", "supplier"])
        #expect(result.notes.map(\.reason) == [
            .collision(plainName: "purchaseOrder", keptBy: "PurchaseOrder"),
            .collision(plainName: "purchaseOrder", keptBy: "PurchaseOrder"),
            .leadingUnderscores,
        ])
        let taken = SwiftNamer().resolve(["purchaseOrder", "_purchaseOrder", "__PurchaseOrder"], in: .properties(of: "T"))
        #expect(taken.names.map(\.identifier) == ["purchaseOrder", "_purchaseOrder", "__purchaseOrder"])
        let numbered = SwiftNamer().resolve(["x", "_x", "_X"], in: .properties(of: "T"))
        #expect(numbered.names.map(\.identifier) == ["x", "_x", "x2"])
    }

    @Test("keywords are numbered without backticks")
    func keywordTwins() {
        let result = SwiftNamer().resolve(["default", "Default"], in: .properties(of: "T"))
        #expect(result.names.map(\.escaped) == ["`default`", "default2"])
        #expect(result.notes.first?.reason == .collision(plainName: "`default`", keptBy: "default"))
    }

    @Test("empty and unusable names are numbered placeholders")
    func placeholders() {
        let result = SwiftNamer().resolve(["", " ", "-", "unnamed"], in: .properties(of: "T"))
        #expect(result.names.map(\.identifier) == ["unnamed", "unnamed2", "unnamed3", "unnamed4"])
        #expect(result.notes.filter { $0.reason == .empty }.count == 3)
    }

    @Test("many collisions stay fast and unique")
    func many() {
        let edmNames = Array(repeating: "x", count: 5_000) + (2...100).map { "x\($0)" }
        let result = SwiftNamer().resolve(edmNames, in: .properties(of: "T"))
        #expect(NamingChecks.duplicates(result.names).isEmpty)
        #expect(result.names[0].identifier == "x")
        #expect(result.names[1].identifier == "x101")   // x2...x100 are real names and keep theirs
        #expect(result.names.last?.identifier == "x100")
    }

    @Test("operation overloads share one name; other roles number identical names")
    func overloads() {
        let operations = SwiftNamer().resolve(["image", "image", "image", "Image"], in: .operations(of: "microsoft.graph"))
        #expect(operations.names.map(\.identifier) == ["image", "image", "image", "image2"])
        #expect(operations.notes.count == 1)
        let properties = SwiftNamer().resolve(["image", "image"], in: .properties(of: "T"))
        #expect(properties.names.map(\.identifier) == ["image", "image2"])
    }

    @Test("the same input gives the same output, whatever the order dictionaries were built in")
    func deterministic() {
        let edmNames = ["feedbackid", "FeedbackId", "key", "default", "_x_value", "x_value", "0", "", "Type", "self"]
        let overridePairs = [("FeedbackId", "feedbackLink"), ("default", "isDefault"), ("0", "zero"), ("x", "y")]
        var results: [ScopeNaming] = []
        for permutation in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            var map: [String: String] = [:]
            for i in permutation { map[overridePairs[i].0] = overridePairs[i].1 }
            let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(map)))
            results.append(namer.resolve(edmNames, in: .properties(of: "T")))
            results.append(namer.resolve(edmNames, in: .properties(of: "T")))
        }
        #expect(Set(results).count == 1)
        #expect(results[0].names.map(\.escaped)
                == ["feedbackid", "feedbackLink", "key_", "isDefault", "x_value", "x_value2", "zero", "unnamed",
                    "type", "self_"])
    }

    @Test("document order decides who keeps the plain name")
    func order() {
        let forward = SwiftNamer().resolve(["Solution", "solution"], in: .types(of: "M"))
        let backward = SwiftNamer().resolve(["solution", "Solution"], in: .types(of: "M"))
        #expect(forward.names.map(\.edmName) == ["Solution", "solution"])
        #expect(forward.names.map(\.identifier) == ["Solution", "Solution2"])
        #expect(backward.names.map(\.identifier) == ["Solution", "Solution2"])
        #expect(backward["Solution"]?.identifier == "Solution2")
    }
}
