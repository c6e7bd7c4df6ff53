import Foundation
import Testing
import ODataRuntime

/// The client against `Tests/Peers/fault_server.py` over real HTTP (URLSessionTransport): throttling, outages,
/// expired tokens, error bodies, malformed JSON, slow answers, cancellation, the token endpoint, downloads.
@Suite("Faults against a local stub server", .enabled(if: FaultServer.available, "needs python3 for Tests/Peers/fault_server.py"))
struct FaultTests {
    struct Row: Codable, Sendable { var CustomerAccount: String }

    /// Retry waits are recorded and cut to 10 ms so the suite stays fast.
    static func configuration(waits: Recorder<TimeInterval>? = nil) -> ODataClientConfiguration {
        var configuration = ODataClientConfiguration()
        configuration.sleep = { seconds in
            waits?.append(seconds)
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        configuration.timeout = 10
        return configuration
    }

    static let secret = "s3cr3t/+=&value"

    static func credentials(_ server: FaultServer, query: String = "") -> ODataAuthentication {
        .clientCredentials(
            tenantID: "contoso", clientID: "test-client-id", clientSecret: secret,
            tokenEndpoint: server.url("tenant/oauth2/v2.0/token\(query)"))
    }

    @Test("the standard headers and the bearer token reach the server")
    func headersOnTheWire() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base, authentication: .bearerToken("abc"))
        struct Echo: Decodable {
            var method: String
            var headers: [String: String]
            var body: String
            /// Header names compared without case (the wire may change it).
            init(from decoder: any Decoder) throws {
                enum Keys: String, CodingKey { case method, headers, body }
                let container = try decoder.container(keyedBy: Keys.self)
                method = try container.decode(String.self, forKey: .method)
                body = try container.decode(String.self, forKey: .body)
                let raw = try container.decode([String: String].self, forKey: .headers)
                headers = Dictionary(raw.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
            }
        }
        let echo = try await client.fetchValue(server.url("h/echo"), as: Echo.self)
        #expect(echo.method == "GET")
        #expect(echo.headers["odata-version"] == "4.0")
        #expect(echo.headers["odata-maxversion"] == "4.0")
        #expect(echo.headers["accept"] == "application/json;odata.metadata=minimal")
        #expect(echo.headers["authorization"] == "Bearer abc")
        let response = try await client.invoke(server.url("h/echo"), body: Data(#"{"x":1}"#.utf8))
        let posted = try client.decode(Echo.self, from: response.body)
        #expect(posted.method == "POST")
        #expect(posted.body == #"{"x":1}"#)
        #expect(posted.headers["content-type"] == "application/json")
    }

    @Test("429 with Retry-After in seconds, then success")
    func throttled429() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let waits = Recorder<TimeInterval>()
        let client = ODataClient(serviceRoot: server.base, configuration: Self.configuration(waits: waits))
        let page = try await client.fetchPage(server.url("a/throttle429"), as: Row.self)
        #expect(page.rows.map(\.CustomerAccount) == ["after-429"])
        #expect(waits.values.count == 1)
        #expect((1.0...1.1).contains(waits.values[0]))
        #expect(try await server.stats().counts["/a/throttle429"] == 2)
    }

    @Test("429 with Retry-After as an HTTP date, then success")
    func throttled429Date() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let waits = Recorder<TimeInterval>()
        let client = ODataClient(serviceRoot: server.base, configuration: Self.configuration(waits: waits))
        let page = try await client.fetchPage(server.url("a/throttle429date"), as: Row.self)
        #expect(page.rows.map(\.CustomerAccount) == ["after-429-date"])
        #expect(waits.values.count == 1)
        #expect((0.0...2.5).contains(waits.values[0]))
    }

    @Test("503 without Retry-After: a GET backs off and succeeds; a POST fails at once as throttled")
    func unavailable503() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let waits = Recorder<TimeInterval>()
        var configuration = Self.configuration(waits: waits)
        configuration.initialBackoff = 0.5
        let client = ODataClient(serviceRoot: server.base, configuration: configuration)
        let page = try await client.fetchPage(server.url("get/unavailable503"), as: Row.self)
        #expect(page.rows.map(\.CustomerAccount) == ["after-503"])
        #expect(waits.values.count == 2)
        #expect((0.25...0.5).contains(waits.values[0]))
        #expect((0.5...1.0).contains(waits.values[1]))
        do {
            _ = try await client.invoke(server.url("post/unavailable503"))
            Issue.record("a POST answered 503 should fail")
        } catch ODataError.throttled(let failure, let attempts) {
            #expect(attempts == 1)
            #expect(failure.statusCode == 503)
            #expect(failure.bodyExcerpt == "Service Unavailable")
        }
        #expect(try await server.stats().counts["/post/unavailable503"] == 1)
    }

    @Test("a server that keeps answering 429 gives throttled after maxAttempts, with its error body")
    func always429() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        var configuration = Self.configuration()
        configuration.maxAttempts = 3
        let client = ODataClient(serviceRoot: server.base, configuration: configuration)
        do {
            _ = try await client.fetchPage(server.url("x/always429"), as: Row.self)
            Issue.record("no error")
        } catch ODataError.throttled(let failure, let attempts) {
            #expect(attempts == 3)
            #expect(failure.serviceError?.code == "Throttled")
            #expect(failure.headers["retry-after"] == "1")
        }
        #expect(try await server.stats().counts["/x/always429"] == 3)
    }

    @Test("a 500 with an OData error body gives code, message and inner error")
    func error500() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base, configuration: Self.configuration())
        do {
            try await client.update(server.url("e/error500"), body: Data("{}".utf8), ifMatch: .any)
            Issue.record("no error")
        } catch let error as ODataError {
            guard case .http(let failure) = error else {
                Issue.record("expected .http, got \(error)")
                return
            }
            #expect(failure.statusCode == 500)
            #expect(failure.method == "PATCH")
            #expect(failure.serviceError?.code == "E500")
            #expect(failure.serviceError?.message == "Write failed for table row of type 'CustTable'")
            #expect(failure.serviceError?.innerError?.jsonText.contains("Stub") == true)
            #expect(error.description.contains("HTTP 500 for PATCH http://127.0.0.1:\(server.port)/e/error500"))
        }
        #expect(try await server.stats().counts["/e/error500"] == 1, "a 500 is not retried")
    }

    @Test("malformed JSON gives a decoding error")
    func malformedJSON() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base)
        do {
            _ = try await client.fetchPage(server.url("m/malformed"), as: Row.self)
            Issue.record("no error")
        } catch ODataError.decoding(_, let message, let url) {
            #expect(!message.isEmpty)
            #expect(url == server.url("m/malformed"))
        }
    }

    @Test("a slow answer within the timeout succeeds; beyond it gives timedOut promptly")
    func slowVersusTimeout() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        var configuration = ODataClientConfiguration()
        configuration.timeout = 0.5
        let client = ODataClient(serviceRoot: server.base, configuration: configuration)
        let page = try await client.fetchPage(server.url("s/slow?ms=100"), as: Row.self)
        #expect(page.rows.count == 1)
        let started = Date()
        do {
            _ = try await client.fetchPage(server.url("s/slow?ms=4000"), as: Row.self)
            Issue.record("no timeout")
        } catch ODataError.timedOut(let method, let url, let seconds) {
            #expect(method == "GET")
            #expect(url.path == "/s/slow")
            #expect(seconds == 0.5)
        }
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test("cancelling mid-paging stops at once with ODataError.cancelled, without reading further pages")
    func cancelMidPaging() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base)
        let seen = Recorder<String>()
        let task = Task {
            for try await row in client.rows(server.url("p/pages?last=1000&delay=100"), as: Row.self) {
                seen.append(row.CustomerAccount)
            }
        }
        while seen.values.count < 5 { try await Task.sleep(nanoseconds: 10_000_000) }
        task.cancel()
        let started = Date()
        let result = await task.result
        #expect(Date().timeIntervalSince(started) < 2)
        guard case .failure(let error) = result, case .cancelled = error as? ODataError else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
        let pages = try await server.stats().counts["/p/pages"] ?? 0
        #expect(pages <= 4, "read \(pages) pages after cancelling at row \(seen.values.count)")
        #expect(Array(seen.values.prefix(5)) == ["C0000", "C0001", "C0002", "C0003", "C0004"])
    }

    @Test("rows follows the server's next links until they stop: every row once, in order")
    func paging() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base)
        let first = try await client.fetchPage(server.url("p/pages?last=6"), as: Row.self)
        #expect(first.count == 21)
        #expect(first.nextLink?.absoluteString == "http://127.0.0.1:\(server.port)/p/pages?last=6&page=1")
        var accounts: [String] = []
        for try await row in client.rows(server.url("p/pages?last=6"), as: Row.self) { accounts.append(row.CustomerAccount) }
        #expect(accounts == (0..<21).map { String(format: "C%04d", $0) })
    }

    @Test("client credentials: the form body, the derived scope, one token for many requests")
    func tokenCaching() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let exchanges = Recorder<ODataExchange>()
        var configuration = Self.configuration()
        configuration.observers.append { exchanges.append($0) }
        let client = ODataClient(
            serviceRoot: server.url("data"), authentication: Self.credentials(server), configuration: configuration)
        struct Authorized: Decodable { var token: String }
        for _ in 0..<3 {
            let answer = try await client.fetchValue(server.url("c/auth"), as: Authorized.self)
            #expect(answer.token == "tok-1")
        }
        let stats = try await server.stats()
        #expect(stats.token_requests == 1)
        #expect(await client.tokenRequestCount == 1)
        let form = try #require(stats.token_forms.first)
        #expect(form == [
            "grant_type": "client_credentials", "client_id": "test-client-id", "client_secret": Self.secret,
            "scope": "http://127.0.0.1:\(server.port)/.default",
        ])
        // What hooks saw: the token exchange and three service requests, no secret and no token anywhere.
        #expect(exchanges.values.map(\.kind) == [.token, .service, .service, .service])
        var dumped = ""
        dump(exchanges.values, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
        #expect(!dumped.contains("tok-1"))
        #expect(dumped.contains("REDACTED"))
    }

    @Test("client credentials: a token is renewed shortly before it expires")
    func tokenExpiry() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(
            serviceRoot: server.base, authentication: Self.credentials(server, query: "?expires_in=2"),
            configuration: Self.configuration())
        struct Authorized: Decodable { var token: String }
        let started = Date()
        #expect(try await client.fetchValue(server.url("c/auth"), as: Authorized.self).token == "tok-1")
        let second = try await client.fetchValue(server.url("c/auth"), as: Authorized.self).token
        // Renewal is due 1 s before the 2 s lifetime ends (the margin is at most half the lifetime); a loaded
        // machine may already be past it.
        if Date().timeIntervalSince(started) < 0.9 { #expect(second == "tok-1") }
        try await Task.sleep(nanoseconds: 1_200_000_000)
        #expect(try await client.fetchValue(server.url("c/auth"), as: Authorized.self).token == "tok-2")
        #expect(try await server.stats().token_requests == (second == "tok-1" ? 2 : 3))
    }

    @Test("client credentials: 20 concurrent callers share one token request")
    func concurrentTokenRequests() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(
            serviceRoot: server.base, authentication: Self.credentials(server, query: "?delay=300"),
            configuration: Self.configuration())
        struct Authorized: Decodable, Sendable { var token: String }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask { try await client.fetchValue(server.url("c/auth"), as: Authorized.self).token }
            }
            var all: [String] = []
            for try await token in group { all.append(token) }
            return all
        }
        #expect(tokens == Array(repeating: "tok-1", count: 20))
        #expect(try await server.stats().token_requests == 1)
    }

    @Test("client credentials: a 401 refreshes the token once and retries")
    func refreshAfter401() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(
            serviceRoot: server.base, authentication: Self.credentials(server), configuration: Self.configuration())
        struct Authorized: Decodable { var token: String }
        let answer = try await client.fetchValue(server.url("r/auth?revoke=1"), as: Authorized.self)
        #expect(answer.token == "tok-2")
        let stats = try await server.stats()
        #expect(stats.token_requests == 2)
        #expect(stats.counts["/r/auth"] == 2)
    }

    @Test("a static token refused with 401 is not retried and gives unauthorized")
    func unauthorizedStatic() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(serviceRoot: server.base, authentication: .bearerToken("wrong-token"))
        do {
            _ = try await client.fetchPage(server.url("u/auth"), as: Row.self)
            Issue.record("no error")
        } catch let error as ODataError {
            guard case .unauthorized = error else {
                Issue.record("expected unauthorized, got \(error)")
                return
            }
            #expect(!error.description.contains("wrong-token"))
        }
        #expect(try await server.stats().counts["/u/auth"] == 1)
    }

    @Test("a refused client secret gives an authentication error that does not contain the secret")
    func badSecret() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let client = ODataClient(
            serviceRoot: server.base,
            authentication: .clientCredentials(
                tenantID: "t", clientID: "test-client-id", clientSecret: "wrong-s3cret-9",
                tokenEndpoint: server.url("t/token")))
        do {
            _ = try await client.fetchPage(server.url("b/auth"), as: Row.self)
            Issue.record("no error")
        } catch let error as ODataError {
            guard case .authentication(let message) = error else {
                Issue.record("expected authentication, got \(error)")
                return
            }
            #expect(message.contains("invalid_client"))
            #expect(message.contains("HTTP 401"))
            #expect(!"\(error)".contains("wrong-s3cret-9"))
            var dumped = ""
            dump(error, to: &dumped)
            #expect(!dumped.contains("wrong-s3cret-9"))
        }
        #expect(try await server.stats().counts["/b/auth"] == nil, "no service request without a token")
    }

    @Test("download streams to a temporary file, reports progress, and renames it at the end")
    func download() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("odata-download-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("metadata.xml")
        try Data("old".utf8).write(to: destination)
        let progress = Recorder<ODataDownloadProgress>()
        let client = ODataClient(serviceRoot: server.base)
        let size = 3_000_000
        try await client.download(server.url("d/download?size=\(size)"), to: destination) { progress.append($0) }
        let data = try Data(contentsOf: destination)
        #expect(data.count == size)
        #expect(data.prefix(300) == Data((0..<300).map { UInt8($0 % 256) }))
        #expect(progress.values.count > 1)
        #expect(progress.values.last == ODataDownloadProgress(bytesWritten: Int64(size), expectedBytes: Int64(size)))
        #expect(zip(progress.values, progress.values.dropFirst()).allSatisfy { $0.bytesWritten < $1.bytesWritten })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["metadata.xml"])
        // A failure leaves no file behind.
        let missing = folder.appendingPathComponent("missing.xml")
        await #expect(throws: ODataError.self) { try await client.download(server.url("d/nothing-here"), to: missing) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["metadata.xml"])
    }
}
