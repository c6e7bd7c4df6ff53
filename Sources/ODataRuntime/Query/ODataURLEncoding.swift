import Foundation

/// Percent-encoding of OData URL parts.
///
/// Literals are built unencoded (``ODataLiteralRepresentable/odataLiteral``) and encoded once, for the place they
/// go. Only RFC 3986 unreserved characters and the delimiters OData syntax needs stay raw; everything else,
/// including every character that breaks F&O routing (`/ \ + # % & ? space`), is written as `%XX` (UTF-8).
public enum ODataURLEncoding {
    /// Characters kept raw in a path segment (a key predicate): unreserved, and `' ( ) , = : @ ! $ * ;`.
    static let pathAllowed: [Bool] = table("-._~'(),=:@!$*;")
    /// Characters kept raw in a query option value: unreserved, and `' ( ) , : @ ! $ * / ; =` (`=` for nested `$expand` options).
    /// `&`, `+`, `#`, `%`, `?` and space are always encoded.
    static let queryAllowed: [Bool] = table("-._~'(),:@!$*/;=")

    private static func table(_ extra: String) -> [Bool] {
        var allowed = [Bool](repeating: false, count: 128)
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { allowed[Int(c)] = true }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { allowed[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { allowed[Int(c)] = true }
        for c in extra.utf8 { allowed[Int(c)] = true }
        return allowed
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encode(_ text: String, allowed: [Bool]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte < 128 && allowed[Int(byte)] {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes a path segment (an entity set name with its key predicate, a navigation property, an operation).
    public static func pathSegment(_ text: String) -> String { encode(text, allowed: pathAllowed) }

    /// Encodes a query option value (`$filter` expression, custom option value): `+` never appears raw.
    public static func queryValue(_ text: String) -> String { encode(text, allowed: queryAllowed) }

    /// Encodes a query option name (custom options; system options start with `$`, kept raw).
    public static func queryName(_ text: String) -> String { encode(text, allowed: nameAllowed) }

    /// Characters kept raw in a custom query option name: unreserved only.
    static let nameAllowed: [Bool] = table("-._~")
}
