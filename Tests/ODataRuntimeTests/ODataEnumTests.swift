import Foundation
import Testing
import ODataRuntime

/// What the generator writes for an EDM enum type: cases, `unknown`, and two tables.
enum NoYes: ODataEnum {
    case no
    case yes
    case unknown(String)

    static let qualifiedName = "Microsoft.Dynamics.DataEntities.NoYes"
    static let members: ODataEnumMembers<NoYes> = [(.no, "No", 0), (.yes, "Yes", 1)]
}

/// Sparse, unsorted values and a name that needs escaping in Swift, as F&O has.
enum SalesStatus: ODataEnum {
    case invoiced
    case backorder
    case `default`
    case unknown(String)

    static let qualifiedName = "Microsoft.Dynamics.DataEntities.SalesStatus"
    static let members: ODataEnumMembers<SalesStatus> = [(.invoiced, "Invoiced", 3), (.backorder, "Backorder", 1),
        (.default, "Default", 10)]
}

@Suite("ODataEnum")
struct ODataEnumTests {
    @Test("known members decode from and encode to their names")
    func known() throws {
        #expect(try decodeJSON(NoYes.self, #""Yes""#) == .yes)
        #expect(try decodeJSON(NoYes.self, #""No""#) == .no)
        #expect(try encodeJSON(NoYes.yes) == #""Yes""#)
        #expect(try decodeJSON(SalesStatus.self, #""Default""#) == .default)
    }

    @Test("a member the metadata did not know decodes to unknown and encodes back unchanged")
    func unknown() throws {
        let value = try decodeJSON(NoYes.self, #""Maybe""#)
        #expect(value == .unknown("Maybe"))
        #expect(!value.isKnown)
        #expect(value.rawValue == "Maybe")
        #expect(try encodeJSON(value) == #""Maybe""#)
        #expect(value.integerValue == nil)
        #expect(NoYes(rawValue: "") == .unknown(""))
    }

    @Test("names are case-sensitive, as OData names are")
    func caseSensitive() {
        #expect(NoYes(rawValue: "yes") == .unknown("yes"))
    }

    @Test("an integer value, as a string or a number, decodes to the member with that value")
    func integerValues() throws {
        #expect(try decodeJSON(SalesStatus.self, #""3""#) == .invoiced)
        #expect(try decodeJSON(SalesStatus.self, "1") == .backorder)
        #expect(try decodeJSON(SalesStatus.self, #""7""#) == .unknown("7"))
        #expect(SalesStatus.invoiced.integerValue == 3)
    }

    @Test("in a model, inside arrays and optionals")
    func inModel() throws {
        struct Order: Codable, Equatable {
            var status: SalesStatus
            var blocked: NoYes?
            var history: [SalesStatus]
        }
        let json = #"{"status":"Invoiced","blocked":"Yes","history":["Backorder","Cancelled"]}"#
        let order = try decodeJSON(Order.self, json)
        #expect(order == Order(status: .invoiced, blocked: .yes, history: [.backorder, .unknown("Cancelled")]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(order), as: UTF8.self)
            == #"{"blocked":"Yes","history":["Backorder","Cancelled"],"status":"Invoiced"}"#)
    }

    @Test("a value that is neither a string nor an integer is a clear error")
    func wrongType() {
        do {
            _ = try decodeJSON(NoYes.self, "true")
            Issue.record("expected an error")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("Microsoft.Dynamics.DataEntities.NoYes"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("known cases in declaration order, description, URL literal")
    func helpers() {
        #expect(SalesStatus.knownCases == [.invoiced, .backorder, .default])
        #expect(NoYes.yes.description == "Yes")
        #expect(NoYes.yes.odataLiteral == "Microsoft.Dynamics.DataEntities.NoYes'Yes'")
        #expect(NoYes.unknown("It's").odataLiteral == "Microsoft.Dynamics.DataEntities.NoYes'It''s'")
    }

    @Test("Hashable and Sendable")
    func conformances() async {
        #expect(Set([NoYes.yes, .yes, .no, .unknown("X")]).count == 3)
        let value = NoYes.unknown("X")
        let copy = await Task.detached { value }.value
        #expect(copy == value)
    }
}
