import Foundation
import Testing
import ODataRuntime

@Suite("Updates send only changed properties; select decodes into projections")
struct ChangeTrackingTests {
    static let row = #"""
    {"@odata.etag":"W/\"JzEn\"","dataAreaId":"usmf","CustomerAccount":"US-001","OrganizationName":"Contoso",
     "CreditLimit":12345678901234.5678,"OnHoldStatus":"No","CustomerCreatedDate":"2024-01-31T00:00:00+05:30"}
    """#

    func customer() throws -> TCustomer { try JSONDecoder().decode(TCustomer.self, from: Data(Self.row.utf8)) }

    @Test("one changed property gives a body with that property only")
    func oneChange() throws {
        let original = try customer()
        var changed = original
        changed.creditLimit = 20_000
        let body = try #require(try ODataChanges.patchBody(from: original, to: changed))
        #expect(String(decoding: body, as: UTF8.self) == #"{"CreditLimit":20000}"#)
    }

    @Test("several changes are sent sorted by name; an enum is sent by member name; the etag is never sent")
    func severalChanges() throws {
        let original = try customer()
        var changed = original
        changed.onHold = .yes
        changed.organizationName = "Contoso (US)"
        changed.odataEtag = "W/\"other\""
        let body = try #require(try ODataChanges.patchBody(from: original, to: changed))
        #expect(String(decoding: body, as: UTF8.self) == #"{"OnHoldStatus":"Yes","OrganizationName":"Contoso (US)"}"#)
    }

    @Test("a property set to nil is sent as null")
    func toNull() throws {
        let original = try customer()
        var changed = original
        changed.organizationName = nil
        let body = try #require(try ODataChanges.patchBody(from: original, to: changed))
        #expect(String(decoding: body, as: UTF8.self) == #"{"OrganizationName":null}"#)
    }

    @Test("no change, no body")
    func noChange() throws {
        let original = try customer()
        #expect(try ODataChanges.patchBody(from: original, to: original) == nil)
    }

    @Test("a selected row lacking non-nullable properties decodes as a projection, not as the entity")
    func projection() throws {
        let page = #"{"value":[{"@odata.etag":"W/\"1\"","CustomerAccount":"US-001","CreditLimit":0.1},{"CustomerAccount":"US-002","CreditLimit":null}]}"#
        struct Page: Decodable { let value: [ODataPartial<TCustomer>] }
        let rows = try JSONDecoder().decode(Page.self, from: Data(page.utf8)).value
        #expect(rows.count == 2)
        #expect(rows[0].customerAccount == "US-001")
        #expect(rows[0].creditLimit == Decimal(string: "0.1"))
        #expect(rows[0].organizationName == nil)
        #expect(rows[0].odataEtag == "W/\"1\"")
        #expect(rows[1].creditLimit == nil)
        #expect(throws: (any Error).self) { try rows[0].entity() }
        struct FullPage: Decodable { let value: [TCustomer] }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FullPage.self, from: Data(page.utf8)) }
    }

    @Test("a projection reports a value of the wrong type")
    func projectionTypeError() throws {
        let row = try JSONDecoder().decode(ODataPartial<TCustomer>.self, from: Data(#"{"CreditLimit":"lots"}"#.utf8))
        #expect(row.creditLimit == nil)
        #expect(throws: (any Error).self) { try row.value(\.creditLimit) }
    }

    @Test("action body holds the parameters; function has none and uses GET")
    func operationBody() throws {
        var action = ODataOperation<String>.action(context: queryContext, path: "SalesOrderHeadersV2", name: "NS.confirm", resultInValue: true)
        action.bodyParameter("_salesOrderNumbers", "SO-1,SO-2")
        action.bodyParameter("Missing", Optional<String>.none)
        action.bodyParameter("Flag", TNoYes.yes)
        #expect(action.method == "POST")
        #expect(String(decoding: try #require(try action.body()), as: UTF8.self) == #"{"_salesOrderNumbers":"SO-1,SO-2","Missing":null,"Flag":"Yes"}"#)
        #expect(try action.decodeResult(Data(#"{"@odata.context":"x","value":"done"}"#.utf8)) == "done")
        let function = ODataOperation<ODataVoid>.function(context: queryContext, path: "", name: "Ping", resultInValue: false)
        #expect(function.method == "GET")
        #expect(try function.body() == nil)
        #expect(try function.decodeResult(Data()) == ODataVoid())
    }
}
