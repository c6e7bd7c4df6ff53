import Foundation

/// One entity addressed by key (or a single-valued navigation): `select`, `expand`, navigation, and (with a
/// client) `fetch`, `update`, `delete`, bound operations.
public struct ODataEntityRequest<Entity: ODataEntityType, Row: Decodable & Sendable>: Sendable {
    /// The service the request goes to.
    public let context: ODataServiceContext
    /// The resource path relative to the service root, percent-encoded.
    public let path: String
    /// `$select` and `$expand` (other options do not apply to one entity).
    public var options: ODataQueryOptions

    /// A request for the entity at `path`.
    public init(context: ODataServiceContext, path: String, options: ODataQueryOptions = ODataQueryOptions()) {
        self.context = context
        self.path = path
        self.options = options
    }

    /// The request URL.
    public var url: URL { context.url(path, options.encodedPairs()) }

    /// The URL without query options (the target of PATCH and DELETE).
    public var entityURL: URL { context.url(path, []) }

    /// Selects properties; the result becomes an ``ODataPartial``.
    public func select<each V>(_ fields: repeat KeyPath<Entity.Fields, ODataField<each V, Entity.Profile>>)
        -> ODataEntityRequest<Entity, ODataPartial<Entity>>
    {
        let all = Entity.Fields(odataPathPrefix: "")
        var options = self.options
        for field in repeat each fields { options.select.append(all[keyPath: field].path) }
        return ODataEntityRequest<Entity, ODataPartial<Entity>>(context: context, path: path, options: options)
    }

    /// Expands a single-valued navigation property.
    public func expand<N: ODataFieldSet>(_ navigation: KeyPath<Entity.Fields, N>) -> ODataEntityRequest {
        var copy = self
        copy.options.expand.append(Entity.Fields(odataPathPrefix: "")[keyPath: navigation].odataNavigationPath)
        return copy
    }

    /// Expands a collection-valued navigation property.
    public func expand<T>(_ navigation: KeyPath<Entity.Fields, ODataCollectionNavigation<T>>) -> ODataEntityRequest {
        var copy = self
        copy.options.expand.append(Entity.Fields(odataPathPrefix: "")[keyPath: navigation].path)
        return copy
    }

    /// The related entity of a single-valued navigation property: `.navigate(\.customer)`.
    public func navigate<N: ODataFieldSet>(_ navigation: KeyPath<Entity.Fields, N>) -> ODataEntityRequest<N.Entity, N.Entity> {
        let name = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].odataNavigationPath
        return ODataEntityRequest<N.Entity, N.Entity>(context: context, path: path + "/" + ODataURLEncoding.pathSegment(name))
    }

    /// The related collection of a collection-valued navigation property: `.navigate(\.salesOrderHeaders)`.
    public func navigate<T>(_ navigation: KeyPath<Entity.Fields, ODataCollectionNavigation<T>>) -> ODataQuery<T, T> {
        let name = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].path
        return ODataQuery<T, T>(context: context, path: path + "/" + ODataURLEncoding.pathSegment(name))
    }
}
