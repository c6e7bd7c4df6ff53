/// The Swift names of one scope: one `SwiftName` per entry, in the order the entries were given, the notes on every
/// rename and the errors of overrides that could not be used.
public struct ScopeNaming: Sendable, Hashable {
    /// The scope.
    public var scope: NamingScope
    /// One name per entry, in entry order; each holds the Swift identifier and the EDM name.
    public var names: [SwiftName]
    /// What was renamed and why, in entry order.
    public var notes: [NamingNote]
    /// Overrides that could not be used, in entry order.
    public var errors: [NamingError]
    private var indexByEDMName: [String: Int]

    /// Creates a result.
    public init(scope: NamingScope, names: [SwiftName], notes: [NamingNote] = [], errors: [NamingError] = []) {
        self.scope = scope
        self.names = names
        self.notes = notes
        self.errors = errors
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name.edmName] == nil {
            index[name.edmName] = i
        }
        indexByEDMName = index
    }

    /// The name of the first entry with this EDM name (exact spelling), or nil.
    public subscript(edmName: String) -> SwiftName? {
        indexByEDMName[edmName].map { names[$0] }
    }
}
