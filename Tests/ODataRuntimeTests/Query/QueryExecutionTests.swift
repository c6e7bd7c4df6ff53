import Foundation
import Testing
import ODataRuntime

/// What each query API call sends (method, URL, headers, body), with a test-double transport.
@Suite("Query execution")
struct QueryExecutionTests {
    static let row = #"{"@odata.etag":"W/\"JzEn\"","dataAreaId":"usmf","CustomerAccount":"US-001","OrganizationName":"Contoso","CreditLimit":100,"OnHoldStatus":"No","CustomerCreatedDate":"2024-01-31T00:00:00Z"}"#

    func set(_ transport: ScriptedTransport) -> ODataQuery<TCustomer, TCustomer> {
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: fastConfiguration())
        return ODataQuery<TCustomer, TCustomer>(context: ODataServiceContext(client: client), entitySet: "CustomersV3")
    }

    func customer() throws -> TCustomer { try JSONDecoder().decode(TCustomer.self, from: Data(Self.row.utf8)) }

    @Test("fetch follows @odata.nextLink verbatim and returns every row once")
    func fetchPages() async throws {
        let next = "https://contoso.operations.dynamics.com/data/CustomersV3?$skiptoken=Y3Vyc29y%2B1&$top=2"
        let transport = ScriptedTransport(responses: [
            json(#"{"value":[\#(Self.row),\#(Self.row)],"@odata.nextLink":"\#(next)"}"#), json(#"{"value":[\#(Self.row)]}"#),
        ])
        let rows = try await set(transport).filter { $0.creditLimit > 10 }.top(2).fetch()
        #expect(rows.count == 3)
        #expect(transport.requests.map(\.method) == ["GET", "GET"])
        #expect(transport.requests[0].url.absoluteString == testRoot.absoluteString + "CustomersV3?$filter=CreditLimit%20gt%2010&$top=2")
        #expect(transport.requests[1].url.absoluteString == next)
    }

    @Test("firstPage returns the count and the next link; count() reads $count")
    func firstPageAndCount() async throws {
        let transport = ScriptedTransport { request, _ in
            request.url.path.hasSuffix("$count") ? ODataResponse(statusCode: 200, body: Data("42".utf8))
                : json(#"{"@odata.count":42,"value":[\#(Self.row)],"@odata.nextLink":"https://x/data/CustomersV3?$skip=1"}"#)
        }
        let page = try await set(transport).count(true).firstPage()
        #expect(page.count == 42)
        #expect(page.rows.first?.customerAccount == "US-001")
        #expect(page.nextLink != nil)
        #expect(try await set(transport).crossCompany().count() == 42)
        #expect(transport.requests[1].url.absoluteString == testRoot.absoluteString + "CustomersV3/$count?cross-company=true")
    }

    @Test("a selected query decodes projections")
    func selected() async throws {
        let transport = ScriptedTransport(responses: [json(#"{"value":[{"CustomerAccount":"US-001"}]}"#)])
        let rows = try await set(transport).select(\.customerAccount).fetch()
        #expect(rows.first?.customerAccount == "US-001")
        #expect(rows.first?.creditLimit == nil)
    }

    @Test("update sends PATCH with only the changed property and If-Match from the etag; keeps the new ETag")
    func update() async throws {
        let transport = ScriptedTransport(responses: [ODataResponse(statusCode: 204, headers: ["etag": "W/\"new\""])])
        let updated = try await set(transport).update(try customer()) { $0.creditLimit = 5 }
        let request = try #require(transport.requests.first)
        #expect(request.method == "PATCH")
        #expect(request.url.absoluteString == testRoot.absoluteString + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')")
        #expect(request.header("If-Match") == "W/\"JzEn\"")
        #expect(request.header("Content-Type") == "application/json")
        #expect(String(decoding: try #require(request.body), as: UTF8.self) == #"{"CreditLimit":5}"#)
        #expect(updated.creditLimit == 5)
        #expect(updated.odataEtag == "W/\"new\"")
    }

    @Test("update with ifMatch .any sends If-Match: *; no change sends nothing")
    func updateAny() async throws {
        let transport = ScriptedTransport(responses: [ODataResponse(statusCode: 204)])
        let c = try customer()
        _ = try await set(transport).update(c, ifMatch: .any) { $0.organizationName = nil }
        #expect(transport.requests.first?.header("If-Match") == "*")
        #expect(String(decoding: try #require(transport.requests.first?.body), as: UTF8.self) == #"{"OrganizationName":null}"#)
        _ = try await set(transport).update(c) { _ in }
        #expect(transport.requests.count == 1)
    }

    @Test("a stale etag gives preconditionFailed")
    func stale() async throws {
        let transport = ScriptedTransport(responses: [json(#"{"error":{"code":"","message":"changed"}}"#, status: 412)])
        await #expect {
            _ = try await set(transport).update(try customer()) { $0.creditLimit = 1 }
        } throws: { error in
            if case ODataError.preconditionFailed = error { return true }
            return false
        }
    }

    @Test("create POSTs the entity without an etag; delete sends If-Match")
    func createDelete() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "POST" ? json(Self.row, status: 201) : ODataResponse(statusCode: 204)
        }
        var new = try customer()
        new.odataEtag = nil
        let created = try await set(transport).create(new)
        #expect(created.odataEtag == "W/\"JzEn\"")
        let post = transport.requests[0]
        #expect(post.url.absoluteString == testRoot.absoluteString + "CustomersV3")
        #expect(post.header("Prefer") == "return=representation")
        #expect(!String(decoding: try #require(post.body), as: UTF8.self).contains("odata.etag"))
        try await set(transport).delete(created)
        #expect(transport.requests[1].method == "DELETE")
        #expect(transport.requests[1].header("If-Match") == "W/\"JzEn\"")
        try await set(transport).key(created.key).delete(ifMatch: nil)
        #expect(transport.requests[2].header("If-Match") == nil)
    }

    @Test("fetch by key and an action call")
    func keyAndAction() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "POST" ? json(#"{"value":0.75}"#) : json(Self.row)
        }
        let one = set(transport).key(TCustomer.Key(dataAreaId: "usmf", customerAccount: "US-001"))
        let c = try await one.fetch()
        #expect(c.creditLimit == 100)
        var action = ODataOperation<Decimal>.action(context: one.context, path: one.path, name: "NS.usage", resultInValue: true)
        action.bodyParameter("Year", Int32(2024))
        #expect(try await action.invoke() == Decimal(string: "0.75"))
        let post = transport.requests[1]
        #expect(post.url.absoluteString == testRoot.absoluteString + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/NS.usage")
        #expect(String(decoding: try #require(post.body), as: UTF8.self) == #"{"Year":2024}"#)
    }

    @Test("batch parts: create with a Content-ID, an update with If-Match, a delete")
    func batchParts() throws {
        let s = set(ScriptedTransport(responses: [json("{}")]))
        let c = try customer()
        var changed = c
        changed.creditLimit = 7
        let create = try s.createRequest(c, contentID: "1")
        #expect(create.method == "POST" && create.contentID == "1")
        let update = try #require(try s.key(c.key).updateRequest(from: c, to: changed))
        #expect(update.method == "PATCH")
        #expect(update.headers["If-Match"] == "W/\"JzEn\"")
        #expect(update.body.map { String(decoding: $0, as: UTF8.self) } == #"{"CreditLimit":7}"#)
        #expect(try s.key(c.key).updateRequest(from: c, to: c) == nil)
        #expect(s.key(c.key).deleteRequest(ifMatch: .any).headers["If-Match"] == "*")
        var batch = ODataBatch()
        batch.add(s.top(1).batchRequest)
        batch.addChangeset([create, update])
        #expect(batch.requests.count == 3)
    }
}
