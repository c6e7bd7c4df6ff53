import Foundation

/// Base64url (RFC 4648 section 5), the encoding of `Edm.Binary` values in URLs: `binary'T0RhdGE='` in a filter
/// or a key.
///
/// In JSON payloads `Edm.Binary` is plain base64, which `Data`'s `Codable` already reads and writes with
/// `JSONDecoder` and `JSONEncoder` defaults; use `Data` there and this type only for URLs.
///
/// Decoding follows the OData ABNF rule `binaryValue`: only `A-Z a-z 0-9 - _`, padding optional, and the unused
/// bits of a final partial group must be zero.
public enum ODataBase64URL {
    static let typeName = "Edm.Binary"
    static let expected = "base64url text (A-Z, a-z, 0-9, '-', '_', optional '=' padding), such as T0RhdGE="

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes `data` as base64url, with `=` padding unless `padded` is `false`.
    public static func encode(_ data: Data, padded: Bool = true) -> String {
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(alphabet[Int(group >> 6 & 0x3F)])
            output.append(alphabet[Int(group & 0x3F)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining == 1 {
            let group = UInt32(bytes[index]) << 16
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            if padded { output.append(contentsOf: Array("==".utf8)) }
        } else if remaining == 2 {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(alphabet[Int(group >> 6 & 0x3F)])
            if padded { output.append(UInt8(ascii: "=")) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64url text, with or without padding.
    /// - Throws: ``ODataLiteralError`` naming the first bad character, a wrong length or wrong padding.
    public static func decode(_ text: String) throws(ODataLiteralError) -> Data {
        var scanner = LiteralScanner(text, typeName: typeName, expected: expected)
        var values: [UInt8] = []
        values.reserveCapacity(scanner.bytes.count)
        while let byte = scanner.peek, byte != UInt8(ascii: "=") {
            guard let value = sextet(byte) else {
                if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") {
                    throw scanner.error("'\(Character(Unicode.Scalar(byte)))' belongs to plain base64; base64url uses '-' and '_'")
                }
                throw scanner.error("\(scanner.found) is not a base64url character")
            }
            values.append(value)
            scanner.position += 1
        }
        let padStart = scanner.position
        var padding = 0
        while scanner.consume(UInt8(ascii: "=")) { padding += 1 }
        try scanner.expectEnd("the padding")
        let partial = values.count % 4
        switch (partial, padding) {
        case (1, _):
            throw scanner.error("the length is not possible in base64url (one character left over)", at: padStart)
        case (0, 0), (2, 0), (2, 2), (3, 0), (3, 1):
            break
        default:
            throw scanner.error("\(padding) '=' do not fit after \(values.count) characters", at: padStart)
        }
        if partial == 2, let last = values.last, last & 0x0F != 0 {
            throw scanner.error("the last character carries bits that are not part of the data", at: padStart - 1)
        }
        if partial == 3, let last = values.last, last & 0x03 != 0 {
            throw scanner.error("the last character carries bits that are not part of the data", at: padStart - 1)
        }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 4 <= values.count {
            let group = UInt32(values[index]) << 18 | UInt32(values[index + 1]) << 12
                | UInt32(values[index + 2]) << 6 | UInt32(values[index + 3])
            output.append(UInt8(group >> 16 & 0xFF))
            output.append(UInt8(group >> 8 & 0xFF))
            output.append(UInt8(group & 0xFF))
            index += 4
        }
        if partial == 2 {
            output.append(values[index] << 2 | values[index + 1] >> 4)
        } else if partial == 3 {
            output.append(values[index] << 2 | values[index + 1] >> 4)
            output.append((values[index + 1] & 0x0F) << 4 | values[index + 2] >> 2)
        }
        return Data(output)
    }

    /// The 6-bit value of a base64url character.
    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
