import ClientDemoService
import Foundation
import ODataRuntime

// client-demo: reads, fetches by key, updates and re-reads customers of a live F&O-style OData service through
// the generated API (no hand-written URLs or JSON). Every request URL is printed at the start of its own line;
// nothing else printed starts with "http". Exit status 0 only when every step worked.

let usage = """
    usage: client-demo --service-root URL [--bearer-token TOKEN]

    Lists the first 5 customers (CustomersV3) with a filter and a select, following next links when the service
    pages below 5; fetches the first one by its composite key; updates its OrganizationName with its ETag;
    reads it again and checks the change.

      --service-root URL    the OData service root, e.g. https://contoso.operations.dynamics.com/data/
      --bearer-token TOKEN  sent as Authorization: Bearer TOKEN (default: no authentication)
      --help                this text
    """

struct DemoFailure: Error, CustomStringConvertible {
    let description: String
}

func parseArguments(_ arguments: [String]) throws -> (root: URL, token: String?)? {
    var root: URL?
    var token: String?
    var index = 0
    func value(for option: String) throws -> String {
        index += 1
        guard index < arguments.count, !arguments[index].hasPrefix("--") else {
            throw DemoFailure(description: "\(option) needs a value")
        }
        return arguments[index]
    }
    while index < arguments.count {
        let argument = arguments[index]
        switch argument {
        case "--help", "-h":
            return nil
        case "--service-root":
            let text = try value(for: argument)
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host != nil else {
                throw DemoFailure(description: "--service-root \"\(text)\" is not an http(s) URL")
            }
            root = url
        case "--bearer-token":
            token = try value(for: argument)
        default:
            throw DemoFailure(description: "unknown argument \"\(argument)\"")
        }
        index += 1
    }
    guard let root else { throw DemoFailure(description: "--service-root is required") }
    return (root, token)
}

/// Runs one step; a failure names the step.
func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as DemoFailure {
        throw DemoFailure(description: "\(name): \(failure.description)")
    } catch {
        throw DemoFailure(description: "\(name) failed: \(error)")
    }
}

func describe(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "null" }

func run(root: URL, token: String?) async throws {
    var configuration = ODataClientConfiguration()
    configuration.timeout = 60
    // Print every request URL, at the start of its line, as it is sent.
    configuration.requestMiddleware = [{ request in print(request.url.absoluteString) }]
    let client = ODataClient(serviceRoot: root, authentication: token.map { .bearerToken($0) } ?? .none,
                             configuration: configuration)
    let fno = FinanceAndOperations(client: client)

    // 1. The first 5 customers with a credit limit, all companies, a few columns. `all()` follows
    //    @odata.nextLink, so a service paging below 5 still yields 5 rows.
    let query = fno.customersV3
        .filter { $0.creditLimit >= 0 }
        .select(\.dataAreaId, \.customerAccount, \.organizationName, \.creditLimit)
        .orderBy(\.dataAreaId).orderBy(\.customerAccount)
        .top(5)
        .crossCompany()
    let rows = try await step("list customers") {
        var rows: [ODataPartial<CustomerV3>] = []
        for try await row in query.all() {
            rows.append(row)
            if rows.count == 5 { break }
        }
        return rows
    }
    print("  \(rows.count) customer(s):")
    for row in rows {
        print("  - \(row.dataAreaId ?? "?")/\(row.customerAccount ?? "?")  \(describe(row.organizationName))  credit limit \(row.creditLimit.map { "\($0)" } ?? "null")")
    }
    guard let first = rows.first else {
        throw DemoFailure(description: "list customers: the service returned no customer with a credit limit; nothing to fetch or update")
    }
    guard let company = first.dataAreaId, let account = first.customerAccount else {
        throw DemoFailure(description: "list customers: the first row lacks its key (dataAreaId, CustomerAccount)")
    }

    // 2. That customer, by its composite key (the whole entity, with its @odata.etag).
    let byKey = fno.customersV3.key(dataAreaId: company, customerAccount: account)
    let customer = try await step("fetch \(company)/\(account) by key") { try await byKey.fetch() }
    print("  fetched \(customer.dataAreaId)/\(customer.customerAccount): \(describe(customer.organizationName)), ETag \(customer.odataEtag ?? "none")")
    guard customer.dataAreaId == company, customer.customerAccount == account else {
        throw DemoFailure(description: "fetch by key: asked for \(company)/\(account), got \(customer.dataAreaId)/\(customer.customerAccount)")
    }
    guard customer.odataEtag != nil else {
        throw DemoFailure(description: "fetch by key: the service sent no @odata.etag, so the update cannot be guarded with If-Match")
    }

    // 3. Update one field; the PATCH carries only OrganizationName, with If-Match: <the ETag just read>.
    let marker = " (demo)"
    let oldName = customer.organizationName ?? ""
    let newName = oldName.hasSuffix(marker) ? String(oldName.dropLast(marker.count)) : oldName + marker
    let updated = try await step("update OrganizationName") {
        try await fno.customersV3.update(customer) { $0.organizationName = newName }
    }
    print("  updated OrganizationName \(describe(customer.organizationName)) -> \(describe(newName)), new ETag \(updated.odataEtag ?? "not sent")")

    // 4. Read it again and check the change.
    let reread = try await step("re-read \(company)/\(account)") { try await byKey.fetch() }
    print("  re-read \(reread.dataAreaId)/\(reread.customerAccount): \(describe(reread.organizationName)), ETag \(reread.odataEtag ?? "none")")
    guard reread.organizationName == newName else {
        throw DemoFailure(description: "re-read: OrganizationName is \(describe(reread.organizationName)), expected \(describe(newName))")
    }
    print("  ok: every step worked")
}

let parsed: (root: URL, token: String?)
do {
    guard let arguments = try parseArguments(Array(CommandLine.arguments.dropFirst())) else {
        print(usage)
        exit(0)
    }
    parsed = arguments
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n\n\(usage)\n".utf8))
    exit(1)
}
do {
    try await run(root: parsed.root, token: parsed.token)
    exit(0)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
