/// A box that lets a struct contain a value of its own type, with value semantics.
///
/// A struct cannot hold itself (`struct Employee { var manager: Employee? }` has infinite size); generated code
/// writes `var manager: Indirect<Employee>?` instead, or uses the property wrapper form,
/// `@Indirect var manager: Employee?`. The box stores its value behind an `indirect` enum case: copying an
/// `Indirect` copies a reference, and setting ``value`` on one copy never changes another.
///
/// `Indirect` is `Sendable`, `Equatable`, `Hashable`, `Comparable`, `Encodable` and `Decodable` when its value is.
/// Its `Codable` form is the value's own (no wrapper object in JSON), and for the property wrapper form with an
/// optional value a missing key decodes to `nil` and `nil` is left out when encoding, as for a plain optional.
/// Members of the value can be read through the box: `employee.manager?.name`.
@propertyWrapper
@dynamicMemberLookup
public struct Indirect<Value> {
    fileprivate indirect enum Storage {
        case value(Value)
    }

    private var storage: Storage

    /// Boxes `value`.
    public init(_ value: Value) {
        self.storage = .value(value)
    }

    /// Boxes `wrappedValue` (the property wrapper form).
    public init(wrappedValue: Value) {
        self.storage = .value(wrappedValue)
    }

    /// The boxed value.
    public var value: Value {
        get {
            switch storage {
            case .value(let value): return value
            }
        }
        set {
            storage = .value(newValue)
        }
    }

    /// The boxed value (the property wrapper form).
    public var wrappedValue: Value {
        get { value }
        set { value = newValue }
    }

    /// A member of the boxed value.
    public subscript<Member>(dynamicMember keyPath: KeyPath<Value, Member>) -> Member {
        value[keyPath: keyPath]
    }

    /// A writable member of the boxed value.
    public subscript<Member>(dynamicMember keyPath: WritableKeyPath<Value, Member>) -> Member {
        get { value[keyPath: keyPath] }
        set { value[keyPath: keyPath] = newValue }
    }
}

extension Indirect: Sendable where Value: Sendable {}
extension Indirect.Storage: Sendable where Value: Sendable {}

extension Indirect: Equatable where Value: Equatable {
    /// Equal when the boxed values are equal.
    public static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs.value == rhs.value }
}

extension Indirect: Hashable where Value: Hashable {
    /// Hashes the boxed value.
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Indirect: Comparable where Value: Comparable {
    /// Orders by the boxed values.
    public static func < (lhs: Indirect, rhs: Indirect) -> Bool { lhs.value < rhs.value }
}

extension Indirect: Encodable where Value: Encodable {
    /// Encodes the boxed value as if it were not boxed.
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

extension Indirect: Decodable where Value: Decodable {
    /// Decodes the value as if it were not boxed.
    public init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }
}

extension Indirect: CustomStringConvertible {
    /// The boxed value's description.
    public var description: String { String(describing: value) }
}

extension KeyedDecodingContainer {
    /// Decodes an `@Indirect` optional property: a missing key or `null` is `nil`, as for a plain optional.
    public func decode<Wrapped: Decodable>(_ type: Indirect<Wrapped?>.Type, forKey key: Key) throws -> Indirect<Wrapped?> {
        Indirect(try decodeIfPresent(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// Encodes an `@Indirect` optional property, leaving the key out when the value is `nil`, as for a plain
    /// optional.
    public mutating func encode<Wrapped: Encodable>(_ value: Indirect<Wrapped?>, forKey key: Key) throws {
        try encodeIfPresent(value.value, forKey: key)
    }
}
