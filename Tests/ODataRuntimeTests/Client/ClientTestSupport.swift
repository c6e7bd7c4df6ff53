import Foundation
import ODataRuntime

/// A test-double transport: answers with `respond` and records every request it received.
final class ScriptedTransport: ODataTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ODataRequest] = []
    private let respond: @Sendable (ODataRequest, Int) async throws -> ODataResponse

    /// `respond` gets each request and its 0-based number.
    init(_ respond: @escaping @Sendable (ODataRequest, Int) async throws -> ODataResponse) {
        self.respond = respond
    }

    /// Answers the scripted responses in order (the last one repeats).
    convenience init(responses: [ODataResponse]) {
        self.init { _, number in responses[min(number, responses.count - 1)] }
    }

    var requests: [ODataRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    private func record(_ request: ODataRequest) -> Int {
        lock.lock()
        defer { lock.unlock() }
        recorded.append(request)
        return recorded.count - 1
    }

    func send(_ request: ODataRequest) async throws -> ODataResponse {
        try await respond(request, record(request))
    }
}

/// Collects values from concurrent closures.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> ODataResponse {
    var all = ["Content-Type": "application/json;odata.metadata=minimal"]
    for (name, value) in headers { all[name] = value }
    return ODataResponse(statusCode: status, headers: all, body: Data(text.utf8))
}

let testRoot = URL(string: "https://contoso.operations.dynamics.com/data/")!

/// A configuration whose retry waits are recorded and not slept.
func fastConfiguration(waits: Recorder<TimeInterval>? = nil) -> ODataClientConfiguration {
    var configuration = ODataClientConfiguration()
    configuration.sleep = { seconds in
        waits?.append(seconds)
        try Task.checkCancellation()
    }
    configuration.random = { 0.5 }
    return configuration
}

struct Customer: Codable, Sendable, Equatable {
    var CustomerAccount: String
    var CreditLimit: Decimal?
}
