import Foundation
import Testing
import ODataRuntime

@Suite("ODataClient with a test-double transport")
struct ODataClientTests {
    @Test("every request carries the standard OData headers; the caller's headers win")
    func standardHeaders() async throws {
        let transport = ScriptedTransport(responses: [json(#"{"value":[]}"#)])
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        _ = try await client.fetchPage(testRoot.appendingPathComponent("CustomersV3"), as: Customer.self)
        _ = try await client.send(ODataRequest(url: testRoot, headers: ["Accept": "application/xml"]))
        let first = try #require(transport.requests.first)
        #expect(first.header("OData-Version") == "4.0")
        #expect(first.header("OData-MaxVersion") == "4.0")
        #expect(first.header("Accept") == "application/json;odata.metadata=minimal")
        #expect(first.header("Authorization") == nil)
        #expect(transport.requests[1].header("Accept") == "application/xml")
        #expect(transport.requests[1].header("OData-Version") == "4.0")
    }

    @Test("the service root always ends with a slash")
    func serviceRootSlash() {
        let client = ODataClient(serviceRoot: URL(string: "https://h.example/data")!)
        #expect(client.serviceRoot.absoluteString == "https://h.example/data/")
    }

    @Test("a static bearer token is sent as Authorization; a 401 is not retried")
    func bearer() async throws {
        let transport = ScriptedTransport(responses: [json(#"{"error":{"code":"","message":"no"}}"#, status: 401)])
        let client = ODataClient(serviceRoot: testRoot, authentication: .bearerToken("tok-123"), transport: transport)
        await #expect(throws: ODataError.self) { _ = try await client.send(ODataRequest(url: testRoot)) }
        #expect(transport.requests.count == 1)
        #expect(transport.requests[0].header("Authorization") == "Bearer tok-123")
        do {
            _ = try await client.send(ODataRequest(url: testRoot))
        } catch let error as ODataError {
            guard case .unauthorized(let failure) = error else {
                Issue.record("expected unauthorized, got \(error)")
                return
            }
            #expect(failure.statusCode == 401)
            #expect(!error.description.contains("tok-123"))
        }
    }

    @Test("a token provider is asked again with refresh=true after a 401, and the request retried once")
    func providerRefresh() async throws {
        let transport = ScriptedTransport { request, _ in
            request.header("Authorization") == "Bearer fresh" ? json(#"{"ok":true}"#) : json("{}", status: 401)
        }
        let calls = Recorder<Bool>()
        let client = ODataClient(
            serviceRoot: testRoot,
            authentication: .tokenProvider { refresh in
                calls.append(refresh)
                return refresh ? "fresh" : "stale"
            }, transport: transport)
        let response = try await client.send(ODataRequest(url: testRoot))
        #expect(response.statusCode == 200)
        #expect(calls.values == [false, true])
        #expect(transport.requests.map { $0.header("Authorization") } == ["Bearer stale", "Bearer fresh"])
    }

    @Test("error bodies decode into code, message and inner error; statuses map to their cases")
    func errorMapping() async throws {
        let body = #"{"error":{"code":"E42","message":"Write failed for table row","innererror":{"message":"deep","type":"X"}}}"#
        for (status, check) in [
            (500, { (e: ODataError) -> Bool in if case .http = e { return true } else { return false } }),
            (404, { if case .notFound = $0 { return true } else { return false } }),
            (412, { if case .preconditionFailed = $0 { return true } else { return false } }),
            (403, { if case .forbidden = $0 { return true } else { return false } }),
            (400, { if case .http = $0 { return true } else { return false } }),
        ] as [(Int, (ODataError) -> Bool)] {
            let client = ODataClient(
                serviceRoot: testRoot, transport: ScriptedTransport(responses: [json(body, status: status)]),
                configuration: fastConfiguration())
            do {
                _ = try await client.send(ODataRequest(method: "DELETE", url: testRoot.appendingPathComponent("X")))
                Issue.record("HTTP \(status) did not throw")
            } catch let error as ODataError {
                #expect(check(error), "HTTP \(status) gave \(error)")
                #expect(error.statusCode == status)
                #expect(error.serviceError?.code == "E42")
                #expect(error.serviceError?.message == "Write failed for table row")
                #expect(error.serviceError?.innerError?.jsonText.contains("deep") == true)
                #expect(error.description.contains("HTTP \(status) for DELETE \(testRoot.absoluteString)X"))
                #expect(error.description.contains("E42: Write failed for table row"))
            }
        }
    }

    @Test("a body that is not an OData error shows as an excerpt")
    func nonODataErrorBody() async throws {
        let client = ODataClient(
            serviceRoot: testRoot,
            transport: ScriptedTransport(responses: [ODataResponse(statusCode: 502, body: Data("Bad gateway <html>".utf8))]))
        do {
            _ = try await client.send(ODataRequest(url: testRoot))
            Issue.record("no error")
        } catch let error as ODataError {
            #expect(error.serviceError == nil)
            #expect(error.description.contains("Bad gateway <html>"))
        }
    }

    @Test("a decoding error names the JSON path")
    func decodingPath() async throws {
        let body = #"{"value":[{"CustomerAccount":"A","CreditLimit":1},{"CustomerAccount":7}]}"#
        let client = ODataClient(serviceRoot: testRoot, transport: ScriptedTransport(responses: [json(body)]))
        do {
            _ = try await client.fetchPage(testRoot.appendingPathComponent("CustomersV3"), as: Customer.self)
            Issue.record("no error")
        } catch ODataError.decoding(let path, let message, let url) {
            #expect(path == "value[1].CustomerAccount")
            #expect(message.contains("String"))
            #expect(url?.lastPathComponent == "CustomersV3")
        }
        #expect(throws: ODataError.self) { try client.decode(Customer.self, from: Data("{".utf8)) }
    }

    @Test("fetchPage returns rows, @odata.count (number or string) and the next link verbatim")
    func page() async throws {
        let next = "https://contoso.operations.dynamics.com/data/CustomersV3?$skiptoken=abc%27def&cross-company=true"
        let transport = ScriptedTransport(responses: [
            json(#"{"@odata.count":"12","value":[{"CustomerAccount":"A","CreditLimit":10.5}],"@odata.nextLink":"\#(next)"}"#)
        ])
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        let page = try await client.fetchPage(testRoot.appendingPathComponent("CustomersV3"), as: Customer.self)
        #expect(page.rows == [Customer(CustomerAccount: "A", CreditLimit: Decimal(string: "10.5"))])
        #expect(page.count == 12)
        #expect(page.nextLink?.absoluteString == next)
    }

    @Test("rows follows every next link and stops when it is absent; relative links resolve")
    func rowsFollowLinks() async throws {
        let transport = ScriptedTransport { request, _ in
            switch request.url.query {
            case nil: return json(#"{"value":[{"CustomerAccount":"1"},{"CustomerAccount":"2"}],"@odata.nextLink":"Customers?p=2"}"#)
            case "p=2": return json(#"{"value":[],"@odata.nextLink":"https://contoso.operations.dynamics.com/data/Customers?p=3"}"#)
            default: return json(#"{"value":[{"CustomerAccount":"3"}]}"#)
            }
        }
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        var seen: [String] = []
        for try await row in client.rows(testRoot.appendingPathComponent("Customers"), as: Customer.self) {
            seen.append(row.CustomerAccount)
        }
        #expect(seen == ["1", "2", "3"])
        #expect(transport.requests.map(\.url.absoluteString) == [
            "https://contoso.operations.dynamics.com/data/Customers",
            "https://contoso.operations.dynamics.com/data/Customers?p=2",
            "https://contoso.operations.dynamics.com/data/Customers?p=3",
        ])
    }

    @Test("a next link that repeats a page is an error, not an endless loop")
    func pagingLoop() async throws {
        let transport = ScriptedTransport(responses: [
            json(#"{"value":[{"CustomerAccount":"1"}],"@odata.nextLink":"https://contoso.operations.dynamics.com/data/C"}"#)
        ])
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        await #expect(throws: ODataError.self) {
            for try await _ in client.rows(testRoot.appendingPathComponent("C"), as: Customer.self) {}
        }
        #expect(transport.requests.count == 1)
    }

    @Test("fetchCount parses the text body and rejects anything else")
    func count() async throws {
        let client = ODataClient(
            serviceRoot: testRoot,
            transport: ScriptedTransport { _, number in
                ODataResponse(statusCode: 200, body: Data((number == 0 ? "\u{FEFF}42\n" : "forty").utf8))
            })
        #expect(try await client.fetchCount(testRoot.appendingPathComponent("C/$count")) == 42)
        do {
            _ = try await client.fetchCount(testRoot.appendingPathComponent("C/$count"))
            Issue.record("no error")
        } catch ODataError.invalidResponse(let message, _) {
            #expect(message.contains("forty"))
        }
    }

    @Test("create, update, delete and invoke send the right method, headers and body")
    func writes() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "POST" && request.url.lastPathComponent == "C"
                ? json(#"{"CustomerAccount":"N"}"#, status: 201) : ODataResponse(statusCode: 204)
        }
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        let body = Data(#"{"CustomerAccount":"N"}"#.utf8)
        let created = try await client.create(testRoot.appendingPathComponent("C"), body: body, as: Customer.self)
        #expect(created.CustomerAccount == "N")
        try await client.update(testRoot.appendingPathComponent("C('N')"), body: Data("{}".utf8), ifMatch: .etag("W/\"1\""))
        try await client.delete(testRoot.appendingPathComponent("C('N')"), ifMatch: .any)
        try await client.delete(testRoot.appendingPathComponent("C('M')"), ifMatch: nil)
        _ = try await client.invoke(testRoot.appendingPathComponent("C('N')/NS.act"))
        let sent = transport.requests
        #expect(sent.map(\.method) == ["POST", "PATCH", "DELETE", "DELETE", "POST"])
        #expect(sent[0].header("Prefer") == "return=representation")
        #expect(sent[0].header("Content-Type") == "application/json")
        #expect(sent[0].body == body)
        #expect(sent[1].header("If-Match") == "W/\"1\"")
        #expect(sent[2].header("If-Match") == "*")
        #expect(sent[3].header("If-Match") == nil)
        #expect(sent[4].body == Data("{}".utf8))
    }

    @Test("a create answered 204 with a Location reads the created entity from there")
    func createWithoutRepresentation() async throws {
        let transport = ScriptedTransport { request, _ in
            request.method == "POST"
                ? ODataResponse(statusCode: 204, headers: ["Location": "https://contoso.operations.dynamics.com/data/C('N')"])
                : json(#"{"CustomerAccount":"N","CreditLimit":5}"#)
        }
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        let created = try await client.create(testRoot.appendingPathComponent("C"), body: Data("{}".utf8), as: Customer.self)
        #expect(created == Customer(CustomerAccount: "N", CreditLimit: 5))
        #expect(transport.requests.map(\.method) == ["POST", "GET"])
        #expect(transport.requests[1].url.absoluteString == "https://contoso.operations.dynamics.com/data/C('N')")
        let bare = ODataClient(serviceRoot: testRoot, transport: ScriptedTransport(responses: [ODataResponse(statusCode: 204)]))
        await #expect(throws: ODataError.self) {
            _ = try await bare.create(testRoot.appendingPathComponent("C"), body: Data("{}".utf8), as: Customer.self)
        }
    }

    @Test("the logger writes one line per exchange with status, time and retry attempt, secrets redacted")
    func logger() async throws {
        let lines = Recorder<String>()
        var configuration = fastConfiguration()
        configuration.observers.append(ODataClientConfiguration.logger { lines.append($0) })
        let transport = ScriptedTransport(responses: [json("{}", status: 429, headers: ["Retry-After": "0"]), json("{}")])
        let client = ODataClient(
            serviceRoot: testRoot, authentication: .bearerToken("hidden-token"), transport: transport,
            configuration: configuration)
        _ = try await client.send(ODataRequest(url: testRoot.appendingPathComponent("C")))
        #expect(lines.values.count == 2)
        #expect(lines.values[0].hasPrefix("GET https://contoso.operations.dynamics.com/data/C -> 429 in "))
        #expect(lines.values[1].hasSuffix(" ms (attempt 2)"))
        #expect(lines.values[1].contains("-> 200 in "))
        #expect(!lines.values.joined().contains("hidden-token"))
    }

    @Test("middleware changes requests; observers see them with Authorization redacted")
    func hooks() async throws {
        let transport = ScriptedTransport(responses: [json("{}")])
        let seen = Recorder<ODataExchange>()
        var configuration = ODataClientConfiguration()
        configuration.requestMiddleware.append { request in request.headers["X-Trace"] = "t1" }
        configuration.observers.append { seen.append($0) }
        let client = ODataClient(
            serviceRoot: testRoot, authentication: .bearerToken("s3cr3t-token"), transport: transport,
            configuration: configuration)
        _ = try await client.send(ODataRequest(url: testRoot))
        #expect(transport.requests[0].header("X-Trace") == "t1")
        #expect(transport.requests[0].header("Authorization") == "Bearer s3cr3t-token")
        let exchange = try #require(seen.values.first)
        #expect(exchange.request.header("X-Trace") == "t1")
        #expect(exchange.request.header("Authorization") == "REDACTED")
        #expect(exchange.response?.statusCode == 200)
        #expect(exchange.duration >= 0)
        var dumped = ""
        dump(exchange, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
    }

    @Test("secrets never show in description, debugDescription, dump or reflection")
    func redaction() {
        let secret = "sup3r-s3cret-value"
        for auth in [
            ODataAuthentication.bearerToken(secret),
            .clientCredentials(tenantID: "t", clientID: "c", clientSecret: secret),
        ] {
            var dumped = ""
            dump(auth, to: &dumped)
            let client = ODataClient(serviceRoot: testRoot, authentication: auth)
            var dumpedClient = ""
            dump(client, to: &dumpedClient)
            for text in [
                String(describing: auth), String(reflecting: auth), dumped, "\(auth)", dumpedClient,
                String(reflecting: client),
            ] {
                #expect(!text.contains(secret), "\(text)")
            }
            #expect(String(describing: auth).contains("REDACTED"))
        }
        #expect(String(describing: ODataSecret(secret)) == "REDACTED")
    }
}
