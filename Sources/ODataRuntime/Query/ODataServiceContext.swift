import Foundation

/// Where generated queries send their requests: the client (and its service root).
public struct ODataServiceContext: Sendable {
    /// The client that sends the requests.
    public let client: ODataClient

    /// The service root, ending with `/`.
    public var serviceRoot: URL { client.serviceRoot }

    /// A context sending with `client`.
    public init(client: ODataClient) {
        self.client = client
    }

    /// A context for a service root with a default client (no authentication, URLSession): for building URLs, or
    /// for services without authentication.
    public init(serviceRoot: URL) {
        client = ODataClient(serviceRoot: serviceRoot)
    }

    /// The absolute URL of an encoded relative path and encoded query pairs.
    func url(_ path: String, _ pairs: [String]) -> URL {
        let text = serviceRoot.absoluteString + path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
        // Every character outside the RFC 3986 unreserved set and the OData delimiters is percent-encoded, so
        // the text is always a valid URL; the fallback is never taken.
        return URL(string: text) ?? serviceRoot
    }
}
