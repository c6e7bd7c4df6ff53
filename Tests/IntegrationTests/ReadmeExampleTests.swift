import Foundation
import ODataRuntime
import Testing

/// The README's query example, run as written against the live server (so the example compiles and works), and a
/// check that the URL grammar check is not vacuous.
@Suite("Live server: README example", .enabled(if: Peers.available, "no peers Python: set ODATA_PEERS_PYTHON or run Tests/Peers/setup-venv.sh"))
struct ReadmeExampleTests {
    @Test("the README's query API example runs")
    func readmeExample() async throws {
        let server = try await LiveServer()
        defer { server.stop() }
        let serviceRoot = server.serviceRoot

        // --- README example (the service type is named by `serviceName:` in the generator config) ---
        let fno = Resources(client: ODataClient(serviceRoot: serviceRoot))   // + authentication: .clientCredentials(...)

        // Typed filter, projection, order, top; all companies.
        let big = try await fno.customersV3
            .filter { $0.creditLimit > 10_000 && $0.customerGroupId == "10" && $0.onHoldStatus != .all }
            .select(\.customerAccount, \.organizationName, \.creditLimit)
            .orderBy(\.organizationName).top(100).crossCompany()
            .fetch()                                        // [ODataPartial<CustomerV3>]: selected fields read as optionals
        for c in big { print(c.customerAccount ?? "", c.creditLimit ?? 0) }

        // Every row, page by page, following @odata.nextLink.
        var accounts: [String] = []
        for try await c in fno.customersV3.filter({ $0.dataAreaId == "demf" }).crossCompany().all() {
            accounts.append(c.customerAccount)
        }

        // By composite key; PATCH of the changed fields only, If-Match from the ETag read.
        var c = try await fno.customersV3.key(dataAreaId: "usmf", customerAccount: "US-001").fetch()
        c = try await fno.customersV3.update(c) { $0.creditLimit += 500 }
        let usage = try await fno.customersV3.key(c.key).getCreditLimitUsage().invoke()   // bound action
        // --- end of README example ---

        let seed = try Seed.load()
        let limit = try #require(Decimal(string: "10000"))
        #expect(Set(big.compactMap(\.customerAccount)) == Set(seed.customers.filter {
            ($0.creditLimitValue ?? 0) > limit && $0.group == "10" && $0.onHold != "All"
        }.map(\.account)))
        #expect(accounts.sorted() == seed.customers.filter { $0.dataAreaId == "demf" }.map(\.account).sorted())
        let original = try #require(seed.customer("US-001")?.creditLimitValue)
        #expect(c.creditLimit == original + 500)
        #expect(usage == (original + 500) / 4)
    }

    @Test("the URL grammar check rejects a bad URL (so passing it means something)")
    func grammarCheckCanFail() async throws {
        guard let fails = try await URLGrammar.shared.failures([
            "http://127.0.0.1:1/data/CustomersV3(dataAreaId='usmf',CustomerAccount='A+B')",
            "http://127.0.0.1:1/data/CustomersV3?$filter=Name eq 'x'",
            "http://127.0.0.1:1/data/CustomersV3(dataAreaId='usmf',CustomerAccount='A%2BB')",
        ]) else {
            print("note: ../shared/tools/odata-url-check.py is absent: grammar check self-test skipped")
            return
        }
        #expect(fails.count == 2, "\(fails)")
    }
}
