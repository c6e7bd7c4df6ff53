import Foundation
import ODataTestSupport
import Testing
import ODataRuntime

/// The generated service and query API of the sample (golden code in Generated/): URLs for its sets, keys,
/// navigation and actions, checked exactly and against the OASIS ABNF.
private let root = URL(string: "https://contoso.operations.dynamics.com/data/")!
private let fno = Resources(context: ODataServiceContext(serviceRoot: root))
private let base = root.absoluteString

private enum SampleURLs {
    static var all: [(label: String, url: URL, expected: String)] {
        let usmf001 = fno.customersV3.key(dataAreaId: "usmf", customerAccount: "US-001")
        return [
            ("set", fno.customersV3.url, base + "CustomersV3"),
            ("the issue's sketch", fno.customersV3
                .filter { $0.creditLimit > 10_000 && $0.customerGroupId == "10" && $0.creditLimitIsMandatory == .no }
                .select(\.customerAccount, \.organizationName, \.creditLimit)
                .orderBy(\.organizationName).top(100).crossCompany().url,
             base + "CustomersV3?$filter=CreditLimit%20gt%2010000%20and%20CustomerGroupId%20eq%20'10'%20and%20CreditLimitIsMandatory%20eq%20Microsoft.Dynamics.DataEntities.NoYes'No'"
                + "&$select=CustomerAccount,OrganizationName,CreditLimit&$orderby=OrganizationName&$top=100&cross-company=true"),
            ("enum ne, Int64, wildcard", fno.customersV3.filter { $0.onHoldStatus != .all && $0.partyRecordId > ODataInt64(9007199254740993) && $0.organizationName.containsText("retail") }.url,
             base + "CustomersV3?$filter=OnHoldStatus%20ne%20Microsoft.Dynamics.DataEntities.CustVendorBlocked'All'%20and%20PartyRecordId%20gt%209007199254740993%20and%20OrganizationName%20eq%20'*retail*'"),
            ("composite key", usmf001.url, base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')"),
            ("key needing encoding", fno.customersV3.key(dataAreaId: "usmf", customerAccount: "O'Neil/A+B 50%").url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil%2FA%2BB%2050%25')"),
            ("single key", fno.legalEntities.key(legalEntityId: "USMF").url, base + "LegalEntities('USMF')"),
            ("navigation to a collection", usmf001.navigate(\.salesOrderHeaders).filter { $0.salesOrderStatus == .backorder }.orderBy(\.requestedShippingDate, .descending).top(5).url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/SalesOrderHeaders?$filter=SalesOrderStatus%20eq%20Microsoft.Dynamics.DataEntities.SalesStatus'Backorder'&$orderby=RequestedShippingDate%20desc&$top=5"),
            ("navigation to one entity", fno.salesOrderHeadersV2.key(dataAreaId: "usmf", salesOrderNumber: "SO-1").navigate(\.customer).url,
             base + "SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='SO-1')/Customer"),
            ("filter through navigation", fno.salesOrderHeadersV2.filter { $0.customer.customerGroupId == "10" }.expand(\.customer).expand(\.salesOrderLines).url,
             base + "SalesOrderHeadersV2?$filter=Customer/CustomerGroupId%20eq%20'10'&$expand=Customer,SalesOrderLines"),
            ("count", fno.salesOrderLines.filter { $0.lineAmount >= Decimal(string: "0.5")! }.crossCompany().countURL,
             base + "SalesOrderLines/$count?$filter=LineAmount%20ge%200.5&cross-company=true"),
            ("skip count select on the entity", fno.customersV3.skip(10).count(true).url, base + "CustomersV3?$skip=10&$count=true"),
            ("bound action on an entity", usmf001.getCreditLimitUsage().url,
             base + "CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/Microsoft.Dynamics.DataEntities.getCreditLimitUsage"),
            ("bound action on a collection", fno.salesOrderHeadersV2.confirmSalesOrders(salesOrderNumbers: "SO-1").url,
             base + "SalesOrderHeadersV2/Microsoft.Dynamics.DataEntities.confirmSalesOrders"),
        ]
    }
}

@Suite("Generated query API for the F&O sample")
struct GeneratedQueryTests {
    @Test("URLs", arguments: SampleURLs.all.map(\.label))
    func url(_ label: String) throws {
        let c = try #require(SampleURLs.all.first { $0.label == label })
        #expect(c.url.absoluteString == c.expected)
    }

    @Test("every URL passes the OASIS OData ABNF")
    func abnf() throws {
        let (failures, skipped) = try ABNFCheck.run(SampleURLs.all.map(\.url.absoluteString))
        if let skipped {
            print("note: \(skipped)")
            return
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("action parameters go in the body under their EDM names; the result is read from value")
    func action() throws {
        let call = fno.salesOrderHeadersV2.confirmSalesOrders(salesOrderNumbers: "SO-1,SO-2")
        #expect(call.method == "POST")
        #expect(String(decoding: try #require(try call.body()), as: UTF8.self) == #"{"_salesOrderNumbers":"SO-1,SO-2"}"#)
        #expect(try call.decodeResult(Data(#"{"value":"ok"}"#.utf8)) == "ok")
        let usage = fno.customersV3.key(dataAreaId: "usmf", customerAccount: "US-001").getCreditLimitUsage()
        #expect(try usage.decodeResult(Data(#"{"value":0.25}"#.utf8)) == Decimal(string: "0.25"))
    }

    @Test("entity keys: Key has a predicate; key(...) labels follow the key order")
    func keys() {
        let key = CustomerV3.Key(dataAreaId: "usmf", customerAccount: "US-001")
        #expect(key.keyPredicate.text == "(dataAreaId='usmf',CustomerAccount='US-001')")
        #expect(fno.customersV3.key(key).url == fno.customersV3.key(dataAreaId: "usmf", customerAccount: "US-001").url)
    }

    @Test("a selected page decodes into projections; a tracked update sends only the changed field")
    func projectionAndChanges() throws {
        struct Page: Decodable { let value: [ODataPartial<CustomerV3>] }
        let json = #"{"value":[{"@odata.etag":"W/\"1\"","CustomerAccount":"US-001","CreditLimit":10.5}]}"#
        let rows = try JSONDecoder().decode(Page.self, from: Data(json.utf8)).value
        #expect(rows[0].customerAccount == "US-001")
        #expect(rows[0].creditLimit == Decimal(string: "10.5"))
        #expect(rows[0].partyRecordId == nil)
        let original = CustomerV3(dataAreaId: "usmf", customerAccount: "US-001", creditLimit: 1, creditLimitIsMandatory: .no,
                                  onHoldStatus: .no, customerCreatedDate: EDMDateTimeOffset(Date(timeIntervalSince1970: 0)),
                                  partyRecordId: 5)
        var changed = original
        changed.creditLimit = 2
        #expect(String(decoding: try #require(try ODataChanges.patchBody(from: original, to: changed)), as: UTF8.self) == #"{"CreditLimit":2}"#)
    }
}
