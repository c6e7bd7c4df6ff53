import Foundation
import Testing
import ODataRuntime

/// The committed golden output for Samples/metadata/fno-sample.xml (in Generated/, compared byte for byte with the
/// generator's output by GoldenFileTests) compiles against ODataRuntime and reads and writes F&O payloads.

/// A page of a collection response: the rows are in `value`.
private struct Page<Row: Decodable>: Decodable {
    let value: [Row]
    let nextLink: String?
    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
    }
}

private let customersPage = #"""
{
  "@odata.context": "https://contoso.operations.dynamics.com/data/$metadata#CustomersV3",
  "value": [
    {
      "@odata.etag": "W/\"JzEsNTYzNzE0NDU3NjsxLDU2MzcxNDQ1NzYn\"",
      "dataAreaId": "usmf",
      "CustomerAccount": "US-001",
      "OrganizationName": "Contoso (US & Canada)",
      "CreditLimit": 12345678901234.5678,
      "CreditLimitIsMandatory": "Yes",
      "CustomerGroupId": "10",
      "CredManAccountStatusId": "",
      "OnHoldStatus": "BlockedByANewMemberOfTheEnum",
      "PaymentTerms": "Net30",
      "SalesCurrencyCode": "USD",
      "CustomerCreatedDate": "2024-01-31T00:00:00+05:30",
      "PartyNumber": "000001",
      "PartyRecordId": 9007199254740993
    },
    {
      "@odata.etag": "W/\"JzEsNTYzNzE0NDU3NzsxLDU2MzcxNDQ1Nzcn\"",
      "dataAreaId": "usmf",
      "CustomerAccount": "US-002",
      "OrganizationName": null,
      "CreditLimit": 0.1,
      "CreditLimitIsMandatory": "No",
      "OnHoldStatus": "No",
      "CustomerCreatedDate": "1900-01-01T00:00:00Z",
      "PartyRecordId": "5637144576"
    }
  ],
  "@odata.nextLink": "https://contoso.operations.dynamics.com/data/CustomersV3?$skiptoken=2"
}
"""#

@Suite("Generated code for the F&O sample")
struct GeneratedSampleTests {
    @Test("an F&O page decodes: etag, exact decimals, kept offsets, known and unknown enum members")
    func decodePage() throws {
        let page = try JSONDecoder().decode(Page<CustomerV3>.self, from: Data(customersPage.utf8))
        #expect(page.value.count == 2)
        #expect(page.nextLink?.hasSuffix("$skiptoken=2") == true)
        let first = page.value[0]
        #expect(first.odataEtag == #"W/"JzEsNTYzNzE0NDU3NjsxLDU2MzcxNDQ1NzYn""#)
        #expect(first.key == CustomerV3.Key(dataAreaId: "usmf", customerAccount: "US-001"))
        #expect(first.organizationName == "Contoso (US & Canada)")
        #expect(first.creditLimit == Decimal(string: "12345678901234.5678"))
        #expect(first.creditLimitIsMandatory == .yes)
        #expect(first.onHoldStatus == .unknown("BlockedByANewMemberOfTheEnum"))
        #expect(first.customerCreatedDate.description == "2024-01-31T00:00:00+05:30")
        #expect(page.value[1].creditLimit == Decimal(string: "0.1"))
        #expect(page.value[1].organizationName == nil)
        #expect(page.value[1].onHoldStatus == .no)
    }

    @Test("entities encode back with wire names, the unknown member and the offset as received")
    func roundTrip() throws {
        let page = try JSONDecoder().decode(Page<CustomerV3>.self, from: Data(customersPage.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(page.value[0])
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""CustomerAccount":"US-001""#))
        #expect(json.contains(#""OnHoldStatus":"BlockedByANewMemberOfTheEnum""#))
        #expect(json.contains(#""CustomerCreatedDate":"2024-01-31T00:00:00+05:30""#))
        #expect(json.contains(#""CreditLimit":12345678901234.5678"#))
        #expect(json.contains(#""PartyRecordId":9007199254740993"#))
        let again = try JSONDecoder().decode(CustomerV3.self, from: data)
        #expect(again == page.value[0])
    }

    @Test("metadata the query layer needs: EDM names, entity sets, key names")
    func staticMetadata() {
        #expect(CustomerV3.edmName == "Microsoft.Dynamics.DataEntities.CustomerV3")
        #expect(CustomerV3.entitySetName == "CustomersV3")
        #expect(CustomerV3.keyPropertyNames == ["dataAreaId", "CustomerAccount"])
        #expect(SalesOrderLine.keyPropertyNames == ["dataAreaId", "InventoryLotId"])
        #expect(NoYes.allKnownCases == [.no, .yes])
        #expect(NoYes(rawValue: "Yes") == .yes)
        #expect(SalesStatus.edmName == "Microsoft.Dynamics.DataEntities.SalesStatus")
    }

    @Test("expanded navigation decodes: collections and single-valued through Indirect")
    func expanded() throws {
        let json = #"""
        {"dataAreaId":"usmf","SalesOrderNumber":"SO-1","SalesOrderStatus":"Backorder",
         "RequestedShippingDate":"2024-02-01T12:00:00Z","TotalDiscountPercentage":2.5,"IsDeliveryAddressPrivate":"No",
         "Customer":{"dataAreaId":"usmf","CustomerAccount":"US-001","PartyRecordId":1,"CreditLimit":1,"CreditLimitIsMandatory":"No",
                     "OnHoldStatus":"No","CustomerCreatedDate":"2024-01-31T00:00:00Z"},
         "SalesOrderLines":[{"dataAreaId":"usmf","InventoryLotId":"L1","LineNumber":1,"OrderedSalesQuantity":3,
                             "SalesPrice":9.99,"LineAmount":29.97}]}
        """#
        let order = try JSONDecoder().decode(SalesOrderHeaderV2.self, from: Data(json.utf8))
        #expect(order.salesOrderStatus == .backorder)
        #expect(order.customer?.value.customerAccount == "US-001")
        #expect(order.salesOrderLines?.first?.lineAmount == Decimal(string: "29.97"))
    }
}
