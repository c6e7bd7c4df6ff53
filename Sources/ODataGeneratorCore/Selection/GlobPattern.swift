/// A shell-style name pattern: `*` (any run of characters, also none), `?` (exactly one character),
/// `[abc]`, `[a-z]`, `[!abc]` or `[^abc]` (one character in or not in the set), `\x` (the character `x` itself).
///
/// Matching is anchored (the whole name must match) and case-sensitive, like OData names. A `[` without a closing
/// `]` stands for itself. Characters are compared as Swift `Character`s (extended grapheme clusters).
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// One element of a compiled pattern.
    enum Token: Sendable, Hashable {
        case literal(Character)
        case any
        case star
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    /// The pattern as written.
    public let text: String
    let tokens: [Token]

    /// Compiles `text`.
    public init(_ text: String) {
        self.text = text
        self.tokens = GlobPattern.compile(Array(text))
    }

    /// The pattern as written.
    public var description: String { text }

    /// True when the pattern has no wildcard: it matches exactly one name, itself.
    public var isLiteral: Bool {
        tokens.allSatisfy { if case .literal = $0 { return true } else { return false } }
    }

    /// The characters before the first wildcard, unescaped (`SalesOrder` for `SalesOrder*`).
    public var literalPrefix: String {
        var result = ""
        for token in tokens {
            guard case .literal(let c) = token else { break }
            result.append(c)
        }
        return result
    }

    /// The literal characters of the pattern with the wildcards left out (`SalesOrderV` for `SalesOrder*V?`); used to
    /// measure how close a name comes to a pattern that matches nothing.
    public var literalText: String {
        var result = ""
        for token in tokens {
            if case .literal(let c) = token { result.append(c) }
        }
        return result
    }

    /// True when `name` matches the whole pattern (case-sensitive).
    public func matches(_ name: String) -> Bool {
        GlobPattern.match(tokens, Array(name))
    }

    /// True when `name` matches the whole pattern with letter case ignored.
    public func matchesIgnoringCase(_ name: String) -> Bool {
        GlobPattern.match(GlobPattern.compile(Array(text.lowercased())), Array(name.lowercased()))
    }

    // MARK: - Compiling

    static func compile(_ chars: [Character]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                // Runs of stars are one star.
                if tokens.last != .star { tokens.append(.star) }
                i += 1
            case "?":
                tokens.append(.any)
                i += 1
            case "\\":
                if i + 1 < chars.count {
                    tokens.append(.literal(chars[i + 1]))
                    i += 2
                } else {
                    tokens.append(.literal("\\"))
                    i += 1
                }
            case "[":
                if let (set, next) = compileSet(chars, from: i) {
                    tokens.append(set)
                    i = next
                } else {
                    tokens.append(.literal("["))
                    i += 1
                }
            default:
                tokens.append(.literal(c))
                i += 1
            }
        }
        return tokens
    }

    /// Compiles the bracket expression starting at `chars[start] == "["`; nil when it has no closing `]`.
    private static func compileSet(_ chars: [Character], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < chars.count, chars[i] == "!" || chars[i] == "^" {
            negated = true
            i += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while i < chars.count {
            var c = chars[i]
            // A `]` right after `[` or `[!` is a member, not the end.
            if c == "]" && !first {
                return (.set(ranges: ranges, negated: negated), i + 1)
            }
            first = false
            if c == "\\", i + 1 < chars.count {
                i += 1
                c = chars[i]
            }
            if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] != "]" {
                var upper = chars[i + 2]
                var next = i + 3
                if upper == "\\", i + 3 < chars.count {
                    upper = chars[i + 3]
                    next = i + 4
                }
                ranges.append(c <= upper ? c...upper : upper...c)
                i = next
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    // MARK: - Matching

    /// Iterative matching with one backtrack point per star (the last one seen), linear in practice.
    static func match(_ tokens: [Token], _ name: [Character]) -> Bool {
        var t = 0
        var n = 0
        var starToken = -1
        var starName = 0
        while n < name.count {
            if t < tokens.count {
                switch tokens[t] {
                case .star:
                    starToken = t
                    starName = n
                    t += 1
                    continue
                case .any:
                    t += 1
                    n += 1
                    continue
                case .literal(let c):
                    if c == name[n] {
                        t += 1
                        n += 1
                        continue
                    }
                case .set(let ranges, let negated):
                    if ranges.contains(where: { $0.contains(name[n]) }) != negated {
                        t += 1
                        n += 1
                        continue
                    }
                }
            }
            // Mismatch: let the last star swallow one more character, or fail.
            guard starToken >= 0 else { return false }
            t = starToken + 1
            starName += 1
            n = starName
        }
        while t < tokens.count, tokens[t] == .star { t += 1 }
        return t == tokens.count
    }
}
