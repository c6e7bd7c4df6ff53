import Foundation
import Testing
import ODataRuntime

@Suite("Retries and backoff with a test-double transport")
struct ODataRetryTests {
    @Test("429 with Retry-After in seconds waits as told (plus at most 10% jitter), then succeeds")
    func retryAfterSeconds() async throws {
        let waits = Recorder<TimeInterval>()
        let transport = ScriptedTransport(responses: [json("{}", status: 429, headers: ["Retry-After": "2"]), json("{}")])
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: fastConfiguration(waits: waits))
        let response = try await client.send(ODataRequest(method: "POST", url: testRoot, body: Data("{}".utf8)))
        #expect(response.statusCode == 200)
        #expect(transport.requests.count == 2)
        #expect(waits.values == [2.1])
    }

    @Test("Retry-After as an HTTP date")
    func retryAfterDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(ODataClientConfiguration.parseRetryAfter("Tue, 14 Nov 2023 22:13:25 GMT", now: now) == 5)
        #expect(ODataClientConfiguration.parseRetryAfter("Tue, 14 Nov 2023 22:13:00 GMT", now: now) == 0)
        #expect(ODataClientConfiguration.parseRetryAfter(" 7 ", now: now) == 7)
        #expect(ODataClientConfiguration.parseRetryAfter("soon", now: now) == nil)
        #expect(ODataClientConfiguration.parseRetryAfter("-3", now: now) == nil)
    }

    @Test("503 without Retry-After on a GET backs off exponentially with jitter")
    func backoff() async throws {
        let waits = Recorder<TimeInterval>()
        let transport = ScriptedTransport(responses: [
            json("{}", status: 503), json("{}", status: 503), json("{}", status: 503), json("{}"),
        ])
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: fastConfiguration(waits: waits))
        _ = try await client.send(ODataRequest(url: testRoot))
        #expect(waits.values == [0.75, 1.5, 3.0])
        var configuration = ODataClientConfiguration()
        configuration.random = { 0.999 }
        configuration.maxBackoff = 10
        #expect(configuration.retryDelay(attempt: 20, retryAfter: nil) <= 10)
        #expect(configuration.retryDelay(attempt: 20, retryAfter: nil) > 9.9)
        configuration.random = { 0 }
        #expect(configuration.retryDelay(attempt: 20, retryAfter: nil) == 5)
    }

    @Test("503 is not retried for a POST, nor a PATCH without If-Match; it is for a PATCH with If-Match")
    func unsafeNotRetried() async throws {
        for (method, ifMatch, expected) in [("POST", nil, 1), ("PATCH", nil, 1), ("PATCH", "*", 3), ("DELETE", "W/\"x\"", 3)]
            as [(String, String?, Int)]
        {
            let transport = ScriptedTransport(responses: [json("{}", status: 503), json("{}", status: 503), json("{}", status: 204)])
            let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: fastConfiguration())
            var headers: [String: String] = [:]
            if let ifMatch { headers["If-Match"] = ifMatch }
            do {
                _ = try await client.send(ODataRequest(method: method, url: testRoot, headers: headers))
                #expect(expected == 3, "\(method) should have failed")
            } catch ODataError.throttled(let failure, let attempts) {
                #expect(expected == 1, "\(method) \(ifMatch ?? "-") should have been retried")
                #expect(attempts == 1)
                #expect(failure.statusCode == 503)
            }
            #expect(transport.requests.count == expected, "\(method) \(ifMatch ?? "-")")
        }
    }

    @Test("attempts are capped: a service that always answers 429 gives throttled after maxAttempts")
    func attemptCap() async throws {
        let waits = Recorder<TimeInterval>()
        let transport = ScriptedTransport(responses: [json(#"{"error":{"code":"TooMany","message":"slow down"}}"#, status: 429, headers: ["Retry-After": "1"])])
        var configuration = fastConfiguration(waits: waits)
        configuration.maxAttempts = 4
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: configuration)
        do {
            _ = try await client.send(ODataRequest(url: testRoot))
            Issue.record("no error")
        } catch ODataError.throttled(let failure, let attempts) {
            #expect(attempts == 4)
            #expect(failure.serviceError?.code == "TooMany")
        }
        #expect(transport.requests.count == 4)
        #expect(waits.values.count == 3)
    }

    @Test("total retry time is capped: a Retry-After beyond the budget is not waited for")
    func durationCap() async throws {
        let waits = Recorder<TimeInterval>()
        let transport = ScriptedTransport(responses: [json("{}", status: 429, headers: ["Retry-After": "600"]), json("{}")])
        var configuration = fastConfiguration(waits: waits)
        configuration.maxRetryDuration = 30
        let client = ODataClient(serviceRoot: testRoot, transport: transport, configuration: configuration)
        await #expect(throws: ODataError.self) { _ = try await client.send(ODataRequest(url: testRoot)) }
        #expect(waits.values.isEmpty)
        #expect(transport.requests.count == 1)
    }

    @Test("cancellation during a retry wait gives ODataError.cancelled without another attempt")
    func cancelDuringSleep() async throws {
        let transport = ScriptedTransport(responses: [json("{}", status: 429, headers: ["Retry-After": "30"]), json("{}")])
        let client = ODataClient(serviceRoot: testRoot, transport: transport)  // real sleep
        let task = Task { try await client.send(ODataRequest(url: testRoot)) }
        try await Task.sleep(nanoseconds: 100_000_000)
        let started = Date()
        task.cancel()
        let result = await task.result
        #expect(Date().timeIntervalSince(started) < 5)
        guard case .failure(let error) = result, case .cancelled = error as? ODataError else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a transport that does not answer in time gives timedOut")
    func timeout() async throws {
        let transport = ScriptedTransport { _, _ in
            try await Task.sleep(nanoseconds: 5_000_000_000)
            return json("{}")
        }
        let client = ODataClient(serviceRoot: testRoot, transport: transport)
        let started = Date()
        do {
            _ = try await client.send(ODataRequest(url: testRoot, timeout: 0.2))
            Issue.record("no error")
        } catch ODataError.timedOut(let method, _, let seconds) {
            #expect(method == "GET")
            #expect(seconds == 0.2)
        }
        #expect(Date().timeIntervalSince(started) < 3)
    }
}
