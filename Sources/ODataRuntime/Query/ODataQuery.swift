import Foundation

/// A query on a collection (an entity set, or a collection reached by navigation): typed `filter`, `select`,
/// `expand`, `orderBy`, `top`, `skip`, `count`, custom options. Every builder returns a new query; ``url`` is the
/// request URL.
///
/// `Row` is what a response row decodes to: the entity type, or ``ODataPartial`` after `select` (a response to a
/// `$select` lacks the unselected properties, including non-nullable ones, so it cannot decode as the entity).
public struct ODataQuery<Entity: ODataEntityType, Row: Decodable & Sendable>: Sendable {
    /// The service the query goes to.
    public let context: ODataServiceContext
    /// The resource path relative to the service root, percent-encoded (`CustomersV3`,
    /// `CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')/SalesOrderHeaders`).
    public let path: String
    /// The query options.
    public var options: ODataQueryOptions

    /// A query on the collection at `path` (percent-encoded, relative to the service root).
    public init(context: ODataServiceContext, path: String, options: ODataQueryOptions = ODataQueryOptions()) {
        self.context = context
        self.path = path
        self.options = options
    }

    /// A query on an entity set.
    public init(context: ODataServiceContext, entitySet: String) {
        self.init(context: context, path: ODataURLEncoding.pathSegment(entitySet))
    }

    /// The request URL.
    public var url: URL { context.url(path, options.encodedPairs()) }

    /// The URL of `.../$count` with this query's filter (and `cross-company`, custom options).
    public var countURL: URL { context.url(path + "/$count", options.encodedPairs(forCount: true)) }

    private func with(_ change: (inout ODataQueryOptions) -> Void) -> ODataQuery {
        var copy = self
        change(&copy.options)
        return copy
    }

    /// Adds a filter (several filters are joined with `and`): `.filter { $0.creditLimit > 10_000 }`.
    public func filter(_ condition: (Entity.Fields) -> ODataFilter) -> ODataQuery {
        let f = condition(Entity.Fields(odataPathPrefix: ""))
        return with { $0.filters.append(f) }
    }

    /// Adds a filter expression.
    public func filter(_ condition: ODataFilter) -> ODataQuery { with { $0.filters.append(condition) } }

    /// Selects properties; the rows become ``ODataPartial`` projections whose properties read as optionals.
    public func select<each V>(_ fields: repeat KeyPath<Entity.Fields, ODataField<each V, Entity.Profile>>)
        -> ODataQuery<Entity, ODataPartial<Entity>>
    {
        let all = Entity.Fields(odataPathPrefix: "")
        var paths: [String] = options.select
        for field in repeat each fields { paths.append(all[keyPath: field].path) }
        var options = self.options
        options.select = paths
        return ODataQuery<Entity, ODataPartial<Entity>>(context: context, path: path, options: options)
    }

    /// Expands a single-valued navigation property.
    public func expand<N: ODataFieldSet>(_ navigation: KeyPath<Entity.Fields, N>) -> ODataQuery {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].odataNavigationPath
        return with { $0.expand.append(item) }
    }

    /// Expands a collection-valued navigation property.
    public func expand<T>(_ navigation: KeyPath<Entity.Fields, ODataCollectionNavigation<T>>) -> ODataQuery {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].path
        return with { $0.expand.append(item) }
    }

    /// Orders by a property (call again for further keys).
    public func orderBy<V>(_ field: KeyPath<Entity.Fields, ODataField<V, Entity.Profile>>,
                           _ order: ODataSortOrder = .ascending) -> ODataQuery {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: field].path + (order == .descending ? " desc" : "")
        return with { $0.orderBy.append(item) }
    }

    /// At most `count` rows (`$top`).
    public func top(_ count: Int) -> ODataQuery { with { $0.top = count } }

    /// Skips `count` rows (`$skip`).
    public func skip(_ count: Int) -> ODataQuery { with { $0.skip = count } }

    /// Asks for the total count with the rows (`$count=true`); read it from the first page.
    public func count(_ include: Bool) -> ODataQuery { with { $0.count = include } }

    /// Adds a custom query option (`name=value`, both percent-encoded).
    public func option(_ name: String, _ value: String) -> ODataQuery {
        with { $0.custom.append(ODataQueryOptions.CustomOption(name: name, value: value)) }
    }

    /// The entity with a key predicate in this collection.
    public func key(predicate: ODataKeyPredicate) -> ODataEntityRequest<Entity, Entity> {
        ODataEntityRequest(context: context, path: path + predicate.encoded)
    }
}

extension ODataQuery where Entity: ODataKeyedEntity {
    /// The entity with `key` in this collection.
    public func key(_ key: Entity.Key) -> ODataEntityRequest<Entity, Entity> { request(forKey: key) }

    /// The entity with `key` in this collection (what generated `key(...)` methods call: a name no generated
    /// method overloads, so the type checker does not weigh thousands of `key` overloads per call).
    public func request(forKey key: Entity.Key) -> ODataEntityRequest<Entity, Entity> {
        ODataEntityRequest(context: context, path: path + key.keyPredicate.encoded)
    }
}

extension ODataQuery where Entity: ODataCompanySpecific {
    /// Reads all companies (`cross-company=true`). Without it F&O reads only the caller's default company, also
    /// when the filter names other `dataAreaId` values: the option is never added implicitly.
    public func crossCompany(_ enabled: Bool = true) -> ODataQuery { with { $0.crossCompany = enabled } }
}

extension ODataQuery where Entity.Profile == ODataGenericProfile {
    /// Expands a single-valued navigation property with nested options (generic OData v4 only; F&O has one level).
    public func expand<N: ODataFieldSet>(_ navigation: KeyPath<Entity.Fields, N>,
                                         _ nested: (ODataExpandOptions<N.Entity>) -> ODataExpandOptions<N.Entity>) -> ODataQuery {
        let name = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].odataNavigationPath
        let item = nested(ODataExpandOptions<N.Entity>()).item(name)
        return with { $0.expand.append(item) }
    }

    /// Expands a collection-valued navigation property with nested options (generic OData v4 only).
    public func expand<T>(_ navigation: KeyPath<Entity.Fields, ODataCollectionNavigation<T>>,
                          _ nested: (ODataExpandOptions<T>) -> ODataExpandOptions<T>) -> ODataQuery {
        let name = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].path
        let item = nested(ODataExpandOptions<T>()).item(name)
        return with { $0.expand.append(item) }
    }
}
