import Foundation
import OpenAPIRuntime
import OpenAPIURLSession

/// A thin layer over the client swift-openapi-generator builds from the exported OpenAPI document: it compiles
/// only if the generated operations and schemas have the names and shapes the connector export promises.
public struct FnOCustomers: Sendable {
    let client: Client

    /// `serviceRoot` is the environment's OData root, e.g. `https://contoso.operations.dynamics.com/data`.
    public init(serviceRoot: URL, middlewares: [any ClientMiddleware] = []) {
        client = Client(serverURL: serviceRoot, transport: URLSessionTransport(), middlewares: middlewares)
    }

    /// One page of customers of one company, with the OData options the export declares.
    public func customers(company: String, top: Int32 = 10) async throws -> [Components.Schemas.CustomerV3] {
        let response = try await client.listCustomersV3(query: .init(
            _dollar_filter: "dataAreaId eq '\(company)'", _dollar_top: top, crossCompany: true))
        return try response.ok.body.json.value ?? []
    }

    /// One customer by its composite key (named key predicate in the path).
    public func customer(company: String, account: String) async throws -> Components.Schemas.CustomerV3 {
        try await client.getCustomerV3(path: .init(dataAreaId: company, customerAccount: account)).ok.body.json
    }
}
