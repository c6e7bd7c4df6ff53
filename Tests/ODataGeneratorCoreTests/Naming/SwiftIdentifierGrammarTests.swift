import Testing
import ODataGeneratorCore

/// The identifier grammar of the sources against the book's, written out in `BookIdentifierGrammar`.
@Suite("Swift identifier grammar")
struct SwiftIdentifierGrammarTests {
    @Test("head and continuation characters agree with the book, except what swiftc rejects")
    func agreesWithBook() {
        // Both sides are unions of ranges: every BMP code point, plus both sides of every range boundary above it.
        var values = Array(UInt32(0)...0xFFFF)
        for (low, high) in BookIdentifierGrammar.head + BookIdentifierGrammar.combining where high > 0xFFFF {
            values += [low - 1, low, low + 1, high - 1, high, high + 1]
        }
        values += [0x10FFFF, 0xE0000, 0xEFFFE, 0xEFFFF, 0xF0000]
        var disagreements: [String] = []
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let compilerRejects = BookIdentifierGrammar.rejectedByCompiler.contains(value)
            let bookHead = BookIdentifierGrammar.isHead(value) && !compilerRejects
            let bookCharacter = BookIdentifierGrammar.isCharacter(value) && !compilerRejects
            if SwiftIdentifierGrammar.isHead(scalar) != bookHead
                || SwiftIdentifierGrammar.isContinuation(scalar) != bookCharacter {
                disagreements.append(String(value, radix: 16))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test("the typecheck harness reports compiler errors", .enabled(if: SwiftcTypecheck.executable != nil, "no swiftc on the PATH"))
    func harness() throws {
        guard let (status, output) = try SwiftcTypecheck.run("let 3x = 1\n") else { return }
        #expect(status != 0)
        #expect(output.contains("error"))
        guard let (okStatus, _) = try SwiftcTypecheck.run("let _3x = 1\nlet größe = 2\nlet `default` = 3\n") else { return }
        #expect(okStatus == 0)
    }

    @Test("identifiers", arguments: [
        ("customer", true), ("_0", true), ("Größe", true), ("名前", true), ("🐶", true), ("a\u{301}", true),
        ("Pc_‿⁀⁔︳︴﹍﹎﹏＿", true), ("", false), ("0", false), ("\u{301}a", false), ("a-b", false), ("$0", false),
        ("a b", false), ("a\u{FFFD}", false), ("a\u{FFFC}", false), ("a\u{FFF8}", true),
    ])
    func identifiers(_ name: String, _ valid: Bool) {
        #expect(SwiftIdentifierGrammar.isValidIdentifier(name) == valid)
        #expect(BookIdentifierGrammar.isValid(name) == valid)
    }

    @Test("invisible characters", arguments: [
        ("\u{200B}", true), ("\u{202E}", true), ("\u{FEFF}", true), ("\u{00AD}", true), ("\u{FE0F}", true),
        ("a", false), ("_", false), ("ß", false), ("\u{301}", false),
    ])
    func invisible(_ text: String, _ expected: Bool) {
        #expect(SwiftIdentifierGrammar.isInvisible(text.unicodeScalars.first!) == expected)
    }
}
