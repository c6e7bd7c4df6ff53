import Foundation
import ODataRuntime
import Testing

/// Writes, actions and `$batch` through the generated API against the live odatapy server. Every test has its own
/// server (a fresh store), stopped at the end.
@Suite("Live server: writes, actions, batch", .enabled(if: Peers.available, "no peers Python: set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh"))
struct LiveWriteTests {
    /// The JSON object of a recorded request body.
    static func jsonObject(_ body: Data?) throws -> [String: Any] {
        let data = try #require(body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("create, then read it back by key; the count grows")
    func create() async throws {
        let seed = try Seed.load()
        let limit = try #require(Decimal(string: "98765432109876.54321"))
        let created = try EDMDateTimeOffset(parsing: "2025-06-30T23:45:00-09:30")
        let new = CustomerV3(dataAreaId: "demf", customerAccount: "NEW/1+2", organizationName: "Neu GmbH",
                             creditLimit: limit, creditLimitIsMandatory: .yes, customerGroupId: "40",
                             onHoldStatus: .payment, customerCreatedDate: created, partyRecordId: ODataInt64(9_007_199_254_741_111))
        try await Live.run { live in
            let answer = try await live.fno.customersV3.create(new)
            #expect(answer.customerAccount == new.customerAccount)
            #expect(answer.odataEtag != nil)
            let read = try await live.fno.customersV3.key(dataAreaId: "demf", customerAccount: "NEW/1+2").fetch()
            #expect(read.creditLimit == limit)
            #expect(read.partyRecordId == ODataInt64(9_007_199_254_741_111))
            #expect(read.customerCreatedDate.description == "2025-06-30T23:45:00-09:30")
            #expect(read.onHoldStatus == .payment)
            #expect(read.creditLimitIsMandatory == .yes)
            #expect(read.organizationName == "Neu GmbH")
            let got1 = try await live.fno.customersV3.count()
            #expect(got1 == seed.customers.count + 1)
            let post = try #require(live.traffic.sent.first { $0.method == "POST" })
            #expect(post.url.absoluteString == live.server.serviceRoot.absoluteString + "CustomersV3")
        }
    }

    @Test("update PATCHes only the changed fields, with If-Match; the server keeps the others")
    func patchOnlyChanged() async throws {
        let seed = try Seed.load()
        let s = try #require(seed.customer("US-002"))
        let newLimit = try #require(Decimal(string: "12345678909876.000001"))
        try await Live.run { live in
            let set = live.fno.customersV3
            let before = try await set.key(dataAreaId: "usmf", customerAccount: "US-002").fetch()
            let after = try await set.update(before) {
                $0.creditLimit = newLimit
                $0.onHoldStatus = .never
            }
            let patch = try #require(live.traffic.sent.first { $0.method == "PATCH" })
            let body = try Self.jsonObject(patch.body)
            #expect(Set(body.keys) == ["CreditLimit", "OnHoldStatus"])
            #expect(body["OnHoldStatus"] as? String == "Never")
            #expect(patch.header("If-Match") == s.etag)
            #expect(patch.url.absoluteString == live.server.serviceRoot.absoluteString + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-002')")
            let reread = try await set.key(dataAreaId: "usmf", customerAccount: "US-002").fetch()
            #expect(reread.creditLimit == newLimit)
            #expect(reread.onHoldStatus == .never)
            #expect(reread.organizationName == s.name)
            #expect(reread.customerGroupId == s.group)
            #expect(reread.partyRecordId.value == s.partyRecordId)
            #expect(reread.customerCreatedDate.description == s.created)
            #expect(reread.odataEtag != before.odataEtag)
            #expect(after.odataEtag == reread.odataEtag, "update returns the new ETag")
            // Nothing changed: nothing is sent.
            let patches = live.traffic.sent.filter { $0.method == "PATCH" }.count
            _ = try await set.update(reread) { _ in }
            #expect(live.traffic.sent.filter { $0.method == "PATCH" }.count == patches)
        }
    }

    @Test("a PATCH does not overwrite a concurrent change to another field")
    func patchKeepsConcurrentChange() async throws {
        try await Live.run { live in
            let set = live.fno.customersV3
            let mine = try await set.key(dataAreaId: "usmf", customerAccount: "A+B").fetch()
            let theirs = try await set.key(dataAreaId: "usmf", customerAccount: "A+B").fetch()
            _ = try await set.update(theirs, ifMatch: .any) { $0.paymentTerms = "Net60" }
            _ = try await set.update(mine, ifMatch: .any) { $0.organizationName = "Renamed" }
            let now = try await set.key(dataAreaId: "usmf", customerAccount: "A+B").fetch()
            #expect(now.paymentTerms == "Net60")
            #expect(now.organizationName == "Renamed")
            #expect(live.traffic.sent.filter { $0.method == "PATCH" }.allSatisfy { $0.header("If-Match") == "*" })
        }
    }

    @Test("values written round-trip exactly: decimals, Int64 above 2^53, offsets, null")
    func writeRoundTrip() async throws {
        let limit = try #require(Decimal(string: "0.000001"))
        let created = try EDMDateTimeOffset(parsing: "2024-12-31T23:59:59+14:00")
        try await Live.run { live in
            let set = live.fno.customersV3
            let before = try await set.key(dataAreaId: "usmf", customerAccount: "C\\D").fetch()
            _ = try await set.update(before) {
                $0.creditLimit = limit
                $0.partyRecordId = ODataInt64(Int64.max - 1)
                $0.customerCreatedDate = created
                $0.organizationName = nil
            }
            let body = try Self.jsonObject(live.traffic.sent.first { $0.method == "PATCH" }?.body)
            #expect(body["OrganizationName"] is NSNull, "a property set to nil is sent as null")
            let read = try await set.key(dataAreaId: "usmf", customerAccount: "C\\D").fetch()
            #expect(read.creditLimit == limit)
            #expect(read.partyRecordId.value == Int64.max - 1)
            #expect(read.customerCreatedDate.description == "2024-12-31T23:59:59+14:00")
            #expect(read.organizationName == nil)
        }
    }

    @Test("a PATCH with a stale ETag is preconditionFailed and changes nothing")
    func staleETag() async throws {
        try await Live.run { live in
            let set = live.fno.customersV3
            let original = try await set.key(dataAreaId: "usmf", customerAccount: "50%").fetch()
            _ = try await set.update(original) { $0.paymentTerms = "Net45" }
            await #expect {
                _ = try await set.update(original) { $0.paymentTerms = "Net90" }
            } throws: { error in
                guard case ODataError.preconditionFailed(let failure) = error else { return false }
                return failure.statusCode == 412
            }
            let now = try await set.key(dataAreaId: "usmf", customerAccount: "50%").fetch()
            #expect(now.paymentTerms == "Net45")
            // Deleting with the stale ETag fails the same way.
            await #expect {
                try await set.delete(original)
            } throws: { error in
                guard case ODataError.preconditionFailed = error else { return false }
                return true
            }
        }
    }

    @Test("delete with the ETag; the row is then notFound and the count drops")
    func delete() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let set = live.fno.customersV3
            let row = try await set.key(dataAreaId: "usmf", customerAccount: "Space Key").fetch()
            try await set.delete(row)
            let delete = try #require(live.traffic.sent.first { $0.method == "DELETE" })
            #expect(delete.header("If-Match") == row.odataEtag)
            await #expect {
                _ = try await set.key(dataAreaId: "usmf", customerAccount: "Space Key").fetch()
            } throws: { error in
                guard case ODataError.notFound = error else { return false }
                return true
            }
            let got2 = try await set.count()
            #expect(got2 == seed.customers.count - 1)
        }
    }

    @Test("bound entity action getCreditLimitUsage returns a quarter of the credit limit")
    func boundEntityAction() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            for account in ["US-001", "O'Neil", "105E11/74N", "US-005"] {
                let s = try #require(seed.customer(account))
                let usage = try await live.fno.customersV3.key(dataAreaId: s.dataAreaId, customerAccount: account)
                    .getCreditLimitUsage().invoke()
                let limit = try #require(s.creditLimitValue)
                #expect(usage == limit / 4, "\(account): \(usage) vs \(limit) / 4")
            }
            let post = try #require(live.traffic.sent.first { $0.method == "POST" })
            #expect(post.url.absoluteString.hasSuffix("/Microsoft.Dynamics.DataEntities.getCreditLimitUsage"))
            await #expect {
                _ = try await live.fno.customersV3.key(dataAreaId: "usmf", customerAccount: "NOPE").getCreditLimitUsage().invoke()
            } throws: { error in
                guard case ODataError.notFound = error else { return false }
                return true
            }
        }
    }

    @Test("collection action confirmSalesOrders echoes its parameter")
    func boundCollectionAction() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let result = try await live.fno.salesOrderHeadersV2.confirmSalesOrders(salesOrderNumbers: "SO-00001,SO-00002").invoke()
            #expect(result == "confirmed SO-00001,SO-00002 of \(seed.orders.count)")
            let post = try #require(live.traffic.sent.last)
            let got3 = try Self.jsonObject(post.body)["_salesOrderNumbers"] as? String
            #expect(got3 == "SO-00001,SO-00002")
        }
    }

    @Test("$batch: a changeset of two updates applied together, and a read")
    func batchChangeset() async throws {
        let seed = try Seed.load()
        let first = try #require(Decimal(string: "111.11"))
        let second = try #require(Decimal(string: "222.22"))
        try await Live.run { live in
            let set = live.fno.customersV3
            let a = try await set.key(dataAreaId: "usmf", customerAccount: "US-003").fetch()
            let b = try await set.key(dataAreaId: "usmf", customerAccount: "O'Neil").fetch()
            var a2 = a, b2 = b
            a2.creditLimit = first
            b2.creditLimit = second
            let readRequest = set.key(dataAreaId: "demf", customerAccount: "DE-001").batchRequest
            var batch = ODataBatch()
            batch.addChangeset([
                try #require(try set.key(a.key).updateRequest(from: a, to: a2)),
                try #require(try set.key(b.key).updateRequest(from: b, to: b2)),
            ])
            batch.add(readRequest)
            for request in batch.requests { live.traffic.recordBatchPart(request.target) }
            let results = try await live.fno.batch(batch)
            #expect(results.count == 3)
            for result in results { _ = try result.get(serviceRoot: live.server.serviceRoot) }
            let de001 = try live.client.decode(CustomerV3.self, from: results[2].response.body)
            #expect(de001.customerAccount == "DE-001")
            #expect(de001.organizationName == seed.customer("DE-001")?.name)
            let got4 = try await set.key(a.key).fetch().creditLimit
            #expect(got4 == first)
            let got5 = try await set.key(b.key).fetch().creditLimit
            #expect(got5 == second)
        }
    }

    @Test("$batch: a changeset with one stale update applies neither")
    func batchChangesetIsAtomic() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let set = live.fno.customersV3
            let a = try await set.key(dataAreaId: "usmf", customerAccount: "US-006").fetch()
            let b = try await set.key(dataAreaId: "usmf", customerAccount: "US-007").fetch()
            _ = try await set.update(b) { $0.paymentTerms = "Net99" }  // b's ETag is now stale
            var a2 = a, b2 = b
            a2.paymentTerms = "Net11"
            b2.paymentTerms = "Net22"
            var batch = ODataBatch()
            batch.addChangeset([
                try #require(try set.key(a.key).updateRequest(from: a, to: a2)),
                try #require(try set.key(b.key).updateRequest(from: b, to: b2)),
            ])
            for request in batch.requests { live.traffic.recordBatchPart(request.target) }
            let results = try await live.fno.batch(batch)
            #expect(results.count == 2)
            #expect(results.allSatisfy { !$0.response.isSuccess })
            #expect(throws: ODataError.self) { try results[1].get(serviceRoot: live.server.serviceRoot) }
            let got6 = try await set.key(a.key).fetch().paymentTerms
            #expect(got6 == seed.customer("US-006")?.paymentTerms)
            let got7 = try await set.key(b.key).fetch().paymentTerms
            #expect(got7 == "Net99")
        }
    }
}
