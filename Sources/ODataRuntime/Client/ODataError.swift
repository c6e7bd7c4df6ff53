import Foundation

/// The error body an OData service sends with a failure:
/// `{"error":{"code":"...","message":"...","target":"...","details":[...],"innererror":{...}}}`.
public struct ODataServiceError: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The service-defined error code (may be empty; F&O often sends an empty code).
    public var code: String
    /// The human-readable message.
    public var message: String
    /// The target of the error (a property or parameter), when given.
    public var target: String?
    /// Further errors, when given.
    public var details: [ODataServiceError]
    /// The `innererror` object as sent (service-specific: F&O puts its exception chain here).
    public var innerError: ODataJSONValue?

    /// Creates an error body.
    public init(
        code: String, message: String, target: String? = nil, details: [ODataServiceError] = [],
        innerError: ODataJSONValue? = nil
    ) {
        self.code = code
        self.message = message
        self.target = target
        self.details = details
        self.innerError = innerError
    }

    private enum CodingKeys: String, CodingKey {
        case code, message, target, details, innerError = "innererror"
    }

    /// Decodes the inner object (`{"code":...,"message":...}`), tolerating a missing code or a non-string message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = (try? container.decodeIfPresent(String.self, forKey: .code)) ?? ""
        if let text = try? container.decodeIfPresent(String.self, forKey: .message) {
            message = text
        } else if let value = try? container.decodeIfPresent(ODataJSONValue.self, forKey: .message) {
            // OData 4.0 JSON (and some services) send {"lang":"en-US","value":"..."}.
            if case .object(let members) = value, let text = members.first(where: { $0.key == "value" })?.value,
                case .string(let string) = text
            {
                message = string
            } else {
                message = value.jsonText
            }
        } else {
            message = ""
        }
        target = try? container.decodeIfPresent(String.self, forKey: .target)
        details = (try? container.decodeIfPresent([ODataServiceError].self, forKey: .details)) ?? []
        innerError = try? container.decodeIfPresent(ODataJSONValue.self, forKey: .innerError)
    }

    /// Parses an error response body; `nil` when it is not an OData error object.
    public static func parse(_ body: Data) -> ODataServiceError? {
        struct Envelope: Decodable { var error: ODataServiceError }
        return try? JSONDecoder().decode(Envelope.self, from: body).error
    }

    /// `code: message` (or just the message when there is no code), with the target when given.
    public var description: String {
        var text = code.isEmpty ? message : "\(code): \(message)"
        if let target, !target.isEmpty { text += " (target \(target))" }
        return text
    }
}

/// What the service answered to a failed request: status, request line, decoded OData error, body excerpt.
public struct ODataHTTPFailure: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// The request method.
    public var method: String
    /// The request URL.
    public var url: URL
    /// The decoded OData error body, when the body was one.
    public var serviceError: ODataServiceError?
    /// The response headers (names lower-cased).
    public var headers: [String: String]
    /// The beginning of the body when it was not an OData error (at most 500 characters).
    public var bodyExcerpt: String?

    /// Creates a failure from a response to `request`.
    public init(request: ODataRequest, response: ODataResponse) {
        statusCode = response.statusCode
        method = request.method
        url = request.url
        headers = response.headers
        serviceError = ODataServiceError.parse(response.body)
        if serviceError == nil, !response.body.isEmpty {
            let text = String(decoding: response.body.prefix(2000), as: UTF8.self)
            bodyExcerpt = text.count > 500 ? String(text.prefix(500)) + "…" : text
        } else {
            bodyExcerpt = nil
        }
    }

    /// `HTTP 500 for GET <url>: code: message`.
    public var description: String {
        var text = "HTTP \(statusCode) for \(method) \(url.absoluteString)"
        if let serviceError {
            text += ": \(serviceError)"
        } else if let bodyExcerpt, !bodyExcerpt.isEmpty {
            text += ": \(bodyExcerpt)"
        }
        return text
    }
}

/// The one error the OData client throws, with cases a caller can act on.
public enum ODataError: Error, Sendable, CustomStringConvertible {
    /// 400 and other failures without a case of their own.
    case http(ODataHTTPFailure)
    /// 401: the credentials were refused (after one token refresh when the authentication can refresh).
    case unauthorized(ODataHTTPFailure)
    /// 403: authenticated but not allowed (in F&O: the Entra ID application is not registered or lacks roles).
    case forbidden(ODataHTTPFailure)
    /// 404: no such entity, set or route.
    case notFound(ODataHTTPFailure)
    /// 412: the entity changed since its `@odata.etag` was read (a concurrency conflict).
    case preconditionFailed(ODataHTTPFailure)
    /// 429 or 503 still answered after the retries allowed by ``ODataClientConfiguration``.
    case throttled(ODataHTTPFailure, attempts: Int)
    /// A body could not be decoded: `path` is the JSON coding path (for example `value[3].CreditLimit`).
    case decoding(path: String, message: String, url: URL?)
    /// The answer was not what the protocol requires (for example a `$count` that is not an integer, or a
    /// malformed `$batch` response).
    case invalidResponse(String, url: URL?)
    /// The request could not be sent or the answer not received (connection refused, DNS, TLS...).
    case transport(String, url: URL?)
    /// No answer within the timeout.
    case timedOut(method: String, url: URL, seconds: TimeInterval)
    /// The token could not be obtained (the token endpoint failed or answered without a token).
    case authentication(String)
    /// The task was cancelled.
    case cancelled

    /// The HTTP failure of the HTTP cases.
    public var httpFailure: ODataHTTPFailure? {
        switch self {
        case .http(let failure), .unauthorized(let failure), .forbidden(let failure), .notFound(let failure),
            .preconditionFailed(let failure), .throttled(let failure, _):
            return failure
        default:
            return nil
        }
    }

    /// The HTTP status code, for the HTTP cases.
    public var statusCode: Int? { httpFailure?.statusCode }

    /// The decoded OData error body, for the HTTP cases whose body was one.
    public var serviceError: ODataServiceError? { httpFailure?.serviceError }

    /// The error for a non-2xx `response` to `request` (429/503 give ``throttled(_:attempts:)``).
    public static func from(request: ODataRequest, response: ODataResponse, attempts: Int = 1) -> ODataError {
        let failure = ODataHTTPFailure(request: request, response: response)
        switch response.statusCode {
        case 401: return .unauthorized(failure)
        case 403: return .forbidden(failure)
        case 404: return .notFound(failure)
        case 412: return .preconditionFailed(failure)
        case 429, 503: return .throttled(failure, attempts: attempts)
        default: return .http(failure)
        }
    }

    /// The `DecodingError` as a ``decoding(path:message:url:)`` error, with its coding path as text.
    public static func from(_ error: DecodingError, url: URL? = nil) -> ODataError {
        let context: DecodingError.Context
        let message: String
        switch error {
        case .typeMismatch(let type, let ctx):
            context = ctx
            message = "expected \(type): \(ctx.debugDescription)"
        case .valueNotFound(let type, let ctx):
            context = ctx
            message = "missing \(type) value: \(ctx.debugDescription)"
        case .keyNotFound(let key, let ctx):
            context = DecodingError.Context(codingPath: ctx.codingPath + [key], debugDescription: ctx.debugDescription)
            message = "missing key \"\(key.stringValue)\""
        case .dataCorrupted(let ctx):
            context = ctx
            var text = ctx.debugDescription
            if let underlying = ctx.underlyingError {
                text += " (\(underlying))"
            }
            message = text
        @unknown default:
            return .decoding(path: "", message: "\(error)", url: url)
        }
        return .decoding(path: codingPathText(context.codingPath), message: message, url: url)
    }

    /// `value[3].CreditLimit` for a coding path.
    static func codingPathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }

    /// A one-line explanation naming the request and what to do.
    public var description: String {
        switch self {
        case .http(let failure):
            return failure.description
        case .unauthorized(let failure):
            return "unauthorized: \(failure) (check the credentials; for F&O, register the client ID under "
                + "System administration > Setup > Microsoft Entra ID applications)"
        case .forbidden(let failure):
            return "forbidden: \(failure) (the caller lacks the rights for this request)"
        case .notFound(let failure):
            return "not found: \(failure)"
        case .preconditionFailed(let failure):
            return "precondition failed (the entity changed since its ETag was read): \(failure)"
        case .throttled(let failure, let attempts):
            return "throttled after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(failure)"
        case .decoding(let path, let message, let url):
            let location = path.isEmpty ? "the top level" : path
            return "cannot decode the response\(url.map { " of \($0.absoluteString)" } ?? "") at \(location): \(message)"
        case .invalidResponse(let message, let url):
            return "invalid response\(url.map { " of \($0.absoluteString)" } ?? ""): \(message)"
        case .transport(let message, let url):
            return "transport error\(url.map { " for \($0.absoluteString)" } ?? ""): \(message)"
        case .timedOut(let method, let url, let seconds):
            return "timed out after \(seconds) s waiting for \(method) \(url.absoluteString)"
        case .authentication(let message):
            return "authentication failed: \(message)"
        case .cancelled:
            return "cancelled"
        }
    }
}
