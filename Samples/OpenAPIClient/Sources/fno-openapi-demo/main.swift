import FnOClient
import Foundation

// Usage: fno-openapi-demo SERVICE_ROOT   (e.g. http://127.0.0.1:PORT/data, from Tests/Peers/odata_server.py)
// Lists the customers of company usmf and reads the first one back by its key, through the generated client.
let arguments = CommandLine.arguments
guard arguments.count == 2, let root = URL(string: arguments[1].hasSuffix("/") ? String(arguments[1].dropLast()) : arguments[1]) else {
    FileHandle.standardError.write(Data("usage: fno-openapi-demo SERVICE_ROOT\n".utf8))
    exit(2)
}
let api = FnOCustomers(serviceRoot: root)
do {
    let customers = try await api.customers(company: "usmf", top: 5)
    print("listed \(customers.count) customers of usmf")
    // The schema does not list key properties as required, so they are optional here.
    guard let first = customers.first, let company = first.dataAreaId, let account = first.customerAccount else { exit(1) }
    let again = try await api.customer(company: company, account: account)
    print("read \(again.dataAreaId ?? "?")/\(again.customerAccount ?? "?"): \(again.organizationName ?? "-"), credit limit \(again.creditLimit.map { "\($0)" } ?? "-")")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
