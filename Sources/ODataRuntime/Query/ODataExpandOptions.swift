import Foundation

/// Options inside `$expand=Nav(...)` (generic OData v4 only).
public struct ODataExpandOptions<Entity: ODataEntityType>: Sendable {
    var options = ODataQueryOptions()

    init() {}

    func item(_ name: String) -> String {
        let nested = options.nestedText
        return nested.isEmpty ? name : name + "(" + nested + ")"
    }

    private func with(_ change: (inout ODataQueryOptions) -> Void) -> ODataExpandOptions {
        var copy = self
        change(&copy.options)
        return copy
    }

    /// `$filter` on the related entities.
    public func filter(_ condition: (Entity.Fields) -> ODataFilter) -> ODataExpandOptions {
        let f = condition(Entity.Fields(odataPathPrefix: ""))
        return with { $0.filters.append(f) }
    }

    /// `$select` on the related entities.
    public func select<each V>(_ fields: repeat KeyPath<Entity.Fields, ODataField<each V, Entity.Profile>>) -> ODataExpandOptions {
        let all = Entity.Fields(odataPathPrefix: "")
        var paths: [String] = []
        for field in repeat each fields { paths.append(all[keyPath: field].path) }
        return with { $0.select += paths }
    }

    /// `$orderby` on the related entities.
    public func orderBy<V>(_ field: KeyPath<Entity.Fields, ODataField<V, Entity.Profile>>,
                           _ order: ODataSortOrder = .ascending) -> ODataExpandOptions {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: field].path + (order == .descending ? " desc" : "")
        return with { $0.orderBy.append(item) }
    }

    /// `$top` on the related entities.
    public func top(_ count: Int) -> ODataExpandOptions { with { $0.top = count } }

    /// `$skip` on the related entities.
    public func skip(_ count: Int) -> ODataExpandOptions { with { $0.skip = count } }

    /// A further level of expansion.
    public func expand<N: ODataFieldSet>(_ navigation: KeyPath<Entity.Fields, N>) -> ODataExpandOptions {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].odataNavigationPath
        return with { $0.expand.append(item) }
    }

    /// A further level of expansion (collection).
    public func expand<T>(_ navigation: KeyPath<Entity.Fields, ODataCollectionNavigation<T>>) -> ODataExpandOptions {
        let item = Entity.Fields(odataPathPrefix: "")[keyPath: navigation].path
        return with { $0.expand.append(item) }
    }
}
