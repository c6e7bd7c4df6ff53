import Foundation

/// How the client authenticates: nothing, a static bearer token, a token closure, or Microsoft Entra ID client
/// credentials (what F&O uses for service-to-service calls).
///
/// Secrets never appear in `description`, `debugDescription`, `dump` or any error or hook: they print as
/// `REDACTED`.
///
/// ```swift
/// let auth = ODataAuthentication.clientCredentials(
///     tenantID: "contoso.onmicrosoft.com", clientID: "00000000-0000-0000-0000-000000000000",
///     clientSecret: ProcessInfo.processInfo.environment["FNO_CLIENT_SECRET"] ?? "")
/// ```
public struct ODataAuthentication: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    enum Kind: Sendable {
        case none
        case bearer(ODataSecret)
        case provider(@Sendable (_ refresh: Bool) async throws -> String)
        case clientCredentials(ODataClientCredentials)
    }

    let kind: Kind

    /// No `Authorization` header.
    public static let none = ODataAuthentication(kind: .none)

    /// `Authorization: Bearer <token>` with a fixed token (a 401 is not retried: there is nothing to refresh).
    public static func bearerToken(_ token: String) -> ODataAuthentication {
        ODataAuthentication(kind: .bearer(ODataSecret(token)))
    }

    /// `Authorization: Bearer <token>` with a token from `provider`, called before each request; after a 401 it
    /// is called once more with `refresh` = `true` and the request retried once.
    public static func tokenProvider(
        _ provider: @escaping @Sendable (_ refresh: Bool) async throws -> String
    ) -> ODataAuthentication {
        ODataAuthentication(kind: .provider(provider))
    }

    /// Microsoft Entra ID client credentials (OAuth 2.0 `client_credentials` grant).
    ///
    /// - Parameters:
    ///   - tenantID: the directory (tenant) ID or domain.
    ///   - clientID: the application (client) ID of the app registration.
    ///   - clientSecret: a client secret of the app registration.
    ///   - scope: the scope to ask for; by default `<scheme>://<service host>/.default` from the service root
    ///     (for F&O `https://<env>.operations.dynamics.com/.default`).
    ///   - tokenEndpoint: by default `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`
    ///     (override for sovereign clouds or tests).
    ///
    /// Tokens are cached per client and renewed shortly before `expires_in`; concurrent callers share one token
    /// request; a 401 renews the token once and retries.
    public static func clientCredentials(
        tenantID: String, clientID: String, clientSecret: String, scope: String? = nil, tokenEndpoint: URL? = nil
    ) -> ODataAuthentication {
        ODataAuthentication(
            kind: .clientCredentials(
                ODataClientCredentials(
                    tenantID: tenantID, clientID: clientID, clientSecret: ODataSecret(clientSecret), scope: scope,
                    tokenEndpoint: tokenEndpoint)))
    }

    /// Names the kind of authentication, never the secret.
    public var description: String {
        switch kind {
        case .none: return "ODataAuthentication.none"
        case .bearer: return "ODataAuthentication.bearerToken(REDACTED)"
        case .provider: return "ODataAuthentication.tokenProvider(<closure>)"
        case .clientCredentials(let credentials): return "ODataAuthentication.clientCredentials(\(credentials))"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without secrets, for `dump` and debuggers.
    public var customMirror: Mirror {
        switch kind {
        case .clientCredentials(let credentials):
            return Mirror(self, children: ["clientCredentials": credentials], displayStyle: .enum)
        default:
            return Mirror(self, children: ["kind": description], displayStyle: .enum)
        }
    }
}

/// A secret string (token, client secret) that prints as `REDACTED` everywhere.
public struct ODataSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself, for the code that must send it.
    let value: String

    /// Wraps `value`.
    public init(_ value: String) { self.value = value }

    /// `REDACTED`.
    public var description: String { ODataHeaders.redactedValue }
    /// `REDACTED`.
    public var debugDescription: String { ODataHeaders.redactedValue }
    /// A mirror with no children.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// The settings of the client credentials grant (the secret is redacted in every description).
struct ODataClientCredentials: Sendable, CustomStringConvertible {
    var tenantID: String
    var clientID: String
    var clientSecret: ODataSecret
    var scope: String?
    var tokenEndpoint: URL?

    var description: String {
        "tenantID: \(tenantID), clientID: \(clientID), clientSecret: REDACTED"
            + (scope.map { ", scope: \($0)" } ?? "")
            + (tokenEndpoint.map { ", tokenEndpoint: \($0.absoluteString)" } ?? "")
    }

    func endpoint() throws -> URL {
        if let tokenEndpoint { return tokenEndpoint }
        let tenant = tenantID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? tenantID
        guard !tenantID.isEmpty, let url = URL(string: "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token")
        else {
            throw ODataError.authentication("the tenant ID \"\(tenantID)\" does not make a token endpoint URL")
        }
        return url
    }

    /// `scope`, or `<scheme>://<host>[:port]/.default` from the service root.
    static func defaultScope(for serviceRoot: URL) -> String {
        guard let scheme = serviceRoot.scheme, let host = serviceRoot.host else {
            return serviceRoot.absoluteString + ".default"
        }
        let port = serviceRoot.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/.default"
    }
}

/// A token and when the cache must renew it.
struct ODataCachedToken: Sendable {
    var value: String
    var renewAt: Date
}

/// The client's token source: caches, renews before expiry, shares one in-flight request among callers.
///
/// Each caller waits on its own continuation, so a cancelled caller stops waiting at once (with
/// `CancellationError`) while the token request goes on for the others.
actor ODataTokenCache {
    typealias Fetch = @Sendable () async throws -> (token: String, expiresIn: TimeInterval)

    private let fetch: Fetch
    private let renewalMargin: TimeInterval
    private var cached: ODataCachedToken?
    private var fetching = false
    private var waiters: [UInt64: CheckedContinuation<String, any Error>] = [:]
    private var nextWaiter: UInt64 = 0
    /// How many token requests were started (for tests and diagnostics).
    private(set) var requestCount = 0

    init(renewalMargin: TimeInterval, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.renewalMargin = renewalMargin
    }

    /// A valid token; after a 401 pass the refused token as `rejected` to get a new one (callers refused the same
    /// token share one renewal).
    func token(rejected: String? = nil) async throws -> String {
        if let rejected, cached?.value == rejected {
            cached = nil
        }
        if let cached, Date() < cached.renewAt {
            return cached.value
        }
        try Task.checkCancellation()
        nextWaiter += 1
        let id = nextWaiter
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                waiters[id] = continuation
                if !fetching {
                    fetching = true
                    requestCount += 1
                    Task { await self.runFetch() }
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func runFetch() async {
        let result: Result<ODataCachedToken, any Error>
        do {
            let answer = try await fetch()
            let lead = min(renewalMargin, answer.expiresIn / 2)
            result = .success(
                ODataCachedToken(value: answer.token, renewAt: Date().addingTimeInterval(answer.expiresIn - lead)))
        } catch {
            result = .failure(error)
        }
        fetching = false
        if case .success(let token) = result { cached = token }
        let waiting = waiters
        waiters = [:]
        for (_, continuation) in waiting.sorted(by: { $0.key < $1.key }) {
            continuation.resume(with: result.map(\.value))
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }
}

/// Encodes `application/x-www-form-urlencoded` bodies.
enum ODataFormEncoding {
    static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ fields: [(String, String)]) -> Data {
        let text = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)="
                + "\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return Data(text.utf8)
    }
}
