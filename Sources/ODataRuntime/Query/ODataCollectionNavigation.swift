import Foundation

/// A collection-valued navigation property: filter with `any`/`all` (generic profile), expand, navigate.
public struct ODataCollectionNavigation<Target: ODataEntityType>: Sendable {
    /// The navigation property's path (`SalesOrderHeaders`, or with its prefix).
    public let path: String

    /// A navigation property reached through `prefix`.
    public init(_ prefix: String, _ name: String) { path = prefix + name }
}

extension ODataCollectionNavigation where Target.Profile == ODataGenericProfile {
    /// `Path/any(d:condition)`: some related entity matches.
    public func any(_ condition: (Target.Fields) -> ODataFilter) -> ODataFilter {
        ODataFilter(path + "/any(d:" + condition(Target.Fields(odataPathPrefix: "d/")).text + ")")
    }
    /// `Path/any()`: there is at least one related entity.
    public func any() -> ODataFilter { ODataFilter(path + "/any()") }
    /// `Path/all(d:condition)`: every related entity matches.
    public func all(_ condition: (Target.Fields) -> ODataFilter) -> ODataFilter {
        ODataFilter(path + "/all(d:" + condition(Target.Fields(odataPathPrefix: "d/")).text + ")")
    }
}
