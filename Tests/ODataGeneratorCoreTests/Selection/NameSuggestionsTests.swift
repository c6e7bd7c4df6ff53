import Testing
import ODataGeneratorCore

@Suite("Selection: name suggestions")
struct SelectionNameSuggestionsTests {
    let names = ["CustomersV3", "CustomerGroups", "SalesOrderHeadersV2", "SalesOrderLines", "Vendors", "VendorsV2", "Me"]

    @Test("edit distance")
    func editDistance() {
        #expect(NameSuggestions.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestions.editDistance("", "abc") == 3)
        #expect(NameSuggestions.editDistance("abc", "") == 3)
        #expect(NameSuggestions.editDistance("CustomersV3", "CustomersV3") == 0)
        #expect(NameSuggestions.editDistance("a*b", "axb") == 1, "wildcard characters are plain characters here")
    }

    @Test("case-insensitive matches come first")
    func caseInsensitive() {
        #expect(NameSuggestions.suggestions(for: GlobPattern("vendors*"), among: names) == ["Vendors", "VendorsV2"])
    }

    @Test("close names by edit distance, closest first")
    func closeNames() {
        #expect(NameSuggestions.suggestions(for: GlobPattern("CustomerV3"), among: names) == ["CustomersV3"])
        #expect(NameSuggestions.suggestions(for: GlobPattern("Vendor"), among: names) == ["Vendors"], "VendorsV2 is 3 edits away, too many for 6 characters")
        #expect(NameSuggestions.suggestions(for: GlobPattern("SalesOrdr*"), among: names) == ["SalesOrderHeadersV2", "SalesOrderLines"])
        #expect(NameSuggestions.suggestions(for: GlobPattern("*Lnes"), among: names) == ["SalesOrderLines"])
    }

    @Test("a shared prefix when nothing is close")
    func prefix() {
        #expect(NameSuggestions.suggestions(for: GlobPattern("Cust"), among: names) == ["CustomersV3", "CustomerGroups"])
        #expect(NameSuggestions.suggestions(for: GlobPattern("SalesOrderHeaderLinesV9"), among: names) == ["SalesOrderHeadersV2"])
    }

    @Test("nothing near: no suggestion; short patterns tolerate fewer edits")
    func nothingNear() {
        #expect(NameSuggestions.suggestions(for: GlobPattern("Zebra"), among: names).isEmpty)
        #expect(NameSuggestions.suggestions(for: GlobPattern("Xe"), among: names).isEmpty, "Me is 1 edit from Xe, but Xe is too short for that")
        #expect(NameSuggestions.suggestions(for: GlobPattern("Mx"), among: ["Me"]).isEmpty)
        #expect(NameSuggestions.suggestions(for: GlobPattern("Mee"), among: ["Me"]) == ["Me"])
        #expect(NameSuggestions.suggestions(for: GlobPattern("x"), among: []).isEmpty)
    }

    @Test("the limit and duplicates")
    func limit() {
        let many = (1...9).map { "Vendor\($0)" } + ["Vendor1"]
        #expect(NameSuggestions.suggestions(for: GlobPattern("vendor?"), among: many).count == 5)
        #expect(NameSuggestions.suggestions(for: GlobPattern("vendor?"), among: many, limit: 2) == ["Vendor1", "Vendor2"])
    }

    @Test("or-lists")
    func orList() {
        #expect(NameSuggestions.orList([]) == "")
        #expect(NameSuggestions.orList(["A"]) == "A")
        #expect(NameSuggestions.orList(["A", "B"]) == "A or B")
        #expect(NameSuggestions.orList(["A", "B", "C"]) == "A, B or C")
    }
}
