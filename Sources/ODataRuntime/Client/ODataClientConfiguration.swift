import Foundation

/// What a hook sees of one HTTP exchange: the request as sent (secrets redacted), the response or error, and the
/// time it took.
public struct ODataExchange: Sendable {
    /// Whether the exchange was a service request or a token request to the identity provider.
    public enum Kind: Sendable, Hashable {
        /// A request to the OData service.
        case service
        /// A token request (its bodies are never shown: the request body holds the client secret and the
        /// response body the token).
        case token
    }

    /// The kind of exchange.
    public var kind: Kind
    /// The request as sent, with `Authorization` and other credential headers reading `REDACTED`.
    public var request: ODataRequest
    /// The response, when one was received (for token requests, without its body).
    public var response: ODataResponse?
    /// The error, when no response was received.
    public var error: ODataError?
    /// How long the exchange took, in seconds.
    public var duration: TimeInterval
    /// 1 for the first attempt, 2 for the first retry...
    public var attempt: Int
}

extension ODataExchange: CustomStringConvertible {
    /// One log line: `GET <url> -> 200 in 12 ms` (with the attempt when it is a retry, or the error).
    public var description: String {
        let milliseconds = Int((duration * 1000).rounded())
        var text = "\(kind == .token ? "token " : "")\(request.method) \(request.url.absoluteString) -> "
        if let response {
            text += "\(response.statusCode) in \(milliseconds) ms"
        } else if let error {
            text += "failed in \(milliseconds) ms: \(error)"
        }
        if attempt > 1 { text += " (attempt \(attempt))" }
        return text
    }
}

extension ODataClientConfiguration {
    /// An observer that writes one line per exchange (``ODataExchange/description``) with `write`, for example
    /// `configuration.observers.append(ODataClientConfiguration.logger { print($0) })`. Secrets are redacted.
    public static func logger(_ write: @escaping @Sendable (String) -> Void) -> ODataExchangeObserver {
        { exchange in write(exchange.description) }
    }
}

/// Changes a request before it is sent (after the standard headers, before `Authorization`).
public typealias ODataRequestMiddleware = @Sendable (_ request: inout ODataRequest) async throws -> Void

/// Observes every exchange (log timings, record traffic).
public typealias ODataExchangeObserver = @Sendable (_ exchange: ODataExchange) -> Void

/// Timeouts, retries, token renewal and hooks of an ``ODataClient``.
public struct ODataClientConfiguration: Sendable {
    /// Seconds to wait for each answer (a request's own ``ODataRequest/timeout`` wins). Default 100.
    public var timeout: TimeInterval = 100
    /// Attempts in all (the first included) for a request answered 429, or 503 when safe to repeat. Default 5.
    public var maxAttempts: Int = 5
    /// Longest time, in seconds from the first attempt, that retries may add; a retry whose wait would end later
    /// is not made. Default 300.
    public var maxRetryDuration: TimeInterval = 300
    /// First backoff, in seconds, when a 429/503 has no `Retry-After`; doubled each attempt. Default 1.
    public var initialBackoff: TimeInterval = 1
    /// Longest single backoff when there is no `Retry-After`, in seconds. Default 60.
    public var maxBackoff: TimeInterval = 60
    /// Renew a token this many seconds before it expires (at most half its lifetime). Default 300.
    public var tokenRenewalMargin: TimeInterval = 300
    /// Runs before each request is sent, in order; may change it (add a header...).
    public var requestMiddleware: [ODataRequestMiddleware] = []
    /// Sees every exchange, secrets redacted.
    public var observers: [ODataExchangeObserver] = []
    /// Waits between retries; tests replace it to record and shorten the waits. Must throw when the task is
    /// cancelled.
    public var sleep: @Sendable (_ seconds: TimeInterval) async throws -> Void = { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
    /// A random number in `0..<1` for jitter; tests replace it for repeatable waits.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// Makes the decoder for response bodies.
    public var makeDecoder: @Sendable () -> JSONDecoder = { JSONDecoder() }

    /// The defaults.
    public init() {}

    /// The wait before retry number `attempt` (1 = after the first attempt): `Retry-After` (seconds or an HTTP
    /// date) plus up to 10% jitter, else exponential backoff with jitter (between half and all of
    /// `initialBackoff * 2^(attempt-1)`, capped at `maxBackoff`).
    public func retryDelay(attempt: Int, retryAfter: String?, now: Date = Date()) -> TimeInterval {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            return seconds + seconds * 0.1 * random()
        }
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let base = min(maxBackoff, initialBackoff * pow(2, exponent))
        return base / 2 + base / 2 * random()
    }

    /// Seconds to wait for a `Retry-After` value: delta-seconds or an HTTP date (`nil` when neither).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return seconds }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }
}
