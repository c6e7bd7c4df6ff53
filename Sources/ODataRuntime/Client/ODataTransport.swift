import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Progress of a download: bytes written so far and the expected total (from `Content-Length`), when known.
public struct ODataDownloadProgress: Sendable, Hashable {
    /// Bytes written to the file so far.
    public var bytesWritten: Int64
    /// The size announced by the server, when it announced one.
    public var expectedBytes: Int64?

    /// Creates a progress report.
    public init(bytesWritten: Int64, expectedBytes: Int64?) {
        self.bytesWritten = bytesWritten
        self.expectedBytes = expectedBytes
    }
}

/// Sends HTTP requests. ``URLSessionTransport`` is the default; plug in another HTTP client (AsyncHTTPClient) or a
/// test double by conforming to this protocol.
///
/// The request the transport receives is complete: the client has already added the OData headers and
/// `Authorization`. Implementations must honour task cancellation (throw promptly when the task is cancelled).
public protocol ODataTransport: Sendable {
    /// Sends `request` and returns the status, headers and body. Throws only when no HTTP answer was received.
    func send(_ request: ODataRequest) async throws -> ODataResponse

    /// Sends `request` and streams a 2xx body into `file` (created or truncated), reporting progress; the returned
    /// response has an empty body for 2xx, and the body for other statuses (nothing written then).
    /// The default implementation receives the whole body with ``send(_:)`` and then writes it.
    func download(
        _ request: ODataRequest, to file: URL, progress: (@Sendable (ODataDownloadProgress) -> Void)?
    ) async throws -> ODataResponse
}

extension ODataTransport {
    /// Receives the body with ``send(_:)``, then writes it to `file`.
    public func download(
        _ request: ODataRequest, to file: URL, progress: (@Sendable (ODataDownloadProgress) -> Void)?
    ) async throws -> ODataResponse {
        var response = try await send(request)
        guard response.isSuccess else { return response }
        try response.body.write(to: file)
        progress?(ODataDownloadProgress(bytesWritten: Int64(response.body.count), expectedBytes: Int64(response.body.count)))
        response.body = Data()
        return response
    }
}

/// The `URLSession` transport: one data task per request, cancelled when the calling task is cancelled.
public struct URLSessionTransport: ODataTransport {
    /// The session used for requests.
    public let session: URLSession

    /// Uses `session` (by default an ephemeral session: no cookies, no cache).
    public init(session: URLSession? = nil) {
        if let session {
            self.session = session
        } else {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieAcceptPolicy = .never
            configuration.httpShouldSetCookies = false
            configuration.urlCache = nil
            self.session = URLSession(configuration: configuration)
        }
    }

    static func urlRequest(for request: ODataRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in ODataHeaders.sorted(request.headers) {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        if let timeout = request.timeout {
            // The client enforces the timeout itself; this is a backstop for other callers.
            urlRequest.timeoutInterval = timeout + 1
        }
        return urlRequest
    }

    static func headers(of response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            headers["\(name)".lowercased()] = "\(value)"
        }
        return headers
    }

    /// Sends `request` with a data task.
    public func send(_ request: ODataRequest) async throws -> ODataResponse {
        let urlRequest = Self.urlRequest(for: request)
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ODataResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let http = response as? HTTPURLResponse {
                        continuation.resume(
                            returning: ODataResponse(
                                statusCode: http.statusCode, headers: Self.headers(of: http), body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// Streams the body into `file` through a data delegate (memory bounded by the network buffers).
    public func download(
        _ request: ODataRequest, to file: URL, progress: (@Sendable (ODataDownloadProgress) -> Void)?
    ) async throws -> ODataResponse {
        let urlRequest = Self.urlRequest(for: request)
        let delegate = StreamingDelegate(file: file, progress: progress)
        let streamingSession = URLSession(
            configuration: session.configuration, delegate: delegate, delegateQueue: nil)
        defer { streamingSession.finishTasksAndInvalidate() }
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ODataResponse, any Error>) in
                delegate.setContinuation(continuation)
                let task = streamingSession.dataTask(with: urlRequest)
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }
}

/// Holds a task so a cancellation handler can cancel it, even when cancellation comes first.
final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false

    func set(_ task: URLSessionTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let current = task
        lock.unlock()
        current?.cancel()
    }
}

/// Writes a data task's body to a file as it arrives.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let file: URL
    private let progress: (@Sendable (ODataDownloadProgress) -> Void)?
    private var continuation: CheckedContinuation<ODataResponse, any Error>?
    private var handle: FileHandle?
    private var response: ODataResponse?
    private var errorBody = Data()
    private var written: Int64 = 0
    private var expected: Int64?
    private var failure: (any Error)?

    init(file: URL, progress: (@Sendable (ODataDownloadProgress) -> Void)?) {
        self.file = file
        self.progress = progress
    }

    func setContinuation(_ continuation: CheckedContinuation<ODataResponse, any Error>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let http = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            return
        }
        lock.lock()
        let answer = ODataResponse(statusCode: http.statusCode, headers: URLSessionTransport.headers(of: http))
        self.response = answer
        expected = http.expectedContentLength >= 0 ? http.expectedContentLength : nil
        if answer.isSuccess {
            if FileManager.default.createFile(atPath: file.path, contents: nil) {
                handle = FileHandle(forWritingAtPath: file.path)
            }
            if handle == nil {
                failure = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
        }
        let ok = failure == nil
        lock.unlock()
        completionHandler(ok ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        var report: ODataDownloadProgress?
        if let handle {
            do {
                try handle.write(contentsOf: data)
                written += Int64(data.count)
                report = ODataDownloadProgress(bytesWritten: written, expectedBytes: expected)
            } catch {
                failure = error
                dataTask.cancel()
            }
        } else if errorBody.count < 1_000_000 {
            errorBody.append(data)
        }
        lock.unlock()
        if let report { progress?(report) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        try? handle?.close()
        handle = nil
        let continuation = self.continuation
        self.continuation = nil
        var response = self.response
        response?.body = errorBody
        let failure = self.failure ?? error
        lock.unlock()
        if let failure {
            continuation?.resume(throwing: failure)
        } else if let response {
            continuation?.resume(returning: response)
        } else {
            continuation?.resume(throwing: URLError(.badServerResponse))
        }
    }
}
