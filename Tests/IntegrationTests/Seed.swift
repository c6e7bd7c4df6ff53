import Foundation

/// The rows the server is seeded with, read from `Tests/Peers/fno-sample.seed.json` with plain Swift types (not the
/// generated ones), so expected results are computed independently of the code under test.
struct Seed: Decodable {
    struct Customer: Decodable {
        let etag: String
        let dataAreaId: String
        let account: String
        let name: String?
        let creditLimit: String
        let mandatory: String
        let group: String?
        let onHold: String
        let paymentTerms: String?
        let created: String
        let partyRecordId: Int64

        enum CodingKeys: String, CodingKey {
            case etag = "@odata.etag", dataAreaId, account = "CustomerAccount", name = "OrganizationName"
            case creditLimit = "CreditLimit", mandatory = "CreditLimitIsMandatory", group = "CustomerGroupId"
            case onHold = "OnHoldStatus", paymentTerms = "PaymentTerms", created = "CustomerCreatedDate", partyRecordId = "PartyRecordId"
        }

        var creditLimitValue: Decimal? { Decimal(string: creditLimit, locale: Locale(identifier: "en_US_POSIX")) }
    }

    struct Order: Decodable {
        let dataAreaId: String
        let number: String
        let customer: String?
        let status: String
        let discount: String

        enum CodingKeys: String, CodingKey {
            case dataAreaId, number = "SalesOrderNumber", customer = "OrderingCustomerAccountNumber"
            case status = "SalesOrderStatus", discount = "TotalDiscountPercentage"
        }
    }

    let customers: [Customer]
    let orders: [Order]

    enum CodingKeys: String, CodingKey {
        case customers = "CustomersV3", orders = "SalesOrderHeadersV2"
    }

    /// The seed file's rows.
    static func load() throws -> Seed {
        let url = Peers.packageRoot.appendingPathComponent("Tests/Peers/fno-sample.seed.json")
        return try JSONDecoder().decode(Seed.self, from: Data(contentsOf: url))
    }

    func customer(_ account: String) -> Customer? { customers.first { $0.account == account } }
}
