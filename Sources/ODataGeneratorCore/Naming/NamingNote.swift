/// A report that a Swift name is not simply the EDM name in Swift's case convention: what was renamed, to what, and
/// why. Case conversion (`CustomerAccount` → `customerAccount`) and backtick escaping (`` `default` ``) are not
/// reported; everything else is, one note per reason.
public struct NamingNote: Sendable, Hashable, CustomStringConvertible {
    /// Why a name differs from the EDM name.
    public enum Reason: Sendable, Hashable {
        /// A naming override (its key: simple or qualified EDM name) gave the name.
        case overridden(key: String)
        /// Characters Swift does not allow in identifiers (`-`, `/`, spaces, ...) or invisible characters were
        /// removed; the words around a removed character are joined in camel case (`request-id` → `requestId`).
        case disallowedCharacters
        /// Leading underscores were removed (`_parentcustomerid_value` → `parentcustomerid_value`): in Swift they
        /// mark implementation details.
        case leadingUnderscores
        /// `_` was prepended because Swift identifiers cannot start with a digit or a combining mark (`0` → `_0`).
        case invalidStart
        /// Nothing usable was left (empty name, only spaces or punctuation): a placeholder (`unnamed`) was used.
        case empty
        /// The name was cut to this many UTF-8 bytes (type names become file names, limited to 255 bytes).
        case truncated(maximumUTF8Length: Int)
        /// The name was this Swift keyword, which backticks cannot make usable here, so `_` was appended.
        case keyword(String)
        /// The name was this member or type name of the generated code or runtime, so `_` was appended.
        case reservedName(String)
        /// Another name of the scope already had `plainName` (compared ignoring case unless configured otherwise);
        /// `keptBy` is its EDM name. The removed leading underscores were given back (`_purchaseOrder`) or, when
        /// that was taken too or there were none, a number was appended (`purchaseOrder2`).
        case collision(plainName: String, keptBy: String)

        /// What happened, in words.
        public var explanation: String {
            switch self {
            case .overridden(let key):
                return "set by the naming override for '\(key)'"
            case .disallowedCharacters:
                return "characters that Swift identifiers cannot contain were removed"
            case .leadingUnderscores:
                return "leading underscores were removed"
            case .invalidStart:
                return "'_' was prepended because a Swift identifier cannot start with a digit or a combining mark"
            case .empty:
                return "the name has no characters usable in a Swift identifier, so a placeholder is used"
            case .truncated(let limit):
                return "the name was shortened to at most \(limit) UTF-8 bytes"
            case .keyword(let word):
                return "'\(word)' is a Swift keyword that backticks cannot make usable here, so '_' was appended"
            case .reservedName(let name):
                return "'\(name)' is used by the generated code or the runtime, so '_' was appended"
            case .collision(let plainName, let keptBy):
                return "'\(plainName)' is already taken in this scope by '\(keptBy)'"
            }
        }
    }

    /// The scope the name belongs to.
    public var scope: NamingScope
    /// The EDM name, as written in the metadata.
    public var edmName: String
    /// The Swift name it got, escaped as it appears in code.
    public var swiftName: String
    /// Why it differs.
    public var reason: Reason

    /// Creates a note.
    public init(scope: NamingScope, edmName: String, swiftName: String, reason: Reason) {
        self.scope = scope
        self.edmName = edmName
        self.swiftName = swiftName
        self.reason = reason
    }

    /// The kind of name.
    public var kind: NameKind { scope.kind }

    /// E.g. `properties mscrm.feedback: member 'FeedbackId' is named 'feedbackId2' in Swift: 'feedbackId' is
    /// already taken ... To choose another name, add a naming override for 'FeedbackId'.`
    public var description: String {
        "\(scope): \(kind) '\(edmName)' is named '\(swiftName)' in Swift: \(reason.explanation)."
            + (isOverride ? "" : " To choose another name, add a naming override for '\(edmName)'.")
    }

    private var isOverride: Bool {
        if case .overridden = reason { return true }
        return false
    }
}
