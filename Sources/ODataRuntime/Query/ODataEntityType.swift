import Foundation

/// A generated entity type: what queries need to know about it.
public protocol ODataEntityType: Codable, Sendable {
    /// The typed property descriptors used by `filter`, `select`, `orderBy`, `expand` and navigation.
    associatedtype Fields: ODataFieldSet where Fields.Entity == Self
    /// The profile the code was generated for.
    associatedtype Profile: ODataProfile
    /// The qualified EDM name of the type.
    static var edmName: String { get }
    /// The `@odata.etag` the entity was read with (updated after a PATCH when the service sends an `ETag`).
    var odataEtag: String? { get set }
}

/// An entity type with a key every part of which is a stored property.
public protocol ODataKeyedEntity: ODataEntityType {
    /// The key type (one stored property per key part, in key order).
    associatedtype Key: ODataEntityKey
    /// This entity's key.
    var key: Key { get }
}

/// An entity type whose key contains `dataAreaId` (F&O company-specific data): its queries offer `crossCompany()`.
public protocol ODataCompanySpecific: ODataEntityType {}

/// The generated `Fields` struct of an entity type: one computed descriptor per property, prefixed by the path
/// it is reached through (`""` at the top, `"Customer/"` through a navigation property, `"d/"` in a lambda).
public protocol ODataFieldSet: Sendable {
    /// The entity type the fields belong to.
    associatedtype Entity: ODataEntityType
    /// The path prefix every descriptor starts with (empty, or ending with `/`).
    var odataPathPrefix: String { get }
    /// Makes the descriptors for a path prefix.
    init(odataPathPrefix: String)
}

extension ODataFieldSet {
    /// The path of the navigation property these fields were reached through (the prefix without its `/`).
    public var odataNavigationPath: String {
        odataPathPrefix.hasSuffix("/") ? String(odataPathPrefix.dropLast()) : odataPathPrefix
    }
}

/// Path building for generated descriptors (no operator expressions in generated code).
public enum ODataPath {
    /// `prefix + name`.
    public static func member(_ prefix: String, _ name: String) -> String { prefix + name }
    /// `prefix + name + "/"`: the prefix of a navigation property's fields.
    public static func navigation(_ prefix: String, _ name: String) -> String { prefix + name + "/" }
}
