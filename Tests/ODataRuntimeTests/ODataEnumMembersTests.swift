import Testing
import ODataRuntime

@Suite("ODataEnumMembers")
struct ODataEnumMembersTests {
    @Test("lookups by name, case and value")
    func lookups() {
        let table = SalesStatus.members
        #expect(table.entries.map(\.name) == ["Invoiced", "Backorder", "Default"])
        #expect(table.entry(named: "Backorder")?.member == .backorder)
        #expect(table.entry(for: .default)?.value == 10)
        #expect(table.entry(value: 3)?.name == "Invoiced")
        #expect(table.entry(named: "Nope") == nil)
        #expect(table.entry(for: .unknown("Invoiced")) == nil)
        #expect(table.entry(value: 2) == nil)
    }

    @Test("when a value repeats, the first member wins")
    func duplicates() {
        let table = ODataEnumMembers<NoYes>([(.no, "No", 0), (.yes, "Yes", 0)])
        #expect(table.entry(value: 0)?.member == .no)
        #expect(table.entry(named: "Yes")?.member == .yes)
    }
}
