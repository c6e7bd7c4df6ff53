import Foundation

/// One HTTP request to an OData service: method, absolute URL, extra headers and an optional body.
///
/// The client adds the standard OData headers and the `Authorization` header when it sends the request; the
/// headers set here (for example `If-Match`, `Prefer` or `Content-Type`) win over the client's defaults.
public struct ODataRequest: Sendable, Hashable {
    /// The HTTP method: `GET`, `POST`, `PATCH`, `PUT` or `DELETE`.
    public var method: String
    /// The absolute URL of the request.
    public var url: URL
    /// Extra headers, for example `If-Match`, `Prefer` or `Content-Type`.
    public var headers: [String: String]
    /// The body, for writes and actions.
    public var body: Data?
    /// How long to wait for the answer before giving up with ``ODataError/timedOut(method:url:seconds:)``;
    /// `nil` uses ``ODataClientConfiguration/timeout``.
    public var timeout: TimeInterval?

    /// Creates a request.
    public init(
        method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
        timeout: TimeInterval? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The value of header `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        ODataHeaders.value(of: name, in: headers)
    }

    /// Sets header `name`, replacing any header of the same name in another case.
    public mutating func setHeader(_ name: String, _ value: String?) {
        for key in headers.keys where key.caseInsensitiveCompare(name) == .orderedSame {
            headers[key] = nil
        }
        if let value { headers[name] = value }
    }

    /// Whether repeating the request cannot do harm twice: a `GET`/`HEAD`, or a write guarded by `If-Match`.
    public var isSafeToRepeat: Bool {
        let verb = method.uppercased()
        return verb == "GET" || verb == "HEAD" || verb == "OPTIONS" || header("If-Match") != nil
    }

    /// A copy whose `Authorization` header and secret-bearing headers read `REDACTED`, as hooks and logs see it.
    public var redacted: ODataRequest {
        var copy = self
        for key in copy.headers.keys where ODataHeaders.isSecret(key) {
            copy.headers[key] = ODataHeaders.redactedValue
        }
        return copy
    }
}

/// One HTTP response: status code, headers (names lower-cased) and body.
public struct ODataResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var statusCode: Int
    /// The response headers; names are lower-cased.
    public var headers: [String: String]
    /// The response body (empty when there is none).
    public var body: Data

    /// Creates a response; header names are lower-cased.
    public init(statusCode: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.statusCode = statusCode
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// Whether the status code is 2xx.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// The `If-Match` precondition of a write: `*` (any version) or the entity's `@odata.etag`.
public enum ODataIfMatch: Sendable, Hashable {
    /// `If-Match: *`: write whatever the current version is.
    case any
    /// `If-Match: <etag>`: write only if the entity still has this `@odata.etag`.
    case etag(String)

    /// The header value.
    public var headerValue: String {
        switch self {
        case .any: return "*"
        case .etag(let tag): return tag
        }
    }
}

/// One page of a collection: its rows, the `@odata.count` when asked for, and the `@odata.nextLink` when there
/// are more rows.
public struct ODataPage<Row: Sendable>: Sendable {
    /// The rows of this page, in the server's order.
    public var rows: [Row]
    /// `@odata.count` (the total across all pages) when the query asked for `$count=true`.
    public var count: Int?
    /// The URL of the next page, taken verbatim from `@odata.nextLink`; `nil` on the last page.
    public var nextLink: URL?

    /// Creates a page.
    public init(rows: [Row], count: Int? = nil, nextLink: URL? = nil) {
        self.rows = rows
        self.count = count
        self.nextLink = nextLink
    }
}

/// Header helpers shared by the client, hooks and batch encoding.
enum ODataHeaders {
    static let redactedValue = "REDACTED"

    static func value(of name: String, in headers: [String: String]) -> String? {
        if let exact = headers[name] { return exact }
        for (key, value) in headers where key.caseInsensitiveCompare(name) == .orderedSame {
            return value
        }
        return nil
    }

    /// Headers whose values are credentials.
    static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie"
            || lower == "set-cookie" || lower == "ocp-apim-subscription-key" || lower == "x-api-key"
    }

    /// `headers` sorted by name, for deterministic output.
    static func sorted(_ headers: [String: String]) -> [(String, String)] {
        headers.sorted { $0.key.lowercased() < $1.key.lowercased() || ($0.key.lowercased() == $1.key.lowercased() && $0.key < $1.key) }
            .map { ($0.key, $0.value) }
    }
}
