import Foundation
import ODataRuntime
import Testing

/// Reads through the generated API against the live odatapy server; expected rows come from the seed file.
/// Each test starts its own server and stops it at the end (see ``Live/run(pageSize:_:)``).
@Suite("Live server: reads", .enabled(if: Peers.available, "no peers Python: set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh"))
struct LiveReadTests {
    @Test("filter + select + orderBy + top returns the expected projections")
    func filteredSelectedOrderedTop() async throws {
        let seed = try Seed.load()
        let limit = try #require(Decimal(string: "10000"))
        let expected = seed.customers
            .filter { ($0.creditLimitValue ?? 0) > limit && $0.group == "10" }
            .sorted { ($0.name ?? "") < ($1.name ?? "") }
            .prefix(3)
        #expect(expected.count == 3)
        try await Live.run { live in
            let rows = try await live.fno.customersV3
                .filter { $0.creditLimit > 10_000 && $0.customerGroupId == "10" }
                .select(\.customerAccount, \.organizationName, \.creditLimit)
                .orderBy(\.organizationName).top(3)
                .fetch()
            #expect(rows.map(\.customerAccount) == expected.map(\.account))
            #expect(rows.map(\.organizationName) == expected.map(\.name))
            #expect(rows.map(\.creditLimit) == expected.map(\.creditLimitValue))
            // Unselected properties are absent from a projection, non-nullable ones included.
            #expect(rows.allSatisfy { $0.partyRecordId == nil && $0.creditLimitIsMandatory == nil })
        }
    }

    @Test("orderBy on several keys, descending, with skip")
    func orderBySeveralKeys() async throws {
        let seed = try Seed.load()
        let expected = seed.customers
            .sorted { ($0.group ?? "", $1.account) < ($1.group ?? "", $0.account) }
            .dropFirst(2).prefix(6)
        try await Live.run { live in
            let rows = try await live.fno.customersV3
                .orderBy(\.customerGroupId).orderBy(\.customerAccount, .descending).skip(2).top(6)
                .fetch()
            #expect(rows.map(\.customerAccount) == expected.map(\.account))
        }
    }

    @Test("all() with server page size 3 returns every row exactly once, following each next link")
    func pagingAll() async throws {
        let seed = try Seed.load()
        try await Live.run(pageSize: 3) { live in
            var keys: [CustomerV3.Key] = []
            for try await row in live.fno.customersV3.all() { keys.append(row.key) }
            #expect(keys.count == seed.customers.count)
            #expect(Set(keys).count == keys.count, "a row came twice")
            #expect(Set(keys) == Set(seed.customers.map { CustomerV3.Key(dataAreaId: $0.dataAreaId, customerAccount: $0.account) }))
            let pages = (seed.customers.count + 2) / 3
            #expect(live.traffic.sent.count == pages)
            #expect(live.traffic.sent.dropFirst().allSatisfy { $0.url.absoluteString.contains("skiptoken") || $0.url.absoluteString.contains("skip") },
                    "later pages come from the next links")
        }
    }

    @Test("firstPage gives rows, the total count and the next link")
    func firstPageWithCount() async throws {
        let seed = try Seed.load()
        let usmf = seed.customers.filter { $0.dataAreaId == "usmf" }
        try await Live.run(pageSize: 3) { live in
            let page = try await live.fno.customersV3.filter { $0.dataAreaId == "usmf" }.count(true).firstPage()
            #expect(page.rows.count == 3)
            #expect(page.count == usmf.count)
            let next = try #require(page.nextLink)
            #expect(next.absoluteString.hasPrefix(live.server.serviceRoot.absoluteString + "CustomersV3"))
            let last = try await live.fno.customersV3.filter { $0.dataAreaId == "usmf" }.skip(12).count(true).firstPage()
            #expect(last.rows.count == usmf.count - 12)
            #expect(last.nextLink == nil)
        }
    }

    @Test("fetch by composite key, for every seeded row (keys with ' / + \\ % and space included)")
    func fetchByKey() async throws {
        let seed = try Seed.load()
        for tricky in ["O'Neil", "A+B", "105E11/74N", "C\\D", "50%", "Space Key"] {
            #expect(seed.customer(tricky) != nil, "the seed lost its tricky key \(tricky)")
        }
        try await Live.run { live in
            for s in seed.customers {
                let c = try await live.fno.customersV3.key(dataAreaId: s.dataAreaId, customerAccount: s.account).fetch()
                #expect(c.customerAccount == s.account)
                #expect(c.dataAreaId == s.dataAreaId)
                #expect(c.organizationName == s.name)
                #expect(c.odataEtag == s.etag)
            }
            let projected = try await live.fno.customersV3.key(dataAreaId: "usmf", customerAccount: "O'Neil")
                .select(\.creditLimit).fetch()
            #expect(projected.creditLimit == seed.customer("O'Neil")?.creditLimitValue)
            #expect(projected.organizationName == nil, "not selected")
        }
    }

    @Test("a missing key is notFound")
    func missingKey() async throws {
        try await Live.run { live in
            await #expect {
                _ = try await live.fno.customersV3.key(dataAreaId: "usmf", customerAccount: "NOPE").fetch()
            } throws: { error in
                guard case ODataError.notFound = error else { return false }
                return true
            }
        }
    }

    @Test("count() with and without a filter")
    func count() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let got1 = try await live.fno.customersV3.count()
            #expect(got1 == seed.customers.count)
            let demf = try await live.fno.customersV3.filter { $0.dataAreaId == "demf" }.count()
            #expect(demf == seed.customers.filter { $0.dataAreaId == "demf" }.count)
            let got2 = try await live.fno.salesOrderHeadersV2.count()
            #expect(got2 == seed.orders.count)
        }
    }

    @Test("enum filters: eq and ne with qualified literals")
    func enumFilters() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let invoice = try await live.fno.customersV3.filter { $0.onHoldStatus == .invoice }.fetch()
            #expect(Set(invoice.map(\.customerAccount)) == Set(seed.customers.filter { $0.onHold == "Invoice" }.map(\.account)))
            #expect(invoice.allSatisfy { $0.onHoldStatus == .invoice })
            let notMandatory = try await live.fno.customersV3.filter { $0.creditLimitIsMandatory != .yes }.fetch()
            #expect(Set(notMandatory.map(\.customerAccount)) == Set(seed.customers.filter { $0.mandatory != "Yes" }.map(\.account)))
            let backorders = try await live.fno.salesOrderHeadersV2.filter { $0.salesOrderStatus == .backorder }.fetch()
            #expect(Set(backorders.map(\.salesOrderNumber)) == Set(seed.orders.filter { $0.status == "Backorder" }.map(\.number)))
            #expect(!backorders.isEmpty)
            let none = try await live.fno.salesOrderHeadersV2.filter { $0.salesOrderStatus == .none_ }.fetch()
            #expect(Set(none.map(\.salesOrderNumber)) == Set(seed.orders.filter { $0.status == "None" }.map(\.number)))
        }
    }

    @Test("F&O wildcard match: containsText and hasPrefix")
    func wildcard() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let retail = try await live.fno.customersV3.filter { $0.organizationName.containsText("retail") }.fetch()
            #expect(Set(retail.map(\.customerAccount))
                == Set(seed.customers.filter { $0.name?.lowercased().contains("retail") == true }.map(\.account)))
            let prefixed = try await live.fno.customersV3.filter { $0.customerAccount.hasPrefix("US-00") }.fetch()
            #expect(Set(prefixed.map(\.customerAccount)) == Set(seed.customers.filter { $0.account.hasPrefix("US-00") }.map(\.account)))
        }
    }

    @Test("decimals with fractions and Int64 above 2^53 read exactly, and filter exactly")
    func exactNumbers() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let rows = try await live.fno.customersV3.fetch()
            #expect(rows.count == seed.customers.count)
            for row in rows {
                let s = try #require(seed.customer(row.customerAccount))
                #expect(row.creditLimit == s.creditLimitValue, "\(row.customerAccount): \(row.creditLimit) vs \(s.creditLimit)")
                #expect(row.partyRecordId.value == s.partyRecordId)
                #expect(row.partyRecordId.value > 1 << 53)
            }
            // The same through a $select projection (ODataPartial).
            let projected = try await live.fno.customersV3.select(\.customerAccount, \.creditLimit, \.partyRecordId).fetch()
            #expect(projected.count == seed.customers.count)
            for row in projected {
                let s = try #require(seed.customer(row.customerAccount ?? ""))
                #expect(row.creditLimit == s.creditLimitValue, "projected \(s.account): \(String(describing: row.creditLimit)) vs \(s.creditLimit)")
                #expect(row.partyRecordId?.value == s.partyRecordId)
            }
            // Neighbours of 2^53 that a Double would confuse: exactly one row matches.
            let us002 = try #require(seed.customer("US-002"))
            let byParty = try await live.fno.customersV3.filter { $0.partyRecordId == ODataInt64(us002.partyRecordId) }.fetch()
            #expect(byParty.map(\.customerAccount) == ["US-002"])
            let us001 = try #require(seed.customer("US-001"))
            let exactLimit = try #require(us001.creditLimitValue)
            let byLimit = try await live.fno.customersV3.filter { $0.creditLimit == exactLimit }.fetch()
            #expect(byLimit.map(\.customerAccount) == ["US-001"])
        }
    }

    @Test("DateTimeOffset values keep their offsets")
    func offsets() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let rows = try await live.fno.customersV3.fetch()
            var offsets: Set<Int> = []
            for row in rows {
                let s = try #require(seed.customer(row.customerAccount))
                let expected = try EDMDateTimeOffset(parsing: s.created)
                #expect(row.customerCreatedDate.offsetMinutes == expected.offsetMinutes, "\(row.customerAccount)")
                #expect(row.customerCreatedDate.isSameInstant(as: expected))
                #expect(row.customerCreatedDate.description == s.created)
                offsets.insert(row.customerCreatedDate.offsetMinutes)
            }
            #expect(offsets.count >= 3, "the seed has several offsets")
            // A filter with a non-UTC offset (its `+` percent-encoded) selects by instant.
            let us001 = try #require(seed.customer("US-001"))
            let created = try EDMDateTimeOffset(parsing: us001.created)
            let same = try await live.fno.customersV3.filter { $0.customerCreatedDate == created }.fetch()
            #expect(same.map(\.customerAccount) == ["US-001"])
        }
    }

    @Test("$expand of a collection navigation and of a single navigation; navigate to related rows")
    func expand() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let us001 = try await live.fno.customersV3.key(dataAreaId: "usmf", customerAccount: "US-001")
                .expand(\.salesOrderHeaders).fetch()
            let expected = Set(seed.orders.filter { $0.customer == "US-001" && $0.dataAreaId == "usmf" }.map(\.number))
            #expect(!expected.isEmpty)
            #expect(Set((us001.salesOrderHeaders ?? []).map(\.salesOrderNumber)) == expected)
            let oneil = try await live.fno.customersV3.key(dataAreaId: "usmf", customerAccount: "O'Neil")
                .navigate(\.salesOrderHeaders).fetch()
            #expect(Set(oneil.map(\.salesOrderNumber)) == Set(seed.orders.filter { $0.customer == "O'Neil" }.map(\.number)))
            let orders = try await live.fno.salesOrderHeadersV2.expand(\.customer).fetch()
            #expect(orders.count == seed.orders.count)
            for order in orders {
                #expect(order.customer?.value.customerAccount == order.orderingCustomerAccountNumber, "\(order.salesOrderNumber)")
            }
            let customers = try await live.fno.customersV3.filter { $0.dataAreaId == "usmf" }.expand(\.salesOrderHeaders).fetch()
            let linked = customers.flatMap { $0.salesOrderHeaders ?? [] }.map(\.salesOrderNumber)
            #expect(linked.sorted() == seed.orders.filter { $0.dataAreaId == "usmf" }.map(\.number).sorted())
        }
    }

    @Test("crossCompany() sends cross-company=true; dataAreaId filters select companies")
    func crossCompanyAndDataAreaId() async throws {
        let seed = try Seed.load()
        try await Live.run { live in
            let demf = try await live.fno.customersV3.filter { $0.dataAreaId == "demf" }.crossCompany().fetch()
            #expect(Set(demf.map(\.customerAccount)) == Set(seed.customers.filter { $0.dataAreaId == "demf" }.map(\.account)))
            #expect(demf.allSatisfy { $0.dataAreaId == "demf" })
            let two = try await live.fno.customersV3.filter { $0.dataAreaId == "demf" || $0.dataAreaId == "gbsi" }
                .crossCompany().orderBy(\.customerAccount).fetch()
            #expect(two.map(\.customerAccount) == seed.customers.filter { $0.dataAreaId != "usmf" }.map(\.account).sorted())
            let counted = try await live.fno.customersV3.filter { $0.dataAreaId == "gbsi" }.crossCompany().count()
            #expect(counted == seed.customers.filter { $0.dataAreaId == "gbsi" }.count)
            let urls = live.traffic.sent.map(\.url.absoluteString)
            #expect(urls.count == 3)
            #expect(urls.allSatisfy { $0.contains("cross-company=true") })
            // Without crossCompany() the option is not added, also when the filter names a company.
            _ = try await live.fno.customersV3.filter { $0.dataAreaId == "demf" }.fetch()
            #expect(live.traffic.sent.last?.url.absoluteString.contains("cross-company") == false)
        }
    }
}
