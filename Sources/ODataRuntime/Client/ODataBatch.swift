import Foundation

/// One request inside a `$batch`.
public struct ODataBatchRequest: Sendable, Hashable {
    /// The HTTP method.
    public var method: String
    /// The target: an absolute URL (written relative to the service root when under it), or a Content-ID
    /// reference such as `$1` or `$1/Lines` to an earlier request of the same changeset.
    public var target: String
    /// Extra headers (`If-Match`, `Prefer`, `Content-Type`...).
    public var headers: [String: String]
    /// The body (JSON), for writes and actions.
    public var body: Data?
    /// The Content-ID; requests in a changeset without one get the next free number.
    public var contentID: String?

    /// A request to an absolute URL.
    public init(
        method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
        contentID: String? = nil
    ) {
        self.init(method: method, target: url.absoluteString, headers: headers, body: body, contentID: contentID)
    }

    /// A request to `target`: an absolute URL, or `$<Content-ID>` followed by an optional path.
    public init(
        method: String, target: String, headers: [String: String] = [:], body: Data? = nil, contentID: String? = nil
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.contentID = contentID
    }

    /// Whether `target` refers to an earlier request by its Content-ID.
    public var isReference: Bool { target.hasPrefix("$") }
}

/// A `$batch`: requests and atomic changesets, sent as one `multipart/mixed` request.
///
/// ```swift
/// var batch = ODataBatch()
/// batch.add(ODataBatchRequest(url: customerURL))
/// batch.addChangeset([
///     ODataBatchRequest(method: "POST", url: ordersURL, body: order, contentID: "1"),
///     ODataBatchRequest(method: "POST", target: "$1/Lines", body: line),
/// ])
/// let results = try await client.batch(batch)   // one result per request, in order
/// ```
public struct ODataBatch: Sendable, Hashable {
    /// A top-level part.
    public enum Part: Sendable, Hashable {
        /// A request on its own.
        case request(ODataBatchRequest)
        /// Requests applied all or nothing.
        case changeset([ODataBatchRequest])
    }

    /// The parts, in order.
    public var parts: [Part]

    /// A batch of `parts`.
    public init(_ parts: [Part] = []) { self.parts = parts }

    /// Adds a request on its own.
    public mutating func add(_ request: ODataBatchRequest) { parts.append(.request(request)) }

    /// Adds an atomic changeset.
    public mutating func addChangeset(_ requests: [ODataBatchRequest]) { parts.append(.changeset(requests)) }

    /// The requests, in order (changesets flattened).
    public var requests: [ODataBatchRequest] {
        parts.flatMap { part -> [ODataBatchRequest] in
            switch part {
            case .request(let request): return [request]
            case .changeset(let requests): return requests
            }
        }
    }

    /// A copy whose changeset requests all have a Content-ID (the next free number when missing).
    public func withContentIDs() -> ODataBatch {
        var used = Set(requests.compactMap(\.contentID))
        var next = 1
        var copy = self
        for index in copy.parts.indices {
            guard case .changeset(var requests) = copy.parts[index] else { continue }
            for position in requests.indices where requests[position].contentID == nil {
                while used.contains(String(next)) { next += 1 }
                requests[position].contentID = String(next)
                used.insert(String(next))
            }
            copy.parts[index] = .changeset(requests)
        }
        return copy
    }

    /// The `multipart/mixed` body with `boundary` (changesets use `changeset_<n>_<boundary>`); targets under
    /// `serviceRoot` are written relative to it.
    public func encode(boundary: String, serviceRoot: URL) -> Data {
        var out = ""
        let root = serviceRoot.absoluteString
        func target(_ request: ODataBatchRequest) -> String {
            if !request.isReference, request.target.hasPrefix(root) {
                return String(request.target.dropFirst(root.count))
            }
            return request.target
        }
        func write(_ request: ODataBatchRequest) -> String {
            var text = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
            if let id = request.contentID { text += "Content-ID: \(id)\r\n" }
            text += "\r\n\(request.method.uppercased()) \(target(request)) HTTP/1.1\r\n"
            var headers = request.headers
            if ODataHeaders.value(of: "Accept", in: headers) == nil {
                headers["Accept"] = "application/json;odata.metadata=minimal"
            }
            if request.body != nil, ODataHeaders.value(of: "Content-Type", in: headers) == nil {
                headers["Content-Type"] = "application/json"
            }
            for (name, value) in ODataHeaders.sorted(headers) { text += "\(name): \(value)\r\n" }
            text += "\r\n"
            if let body = request.body { text += String(decoding: body, as: UTF8.self) }
            return text
        }
        for (number, part) in parts.enumerated() {
            out += "--\(boundary)\r\n"
            switch part {
            case .request(let request):
                out += write(request) + "\r\n"
            case .changeset(let requests):
                let inner = "changeset_\(number + 1)_\(boundary)"
                out += "Content-Type: multipart/mixed; boundary=\(inner)\r\n\r\n"
                for request in requests {
                    out += "--\(inner)\r\n" + write(request) + "\r\n"
                }
                out += "--\(inner)--\r\n"
            }
        }
        out += "--\(boundary)--\r\n"
        return Data(out.utf8)
    }
}

/// The answer to one request of a `$batch`.
public struct ODataBatchResult: Sendable, Hashable {
    /// The request answered.
    public var request: ODataBatchRequest
    /// Its response (for a failed changeset, the changeset's one error response).
    public var response: ODataResponse

    /// The response when 2xx; otherwise the ``ODataError`` it stands for.
    public func get(serviceRoot: URL? = nil) throws(ODataError) -> ODataResponse {
        guard response.isSuccess else {
            let url = URL(string: request.target, relativeTo: serviceRoot)?.absoluteURL
                ?? URL(string: "about:blank")!
            throw ODataError.from(
                request: ODataRequest(method: request.method, url: url, headers: request.headers), response: response)
        }
        return response
    }
}

/// Parses `multipart/mixed` batch responses.
enum ODataMultipart {
    struct Part {
        var headers: [String: String]
        var body: Data
    }

    static func boundary(ofContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary"
            else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The parts between `--boundary` lines.
    static func split(_ data: Data, boundary: String) throws(ODataError) -> [Part] {
        let bytes = [UInt8](data)
        let delimiter = [UInt8](("--" + boundary).utf8)
        var starts: [Int] = []  // index of each delimiter that begins a line
        var index = 0
        while index + delimiter.count <= bytes.count {
            if bytes[index] == delimiter[0], (index == 0 || bytes[index - 1] == 0x0A),
                Array(bytes[index..<index + delimiter.count]) == delimiter
            {
                starts.append(index)
                index += delimiter.count
            } else {
                index += 1
            }
        }
        guard !starts.isEmpty else {
            throw ODataError.invalidResponse("the batch response has no part delimited by --\(boundary)", url: nil)
        }
        var parts: [Part] = []
        for (number, start) in starts.enumerated() {
            let after = start + delimiter.count
            if after + 1 < bytes.count, bytes[after] == 0x2D, bytes[after + 1] == 0x2D { break }  // close delimiter
            guard number + 1 < starts.count else {
                throw ODataError.invalidResponse("the batch response ends without its closing --\(boundary)--", url: nil)
            }
            var contentStart = after
            while contentStart < bytes.count, bytes[contentStart] != 0x0A { contentStart += 1 }
            contentStart += 1
            var contentEnd = starts[number + 1]
            if contentEnd > contentStart, bytes[contentEnd - 1] == 0x0A { contentEnd -= 1 }
            if contentEnd > contentStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            guard contentStart <= contentEnd else { continue }
            let (headers, body) = try headersAndBody(Array(bytes[contentStart..<contentEnd]))
            parts.append(Part(headers: headers, body: body))
        }
        return parts
    }

    /// Splits header lines from the body at the first empty line.
    static func headersAndBody(_ bytes: [UInt8]) throws(ODataError) -> ([String: String], Data) {
        var headers: [String: String] = [:]
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                var lineEnd = index
                if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                if line.isEmpty {
                    let bodyStart = min(index + 1, bytes.count)
                    return (headers, Data(bytes[bodyStart...]))
                }
                if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                    headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                lineStart = index + 1
            }
            index += 1
        }
        return (headers, Data())
    }

    /// An `application/http` part's embedded response.
    static func httpResponse(_ part: Part) throws(ODataError) -> ODataResponse {
        let bytes = [UInt8](part.body)
        guard let newline = bytes.firstIndex(of: 0x0A) else {
            throw ODataError.invalidResponse("a batch part holds no HTTP status line", url: nil)
        }
        var lineEnd = newline
        if lineEnd > 0, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let statusLine = String(decoding: bytes[..<lineEnd], as: UTF8.self)
        let fields = statusLine.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/"), let status = Int(fields[1]) else {
            throw ODataError.invalidResponse("a batch part starts with \"\(statusLine)\", not an HTTP status line", url: nil)
        }
        let (headers, body) = try headersAndBody(Array(bytes[(newline + 1)...]))
        return ODataResponse(statusCode: status, headers: headers, body: body)
    }
}

extension ODataClient {
    /// Sends `batch` as one `multipart/mixed` `$batch` request and returns one result per request, in order.
    ///
    /// Parts answered 429 (a request, or a whole changeset) are sent again in a new batch after their
    /// `Retry-After`, within ``ODataClientConfiguration/maxAttempts`` and
    /// ``ODataClientConfiguration/maxRetryDuration``. A failed changeset gives each of its requests the
    /// changeset's error response; ``ODataBatchResult/get(serviceRoot:)`` turns a result into a response or an error.
    public func batch(_ batch: ODataBatch) async throws -> [ODataBatchResult] {
        let prepared = batch.withContentIDs()
        var results: [[ODataBatchResult]?] = Array(repeating: nil, count: prepared.parts.count)
        var pending = Array(prepared.parts.indices)
        let started = Date()
        var attempt = 0
        while !pending.isEmpty {
            attempt += 1
            let round = ODataBatch(pending.map { prepared.parts[$0] })
            let answers = try await sendBatch(round)
            var throttled: [Int] = []
            var retryAfter: String?
            for (position, partIndex) in pending.enumerated() {
                let answer = answers[position]
                if let throttledResponse = answer.first(where: { $0.response.statusCode == 429 }) {
                    throttled.append(partIndex)
                    retryAfter = retryAfter ?? throttledResponse.response.header("retry-after")
                }
                results[partIndex] = answer
            }
            guard !throttled.isEmpty, attempt < configuration.maxAttempts else { break }
            let delay = configuration.retryDelay(attempt: attempt, retryAfter: retryAfter)
            guard Date().timeIntervalSince(started) + delay <= configuration.maxRetryDuration else { break }
            do {
                try await configuration.sleep(delay)
            } catch {
                throw ODataError.cancelled
            }
            pending = throttled
        }
        return results.flatMap { $0 ?? [] }
    }

    /// One `$batch` round trip: results grouped per top-level part.
    func sendBatch(_ batch: ODataBatch) async throws -> [[ODataBatchResult]] {
        let boundary = "batch_\(UUID().uuidString)"
        let url = serviceRoot.appendingPathComponent("$batch")
        let request = ODataRequest(
            method: "POST", url: url,
            headers: [
                "Content-Type": "multipart/mixed; boundary=\(boundary)",
                "Accept": "multipart/mixed",
                "Prefer": "odata.continue-on-error",
            ],
            body: batch.encode(boundary: boundary, serviceRoot: serviceRoot))
        let response = try await send(request)
        do {
            return try Self.parseBatchResponse(response, for: batch)
        } catch let error as ODataError {
            if case .invalidResponse(let message, nil) = error { throw ODataError.invalidResponse(message, url: url) }
            throw error
        }
    }

    /// Matches a `$batch` response to the parts of `batch`.
    static func parseBatchResponse(_ response: ODataResponse, for batch: ODataBatch) throws -> [[ODataBatchResult]] {
        guard let boundary = ODataMultipart.boundary(ofContentType: response.header("content-type")) else {
            throw ODataError.invalidResponse(
                "the $batch answer is \"\(response.header("content-type") ?? "without Content-Type")\", "
                    + "not multipart/mixed with a boundary", url: nil)
        }
        let parts = try ODataMultipart.split(response.body, boundary: boundary)
        guard parts.count >= batch.parts.count else {
            throw ODataError.invalidResponse(
                "the $batch answer has \(parts.count) part\(parts.count == 1 ? "" : "s") for \(batch.parts.count) "
                    + "request\(batch.parts.count == 1 ? "" : "s") and changesets", url: nil)
        }
        var grouped: [[ODataBatchResult]] = []
        for (index, part) in batch.parts.enumerated() {
            let answer = parts[index]
            switch part {
            case .request(let request):
                grouped.append([ODataBatchResult(request: request, response: try ODataMultipart.httpResponse(answer))])
            case .changeset(let requests):
                if let inner = ODataMultipart.boundary(ofContentType: answer.headers["content-type"]),
                    answer.headers["content-type"]?.lowercased().hasPrefix("multipart/") == true
                {
                    let innerParts = try ODataMultipart.split(answer.body, boundary: inner)
                    var byID: [String: ODataResponse] = [:]
                    var inOrder: [ODataResponse] = []
                    for innerPart in innerParts {
                        let innerResponse = try ODataMultipart.httpResponse(innerPart)
                        inOrder.append(innerResponse)
                        if let id = innerPart.headers["content-id"] { byID[id] = innerResponse }
                    }
                    if inOrder.count == 1, requests.count > 1, !inOrder[0].isSuccess {
                        grouped.append(requests.map { ODataBatchResult(request: $0, response: inOrder[0]) })
                        continue
                    }
                    guard inOrder.count == requests.count else {
                        throw ODataError.invalidResponse(
                            "a changeset of \(requests.count) requests was answered with \(inOrder.count) parts", url: nil)
                    }
                    grouped.append(
                        requests.enumerated().map { position, request in
                            let matched = request.contentID.flatMap { byID[$0] } ?? inOrder[position]
                            return ODataBatchResult(request: request, response: matched)
                        })
                } else {
                    // A failed changeset is answered with one response.
                    let single = try ODataMultipart.httpResponse(answer)
                    grouped.append(requests.map { ODataBatchResult(request: $0, response: single) })
                }
            }
        }
        return grouped
    }
}
