import FNOModel
import Foundation
import ODataRuntime

// Decodes an F&O page into the types the build plugin generated, and prints what it read.
let page = #"""
{"value":[{"@odata.etag":"W/\"1\"","dataAreaId":"usmf","CustomerAccount":"US-001","OrganizationName":"Contoso Retail",
 "CreditLimit":12345678901234.5678,"CreditLimitIsMandatory":"Yes","OnHoldStatus":"No",
 "CustomerCreatedDate":"2024-01-31T00:00:00+05:30","PartyRecordId":9007199254740993}]}
"""#
struct Page: Decodable { var value: [CustomerV3] }
let customers = try JSONDecoder().decode(Page.self, from: Data(page.utf8)).value
for customer in customers {
    print("\(customer.dataAreaId)/\(customer.customerAccount): credit limit \(customer.creditLimit), created \(customer.customerCreatedDate), party \(customer.partyRecordId)")
}
