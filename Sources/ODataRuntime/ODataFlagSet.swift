/// The ready-made ``ODataFlags`` type: a set of members of an `IsFlags` enum, kept in order without repeats.
///
/// ```swift
/// let permissions: ODataFlagSet<Permission> = [.read, .write]   // "Read,Write" on the wire
/// ```
public struct ODataFlagSet<Member: ODataEnum>: ODataFlags {
    /// The members in the set, in order, without repeats.
    public let members: [Member]

    /// Makes a set from members; repeats are dropped, order is kept.
    public init(members: [Member]) {
        var seen = Set<Member>()
        self.members = members.filter { seen.insert($0).inserted }
    }
}
