/// Near misses for a name or glob that matched nothing ("did you mean CustomersV3?").
///
/// In order: names the pattern matches when letter case is ignored; otherwise names within a small edit distance
/// of the pattern (wildcards match freely; at most 3 edits and a quarter of the literal length, at least 1, none for
/// patterns of fewer than 3 literal characters); otherwise names sharing a long enough prefix with the pattern's
/// literal start (two thirds of it, at least 4 characters). Closest first, then the order of `candidates`.
public enum NameSuggestions {
    /// Up to `limit` names of `candidates` that `pattern` was probably meant to match.
    public static func suggestions(for pattern: GlobPattern, among candidates: [String], limit: Int = 5) -> [String] {
        guard limit > 0 else { return [] }
        var seen: Set<String> = []
        let unique = candidates.filter { seen.insert($0).inserted }
        let caseInsensitive = unique.filter { pattern.matchesIgnoringCase($0) }
        if !caseInsensitive.isEmpty { return Array(caseInsensitive.prefix(limit)) }

        let tokens = GlobPattern.compile(Array(pattern.text.lowercased()))
        let literalCount = pattern.literalText.count
        let maxDistance = literalCount < 3 ? 0 : min(3, max(1, literalCount / 4))
        let prefix = Array(pattern.literalPrefix.lowercased())
        let minPrefix = min(prefix.count, max(4, (prefix.count * 2 + 2) / 3))
        var scored: [(distance: Int, common: Int, order: Int, name: String)] = []
        for (order, name) in unique.enumerated() {
            let lower = Array(name.lowercased())
            let distance = globDistance(tokens, lower, limit: maxDistance)
            var common = 0
            while common < prefix.count, common < lower.count, prefix[common] == lower[common] { common += 1 }
            if distance <= maxDistance {
                scored.append((distance, common, order, name))
            } else if minPrefix > 0, common >= minPrefix {
                scored.append((maxDistance + 1, common, order, name))
            }
        }
        // Names within edit distance first; a shared prefix only when nothing is that close.
        if scored.contains(where: { $0.distance <= maxDistance }) {
            scored.removeAll { $0.distance > maxDistance }
        }
        scored.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.common != b.common { return a.common > b.common }
            return a.order < b.order
        }
        return scored.prefix(limit).map(\.name)
    }

    /// The Levenshtein distance between two strings (insertions, deletions, substitutions of characters).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        globDistance([], Array(b), limit: Int.max, literal: Array(a))
    }

    /// "A", "A or B", "A, B or C".
    public static func orList(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
        }
    }

    /// The fewest character edits that make `name` match `tokens` (a star matches any run for free, `?` and sets
    /// match one character for free). Stops early and returns a value above `limit` when every path exceeds it.
    /// When `literal` is given, it replaces `tokens` and is compared character by character.
    static func globDistance(_ tokens: [GlobPattern.Token], _ name: [Character], limit: Int,
                             literal: [Character]? = nil) -> Int {
        let pattern: [GlobPattern.Token] = literal.map { $0.map { .literal($0) } } ?? tokens
        var previous = Array(0...name.count)
        var current = [Int](repeating: 0, count: name.count + 1)
        for token in pattern {
            let isStar = token == .star
            current[0] = previous[0] + (isStar ? 0 : 1)
            var rowMin = current[0]
            for j in stride(from: 1, through: name.count, by: 1) {
                if isStar {
                    current[j] = min(previous[j], current[j - 1])
                } else {
                    let matches: Bool
                    switch token {
                    case .literal(let c): matches = c == name[j - 1]
                    case .any: matches = true
                    case .set(let ranges, let negated): matches = ranges.contains { $0.contains(name[j - 1]) } != negated
                    case .star: matches = true
                    }
                    current[j] = min(previous[j - 1] + (matches ? 0 : 1), previous[j] + 1, current[j - 1] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit == Int.max ? rowMin : limit + 1 }
            swap(&previous, &current)
        }
        return previous[name.count]
    }
}
