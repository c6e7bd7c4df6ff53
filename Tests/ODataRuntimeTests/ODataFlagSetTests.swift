import Foundation
import Testing
import ODataRuntime

/// The members of an IsFlags enum type.
enum Permission: ODataEnum {
    case none
    case read
    case write
    case delete
    case unknown(String)

    static let qualifiedName = "Sample.Permission"
    static let members: ODataEnumMembers<Permission> = [(.none, "None", 0), (.read, "Read", 1), (.write, "Write", 2),
        (.delete, "Delete", 4)]
}

/// What the generator writes for the flags type.
typealias Permissions = ODataFlagSet<Permission>

/// A hand-written conformance, to check that the protocol's defaults are enough.
struct Rights: ODataFlags {
    let members: [Permission]
    init(members: [Permission]) { self.members = members }
}

@Suite("ODataFlags and ODataFlagSet")
struct ODataFlagSetTests {
    @Test("decodes and encodes the comma-separated form")
    func roundTrip() throws {
        let flags = try decodeJSON(Permissions.self, #""Read,Write""#)
        #expect(flags.members == [.read, .write])
        #expect(try encodeJSON(flags) == #""Read,Write""#)
        #expect(flags.description == "Read,Write")
    }

    @Test("unknown flags are kept and written back")
    func unknownFlags() throws {
        let flags = try decodeJSON(Permissions.self, #""Read,Approve,Write""#)
        #expect(flags.members == [.read, .unknown("Approve"), .write])
        #expect(try encodeJSON(flags) == #""Read,Approve,Write""#)
        #expect(flags.integerValue == nil)
    }

    @Test("spaces after commas (as .NET writes) and empty parts are accepted")
    func lenient() throws {
        #expect(try decodeJSON(Permissions.self, #""Read, Write""#) == [.read, .write])
        #expect(try decodeJSON(Permissions.self, #""Read,,Write,""#) == [.read, .write])
        #expect(try decodeJSON(Permissions.self, #""""#).isEmpty)
        #expect(try encodeJSON(Permissions()) == #""""#)
    }

    @Test("an integer value decomposes into the declared flags, or stays unknown")
    func integers() throws {
        #expect(try decodeJSON(Permissions.self, #""3""#) == [.read, .write])
        #expect(try decodeJSON(Permissions.self, "7") == [.read, .write, .delete])
        #expect(try decodeJSON(Permissions.self, #""0""#) == [.none])
        #expect(try decodeJSON(Permissions.self, #""8""#).members == [.unknown("8")])
        #expect(Permissions(rawValue: "Read,4").members == [.read, .delete])
    }

    @Test("set semantics: order and repeats do not matter for equality")
    func setSemantics() {
        let a: Permissions = [.read, .write]
        let b: Permissions = [.write, .read, .write]
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(b.members == [.write, .read])
        #expect(a.contains(.read))
        #expect(!a.contains(.delete))
        #expect(a.inserting(.delete).rawValue == "Read,Write,Delete")
        #expect(a.inserting(.read).rawValue == "Read,Write")
        #expect(a.removing(.read).rawValue == "Write")
        #expect(a.union([.delete, .read]).rawValue == "Read,Write,Delete")
        #expect(a.integerValue == 3)
    }

    @Test("URL literal")
    func literal() {
        let flags: Permissions = [.read, .write]
        #expect(flags.odataLiteral == "Sample.Permission'Read,Write'")
    }

    @Test("a hand-written conformance gets everything from the protocol")
    func customConformance() throws {
        let rights = try decodeJSON(Rights.self, #""Delete,Read""#)
        #expect(rights.members == [.delete, .read])
        #expect(rights == [.read, .delete])
        #expect(try encodeJSON(rights) == #""Delete,Read""#)
    }

    @Test("in a model")
    func inModel() throws {
        struct User: Codable, Equatable { var name: String; var rights: Permissions? }
        let user = try decodeJSON(User.self, #"{"name":"a","rights":"Write,Read"}"#)
        #expect(user.rights == [.read, .write])
        #expect(try decodeJSON(User.self, #"{"name":"a"}"#).rights == nil)
    }

    @Test("a value that is neither a string nor an integer is a clear error")
    func wrongType() {
        #expect(throws: DecodingError.self) { try decodeJSON(Permissions.self, "[1]") }
    }
}
