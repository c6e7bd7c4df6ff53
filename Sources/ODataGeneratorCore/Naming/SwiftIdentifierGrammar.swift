/// The characters Swift accepts in identifiers, from the grammar in The Swift Programming Language ("Lexical
/// Structure", "Identifiers"), with one correction measured on the compiler: U+FFF9...U+FFFD are inside the book's
/// range U+FE47...U+FFFD but `swiftc` rejects them ("invalid character in source file"), so they are excluded here.
/// `$` is not accepted (the compiler reserves `$`-names for implicit closure parameters and projected values).
public enum SwiftIdentifierGrammar {
    /// Non-ASCII ranges of `identifier-head`, sorted.
    static let headRanges: [ClosedRange<UInt32>] = [
        0x00A8...0x00A8, 0x00AA...0x00AA, 0x00AD...0x00AD, 0x00AF...0x00AF, 0x00B2...0x00B5, 0x00B7...0x00BA,
        0x00BC...0x00BE, 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x00FF,
        0x0100...0x02FF, 0x0370...0x167F, 0x1681...0x180D, 0x180F...0x1DBF,
        0x1E00...0x1FFF,
        0x200B...0x200D, 0x202A...0x202E, 0x203F...0x2040, 0x2054...0x2054, 0x2060...0x206F,
        0x2070...0x20CF, 0x2100...0x218F, 0x2460...0x24FF, 0x2776...0x2793,
        0x2C00...0x2DFF, 0x2E80...0x2FFF,
        0x3004...0x3007, 0x3021...0x302F, 0x3031...0x303F, 0x3040...0xD7FF,
        0xF900...0xFD3D, 0xFD40...0xFDCF, 0xFDF0...0xFE1F, 0xFE30...0xFE44,
        0xFE47...0xFFF8,  // the book says ...0xFFFD; swiftc rejects U+FFF9...U+FFFD
        0x10000...0x1FFFD, 0x20000...0x2FFFD, 0x30000...0x3FFFD, 0x40000...0x4FFFD,
        0x50000...0x5FFFD, 0x60000...0x6FFFD, 0x70000...0x7FFFD, 0x80000...0x8FFFD,
        0x90000...0x9FFFD, 0xA0000...0xAFFFD, 0xB0000...0xBFFFD, 0xC0000...0xCFFFD,
        0xD0000...0xDFFFD, 0xE0000...0xEFFFD,
    ]

    /// Non-ASCII ranges that `identifier-character` adds to `identifier-head` (combining marks).
    static let continuationOnlyRanges: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
    ]

    /// True when `scalar` may start an identifier (`identifier-head`): `A`-`Z`, `a`-`z`, `_`, or a listed range.
    public static func isHead(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        return contains(headRanges, v)
    }

    /// True when `scalar` may appear after the first character (`identifier-character`): a head character, a
    /// digit `0`-`9`, or a combining mark of the listed ranges.
    public static func isContinuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || isHead(scalar)
        }
        return contains(headRanges, v) || contains(continuationOnlyRanges, v)
    }

    /// True when `name` is a Swift identifier as written without backticks, keywords aside: not empty, a head
    /// character, then identifier characters. (Whether a keyword needs backticks is `SwiftKeywords`' business.)
    public static func isValidIdentifier(_ name: String) -> Bool {
        var scalars = name.unicodeScalars.makeIterator()
        guard let first = scalars.next(), isHead(first) else { return false }
        while let scalar = scalars.next() {
            if !isContinuation(scalar) { return false }
        }
        return true
    }

    /// True for invisible characters the naming layer drops even where the grammar allows them: Unicode
    /// default-ignorable code points (soft hyphen, zero-width space and joiners, bidirectional controls, variation
    /// selectors, the byte order mark, tag characters). They make names that look alike but differ, and bidirectional
    /// controls can make source read differently from how it compiles.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && scalar.properties.isDefaultIgnorableCodePoint
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
