/// What a name becomes in Swift; decides the case convention and how keywords are handled.
///
/// | kind | convention | keywords |
/// |---|---|---|
/// | `type` | UpperCamelCase (`customerV3` → `CustomerV3`) | renamed with a trailing `_` (`Type` → `Type_`) |
/// | `member` | lowerCamelCase (`CustomerAccount` → `customerAccount`, `ID` → `id`) | backticks (`` `default` ``), except `self`, `Self`, `Type`, `Protocol`, `init`, `_`, which are renamed (`self_`) |
/// | `enumCase` | like `member`, but a name without lowercase letters is kept as written (`GMT_CASABLANCA`) | like `member` |
public enum NameKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A type: entity, complex, enum and type-definition types, and other module-level declarations.
    case type
    /// A property, navigation property, method (operation), parameter, entity set or singleton accessor.
    case member
    /// A case of a generated enum (an EDM enum member).
    case enumCase

    /// `type`, `member` or `enum case`.
    public var description: String {
        switch self {
        case .type: return "type"
        case .member: return "member"
        case .enumCase: return "enum case"
        }
    }
}
