import Foundation

/// A call of an action (POST, parameters in a JSON body) or a function (GET, parameters as literals in the URL),
/// bound to an entity or a collection (`.../Namespace.Name`) or imported at the service root (`/ImportName`).
/// Generated methods return one; ``url`` and ``body()`` show what is sent, `invoke()` sends it.
public struct ODataOperation<Result: Decodable & Sendable>: Sendable {
    /// The service.
    public let context: ODataServiceContext
    /// The encoded path of the binding target (empty for imports).
    public let basePath: String
    /// The qualified operation name (bound) or the import name.
    public let name: String
    /// POST with a body (action) or GET (function).
    public let isAction: Bool
    /// True when the result comes as `{"value": ...}` (primitives, enums, collections).
    public let resultInValue: Bool
    private var urlParameters: [(name: String, literal: String)] = []
    private var bodyParameters: [(name: String, value: any Encodable & Sendable)] = []

    private init(context: ODataServiceContext, path: String, name: String, isAction: Bool, resultInValue: Bool) {
        self.context = context
        basePath = path
        self.name = name
        self.isAction = isAction
        self.resultInValue = resultInValue
    }

    /// An action call.
    public static func action(context: ODataServiceContext, path: String, name: String, resultInValue: Bool) -> ODataOperation {
        ODataOperation(context: context, path: path, name: name, isAction: true, resultInValue: resultInValue)
    }

    /// A function call.
    public static func function(context: ODataServiceContext, path: String, name: String, resultInValue: Bool) -> ODataOperation {
        ODataOperation(context: context, path: path, name: name, isAction: false, resultInValue: resultInValue)
    }

    /// Adds an action parameter (a member of the JSON body; nil is sent as `null`).
    public mutating func bodyParameter<T: Encodable & Sendable>(_ name: String, _ value: T) {
        bodyParameters.append((name, value))
    }

    /// Adds a function parameter (a literal in the URL: `Name(p='x')`).
    public mutating func urlParameter<T: ODataLiteralRepresentable>(_ name: String, _ value: T) {
        urlParameters.append((name, value.odataLiteral))
    }

    /// The HTTP method: `POST` for actions, `GET` for functions.
    public var method: String { isAction ? "POST" : "GET" }

    /// The request URL.
    public var url: URL {
        var segment = name
        if !isAction { segment += "(" + urlParameters.map { $0.name + "=" + $0.literal }.joined(separator: ",") + ")" }
        let encoded = ODataURLEncoding.pathSegment(segment)
        return context.url(basePath.isEmpty ? encoded : basePath + "/" + encoded, [])
    }

    /// The JSON body of an action (an object of its parameters; `{}` without parameters), nil for a function.
    public func body(encoder: JSONEncoder = JSONEncoder()) throws -> Data? {
        guard isAction else { return nil }
        var members: [ODataJSONValue.Member] = []
        for p in bodyParameters { members.append(ODataJSONValue.Member(p.name, try ODataJSONValue(encoding: p.value, using: encoder))) }
        return ODataJSONValue.object(members).jsonData
    }

    /// Decodes a response body: the `value` member for primitives, enums and collections, the body itself for an
    /// entity or complex result, nothing for ``ODataVoid``.
    public func decodeResult(_ data: Data, decoder: JSONDecoder = JSONDecoder()) throws -> Result {
        if Result.self == ODataVoid.self, let none = ODataVoid() as? Result { return none }
        if resultInValue { return try decoder.decode(ValueWrapper.self, from: data).value }
        return try decoder.decode(Result.self, from: data)
    }

    struct ValueWrapper: Decodable { let value: Result }
}

/// The result of an operation that returns nothing.
public struct ODataVoid: Decodable, Sendable, Hashable {
    /// Nothing.
    public init() {}
    /// Reads nothing (the response body, if any, is ignored).
    public init(from decoder: any Decoder) throws {}
}
