import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The OData client the generated code uses: sends requests with authentication, the standard OData headers,
/// retries and hooks, and decodes the answers.
///
/// ```swift
/// let client = ODataClient(
///     serviceRoot: URL(string: "https://contoso.operations.dynamics.com/data/")!,
///     authentication: .clientCredentials(tenantID: tenant, clientID: id, clientSecret: secret))
/// let page = try await client.fetchPage(url, as: Customer.self)
/// ```
public final class ODataClient: Sendable {
    /// The service root; always ends with `/`.
    public let serviceRoot: URL
    /// The authentication (secrets redacted in its description).
    public let authentication: ODataAuthentication
    /// The transport.
    public let transport: any ODataTransport
    /// Timeouts, retries and hooks.
    public let configuration: ODataClientConfiguration
    let tokenCache: ODataTokenCache?

    /// The headers every request carries unless it sets them itself.
    public static let standardHeaders: [String: String] = [
        "OData-Version": "4.0",
        "OData-MaxVersion": "4.0",
        "Accept": "application/json;odata.metadata=minimal",
    ]

    /// Creates a client for the service at `serviceRoot` (a `/` is appended when missing).
    public init(
        serviceRoot: URL, authentication: ODataAuthentication = .none,
        transport: any ODataTransport = URLSessionTransport(), configuration: ODataClientConfiguration = .init()
    ) {
        var root = serviceRoot.absoluteString
        if !root.hasSuffix("/") { root += "/" }
        self.serviceRoot = URL(string: root) ?? serviceRoot
        self.authentication = authentication
        self.transport = transport
        self.configuration = configuration
        if case .clientCredentials(let credentials) = authentication.kind {
            let scope = credentials.scope ?? ODataClientCredentials.defaultScope(for: self.serviceRoot)
            let timeout = configuration.timeout
            let observers = configuration.observers
            tokenCache = ODataTokenCache(renewalMargin: configuration.tokenRenewalMargin) {
                try await Self.requestToken(
                    credentials: credentials, scope: scope, transport: transport, timeout: timeout, observers: observers)
            }
        } else {
            tokenCache = nil
        }
    }

    // MARK: - Sending

    /// Sends `request` with authentication, the standard OData headers, retries and hooks; a non-2xx answer
    /// throws ``ODataError``.
    public func send(_ request: ODataRequest) async throws -> ODataResponse {
        try await perform(request) { [transport] prepared in try await transport.send(prepared) }
    }

    /// Streams the body of a `GET` of `url` into `destination` through a temporary file in the same folder,
    /// renamed at the end (so `destination` never holds a partial document); `progress` is called as bytes
    /// arrive. Returns the response (its body empty).
    @discardableResult
    public func download(
        _ url: URL, to destination: URL, headers: [String: String] = [:],
        progress: (@Sendable (ODataDownloadProgress) -> Void)? = nil
    ) async throws -> ODataResponse {
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let response = try await perform(ODataRequest(url: url, headers: headers)) { [transport] prepared in
            try await transport.download(prepared, to: temporary, progress: progress)
        }
        // rename(2) replaces the destination atomically.
        if rename(temporary.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw ODataError.transport("cannot move the download to \(destination.path): \(reason)", url: url)
        }
        return response
    }

    /// The retry loop around one exchange.
    func perform(
        _ original: ODataRequest, exchange: @escaping @Sendable (ODataRequest) async throws -> ODataResponse
    ) async throws(ODataError) -> ODataResponse {
        var request = original
        for (name, value) in Self.standardHeaders where request.header(name) == nil {
            request.headers[name] = value
        }
        for middleware in configuration.requestMiddleware {
            do {
                try await middleware(&request)
            } catch {
                throw Self.map(error, request: request, timeout: 0, prefix: "request middleware failed: ")
            }
        }
        let started = Date()
        var attempt = 0
        var refreshed = false
        var rejectedToken: String?
        while true {
            if Task.isCancelled { throw .cancelled }
            var sent = request
            let token = try await bearerToken(refresh: refreshed, rejected: rejectedToken)
            if let token { sent.setHeader("Authorization", "Bearer \(token)") }
            attempt += 1
            let timeout = request.timeout ?? configuration.timeout
            sent.timeout = timeout
            let exchangeStart = Date()
            let response: ODataResponse
            do {
                let toSend = sent
                response = try await Self.withTimeout(timeout) { try await exchange(toSend) }
            } catch {
                let mapped = Self.map(error, request: sent, timeout: timeout)
                observe(.service, sent, nil, mapped, exchangeStart, attempt)
                throw mapped
            }
            observe(.service, sent, response, nil, exchangeStart, attempt)
            if response.statusCode == 401, token != nil, !refreshed, canRefresh {
                refreshed = true
                rejectedToken = token
                continue
            }
            let throttled = response.statusCode == 429 || (response.statusCode == 503 && request.isSafeToRepeat)
            if throttled, attempt < configuration.maxAttempts {
                let delay = configuration.retryDelay(attempt: attempt, retryAfter: response.header("retry-after"))
                if Date().timeIntervalSince(started) + delay <= configuration.maxRetryDuration {
                    do {
                        try await configuration.sleep(delay)
                    } catch {
                        throw .cancelled
                    }
                    continue
                }
            }
            guard response.isSuccess else {
                throw ODataError.from(request: sent.redacted, response: response, attempts: attempt)
            }
            return response
        }
    }

    private var canRefresh: Bool {
        switch authentication.kind {
        case .provider, .clientCredentials: return true
        case .none, .bearer: return false
        }
    }

    private func bearerToken(refresh: Bool, rejected: String?) async throws(ODataError) -> String? {
        do {
            switch authentication.kind {
            case .none:
                return nil
            case .bearer(let secret):
                return secret.value
            case .provider(let provider):
                return try await provider(refresh)
            case .clientCredentials:
                return try await tokenCache?.token(rejected: rejected)
            }
        } catch let error as ODataError {
            throw error
        } catch {
            if Task.isCancelled || error is CancellationError { throw .cancelled }
            throw .authentication("the token provider failed: \(error)")
        }
    }

    private func observe(
        _ kind: ODataExchange.Kind, _ request: ODataRequest, _ response: ODataResponse?, _ error: ODataError?,
        _ start: Date, _ attempt: Int
    ) {
        guard !configuration.observers.isEmpty else { return }
        let exchange = ODataExchange(
            kind: kind, request: request.redacted, response: response, error: error,
            duration: Date().timeIntervalSince(start), attempt: attempt)
        for observer in configuration.observers { observer(exchange) }
    }

    /// Runs `operation`, throwing a timeout when it takes longer than `seconds`.
    static func withTimeout<T: Sendable>(
        _ seconds: TimeInterval, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                throw TimeoutMarker()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    struct TimeoutMarker: Error {}

    /// Maps any error of an exchange to ``ODataError``.
    static func map(_ error: any Error, request: ODataRequest, timeout: TimeInterval, prefix: String = "") -> ODataError {
        if let error = error as? ODataError { return error }
        if error is TimeoutMarker { return .timedOut(method: request.method, url: request.url, seconds: timeout) }
        if Task.isCancelled || error is CancellationError { return .cancelled }
        if let error = error as? URLError {
            switch error.code {
            case .cancelled: return .cancelled
            case .timedOut: return .timedOut(method: request.method, url: request.url, seconds: timeout)
            default: return .transport("\(prefix)\(error.localizedDescription) (URLError \(error.code.rawValue))", url: request.url)
            }
        }
        if let error = error as? DecodingError { return .from(error, url: request.url) }
        return .transport("\(prefix)\(error)", url: request.url)
    }

    // MARK: - Tokens

    static func requestToken(
        credentials: ODataClientCredentials, scope: String, transport: any ODataTransport, timeout: TimeInterval,
        observers: [ODataExchangeObserver]
    ) async throws -> (token: String, expiresIn: TimeInterval) {
        let endpoint = try credentials.endpoint()
        let body = ODataFormEncoding.encode([
            ("grant_type", "client_credentials"),
            ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret.value),
            ("scope", scope),
        ])
        let request = ODataRequest(
            method: "POST", url: endpoint,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: body, timeout: timeout)
        let start = Date()
        let response: ODataResponse
        do {
            response = try await withTimeout(timeout) { try await transport.send(request) }
        } catch {
            let mapped = map(error, request: request, timeout: timeout)
            if case .cancelled = mapped { throw mapped }
            throw ODataError.authentication("the token request to \(endpoint.absoluteString) failed: \(mapped)")
        }
        var seen = request
        seen.body = Data("grant_type=client_credentials&client_id=\(credentials.clientID)&client_secret=REDACTED".utf8)
        var seenResponse = response
        seenResponse.body = Data()
        let exchange = ODataExchange(
            kind: .token, request: seen, response: seenResponse, error: nil,
            duration: Date().timeIntervalSince(start), attempt: 1)
        for observer in observers { observer(exchange) }

        struct TokenAnswer: Decodable {
            var accessToken: String?
            var expiresIn: TimeInterval?
            var error: String?
            var errorDescription: String?
            enum CodingKeys: String, CodingKey {
                case accessToken = "access_token", expiresIn = "expires_in", error
                case errorDescription = "error_description"
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                accessToken = try? container.decodeIfPresent(String.self, forKey: .accessToken)
                if let number = try? container.decodeIfPresent(Double.self, forKey: .expiresIn) {
                    expiresIn = number
                } else if let text = try? container.decodeIfPresent(String.self, forKey: .expiresIn) {
                    expiresIn = Double(text)
                }
                error = try? container.decodeIfPresent(String.self, forKey: .error)
                errorDescription = try? container.decodeIfPresent(String.self, forKey: .errorDescription)
            }
        }
        let answer = try? JSONDecoder().decode(TokenAnswer.self, from: response.body)
        guard response.isSuccess, let token = answer?.accessToken, !token.isEmpty else {
            var reason = "the token endpoint \(endpoint.absoluteString) answered HTTP \(response.statusCode)"
            if let code = answer?.error { reason += ": \(code)" }
            if let text = answer?.errorDescription { reason += ": \(text.split(separator: "\n").first ?? "")" }
            if answer?.error == nil, response.isSuccess { reason += " without an access_token" }
            throw ODataError.authentication(reason)
        }
        return (token, answer?.expiresIn ?? 3600)
    }

    /// How many token requests the client credentials cache has started (0 for other authentications).
    public var tokenRequestCount: Int {
        get async { await tokenCache?.requestCount ?? 0 }
    }

    // MARK: - Reading

    /// Decodes `data` with the client's decoder; a `DecodingError` becomes ``ODataError/decoding(path:message:url:)``
    /// with the JSON path.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: data, url: nil)
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data, url: URL?) throws(ODataError) -> T {
        do {
            return try configuration.makeDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw ODataError.from(error, url: url)
        } catch {
            throw ODataError.decoding(path: "", message: "\(error)", url: url)
        }
    }

    /// GETs a collection page: rows from `value`, `@odata.count`, `@odata.nextLink` (verbatim; a relative link is
    /// resolved against the request URL).
    public func fetchPage<Row: Decodable & Sendable>(
        _ url: URL, as: Row.Type = Row.self, headers: [String: String] = [:]
    ) async throws -> ODataPage<Row> {
        let response = try await send(ODataRequest(url: url, headers: headers))
        let body = try decode(ODataPageBody<Row>.self, from: response.body, url: url)
        var next: URL?
        if let link = body.nextLink {
            guard let resolved = URL(string: link, relativeTo: url)?.absoluteURL else {
                throw ODataError.invalidResponse("@odata.nextLink \"\(link)\" is not a URL", url: url)
            }
            next = resolved
        }
        return ODataPage(rows: body.value, count: body.count, nextLink: next)
    }

    /// Every row of the collection at `url`, following `@odata.nextLink` until it is absent, one page in memory
    /// at a time.
    public func rows<Row: Decodable & Sendable>(
        _ url: URL, as: Row.Type = Row.self, headers: [String: String] = [:]
    ) -> ODataRows<Row> {
        ODataRows(client: self, url: url, headers: headers)
    }

    /// GETs one entity (or any JSON body) and decodes it.
    public func fetchValue<T: Decodable>(_ url: URL, as: T.Type = T.self, headers: [String: String] = [:]) async throws -> T {
        let response = try await send(ODataRequest(url: url, headers: headers))
        return try decode(T.self, from: response.body, url: url)
    }

    /// GETs `.../$count` (a `text/plain` integer).
    public func fetchCount(_ url: URL, headers: [String: String] = [:]) async throws -> Int {
        var merged = headers
        if ODataHeaders.value(of: "Accept", in: merged) == nil {
            merged["Accept"] = "text/plain, application/json;q=0.9"
        }
        let response = try await send(ODataRequest(url: url, headers: merged))
        var text = String(decoding: response.body, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let count = Int(text), count >= 0 else {
            let excerpt = text.count > 80 ? String(text.prefix(80)) + "…" : text
            throw ODataError.invalidResponse("$count answered \"\(excerpt)\", not a non-negative integer", url: url)
        }
        return count
    }

    // MARK: - Writing

    /// POSTs an entity (`body`: JSON) with `Prefer: return=representation` and decodes the created entity.
    public func create<T: Decodable>(
        _ url: URL, body: Data, as: T.Type = T.self, headers: [String: String] = [:]
    ) async throws -> T {
        var merged = ["Content-Type": "application/json", "Prefer": "return=representation"]
        for (name, value) in headers { Self.set(name, value, in: &merged) }
        let response = try await send(ODataRequest(method: "POST", url: url, headers: merged, body: body))
        return try decode(T.self, from: response.body, url: url)
    }

    /// PATCHes with `body` (JSON of the changed properties only), with `If-Match` when given.
    public func update(
        _ url: URL, body: Data, ifMatch: ODataIfMatch?, headers: [String: String] = [:]
    ) async throws {
        var merged = ["Content-Type": "application/json"]
        if let ifMatch { merged["If-Match"] = ifMatch.headerValue }
        for (name, value) in headers { Self.set(name, value, in: &merged) }
        _ = try await send(ODataRequest(method: "PATCH", url: url, headers: merged, body: body))
    }

    /// DELETEs the entity at `url`, with `If-Match` when given.
    public func delete(_ url: URL, ifMatch: ODataIfMatch?, headers: [String: String] = [:]) async throws {
        var merged: [String: String] = [:]
        if let ifMatch { merged["If-Match"] = ifMatch.headerValue }
        for (name, value) in headers { Self.set(name, value, in: &merged) }
        _ = try await send(ODataRequest(method: "DELETE", url: url, headers: merged))
    }

    /// Invokes an action (`POST`, JSON body of its parameters) or a function (`GET`); the caller decodes the answer.
    public func invoke(
        _ url: URL, method: String = "POST", body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> ODataResponse {
        var merged: [String: String] = [:]
        if method.uppercased() != "GET" {
            merged["Content-Type"] = "application/json"
        }
        for (name, value) in headers { Self.set(name, value, in: &merged) }
        let sentBody = body ?? (method.uppercased() == "GET" ? nil : Data("{}".utf8))
        return try await send(ODataRequest(method: method, url: url, headers: merged, body: sentBody))
    }

    static func set(_ name: String, _ value: String, in headers: inout [String: String]) {
        for key in headers.keys where key.caseInsensitiveCompare(name) == .orderedSame { headers[key] = nil }
        headers[name] = value
    }
}

/// The JSON shape of a collection page.
struct ODataPageBody<Row: Decodable>: Decodable {
    var value: [Row]
    var count: Int?
    var nextLink: String?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        value = try container.decode([Row].self, forKey: Key("value"))
        let countKey = Key("@odata.count")
        if container.contains(countKey) {
            if let number = try? container.decode(Int.self, forKey: countKey) {
                count = number
            } else {
                let text = try container.decode(String.self, forKey: countKey)
                guard let number = Int(text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: countKey, in: container, debugDescription: "@odata.count \"\(text)\" is not an integer")
                }
                count = number
            }
        }
        nextLink = try container.decodeIfPresent(String.self, forKey: Key("@odata.nextLink"))
    }
}

/// Every row of a collection, page by page: follows `@odata.nextLink` verbatim until it is absent, holding one page
/// in memory. Throws ``ODataError`` (``ODataError/cancelled`` when the task is cancelled).
public struct ODataRows<Row: Decodable & Sendable>: AsyncSequence, Sendable {
    /// A row.
    public typealias Element = Row

    let client: ODataClient
    let url: URL
    let headers: [String: String]

    /// Reads pages as rows are asked for.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: ODataClient
        let headers: [String: String]
        var next: URL?
        var current: URL?
        var buffer: [Row] = []
        var index = 0
        var seen: Set<URL> = []

        /// The next row, reading the next page when this one is used up.
        public mutating func next() async throws -> Row? {
            while index >= buffer.count {
                buffer = []
                index = 0
                guard let url = next else { return nil }
                if Task.isCancelled { throw ODataError.cancelled }
                let page = try await client.fetchPage(url, as: Row.self, headers: headers)
                if let link = page.nextLink {
                    seen.insert(url)
                    if seen.contains(link) {
                        throw ODataError.invalidResponse(
                            "@odata.nextLink \(link.absoluteString) repeats a page already read (a paging loop)", url: url)
                    }
                }
                next = page.nextLink
                buffer = page.rows
            }
            if Task.isCancelled { throw ODataError.cancelled }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// Starts at the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, headers: headers, next: url)
    }
}
