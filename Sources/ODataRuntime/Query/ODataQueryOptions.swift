/// The query options of a request, written in a fixed order: `$filter`, `$select`, `$expand`, `$orderby`, `$top`,
/// `$skip`, `$count`, `cross-company`, then custom options in the order they were added. Values are kept
/// unencoded and percent-encoded when the URL is written (``ODataURLEncoding/queryValue(_:)``).
public struct ODataQueryOptions: Sendable, Hashable {
    /// Filters, joined with `and`.
    public var filters: [ODataFilter] = []
    /// Selected property paths.
    public var select: [String] = []
    /// Expand items (`Customer`, or with nested options in the generic profile).
    public var expand: [String] = []
    /// Order-by items (`Name`, `CreditLimit desc`).
    public var orderBy: [String] = []
    /// `$top`.
    public var top: Int?
    /// `$skip`.
    public var skip: Int?
    /// `$count=true`.
    public var count: Bool = false
    /// `cross-company=true` (F&O).
    public var crossCompany: Bool = false
    /// Custom query options (name, value), e.g. F&O's `cross-company` is one of these made typed.
    public var custom: [CustomOption] = []

    /// A custom query option.
    public struct CustomOption: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// No options.
    public init() {}

    /// The combined filter expression, or nil.
    public var filterText: String? {
        guard var combined = filters.first else { return nil }
        for f in filters.dropFirst() { combined = combined.and(f) }
        return combined.text
    }

    /// The `name=value` pairs, encoded, in order.
    public func encodedPairs(forCount: Bool = false) -> [String] {
        var pairs: [String] = []
        func add(_ name: String, _ value: String) { pairs.append(name + "=" + ODataURLEncoding.queryValue(value)) }
        if let f = filterText { add("$filter", f) }
        if !forCount {
            if !select.isEmpty { add("$select", select.joined(separator: ",")) }
            if !expand.isEmpty { add("$expand", expand.joined(separator: ",")) }
            if !orderBy.isEmpty { add("$orderby", orderBy.joined(separator: ",")) }
            if let top { add("$top", String(top)) }
            if let skip { add("$skip", String(skip)) }
            if count { add("$count", "true") }
        }
        if crossCompany { add("cross-company", "true") }
        for c in custom { pairs.append(ODataURLEncoding.queryName(c.name) + "=" + ODataURLEncoding.queryValue(c.value)) }
        return pairs
    }

    /// The nested form used inside `$expand=Nav(...)`: options separated by `;`.
    var nestedText: String {
        var items: [String] = []
        if let f = filterText { items.append("$filter=" + f) }
        if !select.isEmpty { items.append("$select=" + select.joined(separator: ",")) }
        if !expand.isEmpty { items.append("$expand=" + expand.joined(separator: ",")) }
        if !orderBy.isEmpty { items.append("$orderby=" + orderBy.joined(separator: ",")) }
        if let top { items.append("$top=" + String(top)) }
        if let skip { items.append("$skip=" + String(skip)) }
        if count { items.append("$count=true") }
        return items.joined(separator: ";")
    }
}

/// The sort direction of an `orderBy` key.
public enum ODataSortOrder: Sendable, Hashable {
    case ascending, descending
}
