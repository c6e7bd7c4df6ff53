import Testing
import ODataGeneratorCore

@Suite("Selection: glob patterns")
struct SelectionGlobPatternTests {
    @Test("matches", arguments: [
        ("CustomersV3", "CustomersV3"),
        ("SalesOrder*", "SalesOrder"),
        ("SalesOrder*", "SalesOrderHeadersV2"),
        ("*Staging", "CustCustomerV3Staging"),
        ("*", ""),
        ("*", "anything"),
        ("Customer?V3", "CustomersV3"),
        ("*a*b", "xaxb"),
        ("*a*b", "aab"),
        ("a*b*c", "abbbc"),
        ("**x", "x"),
        ("Ve[nr]dor", "Vendor"),
        ("Ve[nr]dor", "Verdor"),
        ("V[a-z]ndor", "Vendor"),
        ("V[!a]ndor", "Vendor"),
        ("V[^a]ndor", "Vendor"),
        ("[]]x", "]x"),
        ("a\\*b", "a*b"),
        ("a\\?", "a?"),
        ("[abc", "[abc"),
        ("Café*", "Cafés"),
    ])
    func matches(_ pattern: String, _ name: String) {
        #expect(GlobPattern(pattern).matches(name))
    }

    @Test("does not match", arguments: [
        ("CustomersV3", "CustomersV3X"),
        ("CustomersV3", "XCustomersV3"),
        ("customersv3", "CustomersV3"),
        ("SalesOrder*", "salesorderHeaders"),
        ("*Staging", "CustStagingV2"),
        ("Customer?V3", "CustomerV3"),
        ("?", ""),
        ("", "a"),
        ("*a*b", "xaxbx"),
        ("Ve[nr]dor", "Vexdor"),
        ("V[!e]ndor", "Vendor"),
        ("a\\*b", "axb"),
        ("[abc", "a"),
    ])
    func doesNotMatch(_ pattern: String, _ name: String) {
        #expect(!GlobPattern(pattern).matches(name))
    }

    @Test("case-insensitive matching, literal parts and literalness")
    func parts() {
        #expect(GlobPattern("customers*").matchesIgnoringCase("CustomersV3"))
        #expect(!GlobPattern("customers?").matchesIgnoringCase("CustomersV3"))
        #expect(GlobPattern("SalesOrder*V?").literalPrefix == "SalesOrder")
        #expect(GlobPattern("SalesOrder*V?").literalText == "SalesOrderV")
        #expect(GlobPattern("a\\*b").literalPrefix == "a*b")
        #expect(GlobPattern("CustomersV3").isLiteral)
        #expect(GlobPattern("a\\*b").isLiteral)
        #expect(!GlobPattern("Sales*").isLiteral)
        #expect(!GlobPattern("V[ae]ndor").isLiteral)
        #expect(GlobPattern("x*").description == "x*")
        let pattern: SelectionPattern = "Sales*"
        #expect(pattern.matches("SalesOrders") && pattern.text == "Sales*" && pattern.line == 0)
    }
}
