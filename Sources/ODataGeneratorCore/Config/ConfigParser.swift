import ODataCSDL
import Yams

extension GeneratorConfig {
    /// Reads a config file's text. `file` is the path used in diagnostics (and its last component in messages).
    ///
    /// Every problem is an error located at the key or value it is about: YAML syntax errors, unknown keys (with the
    /// nearest known key suggested), values of the wrong kind, values not allowed, duplicate keys. An empty file (or
    /// one with only comments) is all defaults. Keys written with no value (`metadata:`) are not set.
    /// Returns nil as the configuration when there are errors.
    public static func parse(yaml: String, file: String) -> (config: GeneratorConfig?, diagnostics: [Diagnostic]) {
        var parser = ConfigParser(file: file, yaml: yaml)
        let config = parser.run(schema: schema)
        return (parser.diagnostics.hasErrors ? nil : config, parser.diagnostics)
    }
}

/// Walks a composed YAML document along a `ConfigSchema`, storing checked values and collecting diagnostics.
struct ConfigParser {
    let file: String
    /// The file's name as messages say it ("unknown key 'x' in odata-generator-config.yaml").
    let displayName: String
    let yaml: String
    private var source: ConfigYAMLSource
    private var renamed: [Unicode.Scalar: Unicode.Scalar] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var config = GeneratorConfig()

    init(file: String, yaml: String) {
        self.file = file
        let name = file.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        displayName = name.isEmpty ? GeneratorConfig.fileName : name
        self.yaml = yaml
        source = ConfigYAMLSource(yaml)
    }

    mutating func run(schema: ConfigSchema) -> GeneratorConfig {
        switch ConfigYAMLSource.compose(yaml) {
        case .failure(let message, let location):
            error(message, at: location)
        case .document(let root, let renamed):
            self.renamed = renamed
            guard let root, !isNull(root) else { break }
            guard root.mapping != nil else {
                error("\(displayName) must be a mapping of keys (\(schema.keys.map(\.name).joined(separator: ", "))); "
                    + "found \(describe(root))", at: root)
                break
            }
            walk(root, keys: schema.keys, keyPath: "")
        }
        return config
    }

    // MARK: Mappings

    /// Reads the keys of a mapping (the file itself or a section).
    private mutating func walk(_ node: Node, keys: [ConfigSchema.Key], keyPath: String) {
        guard let mapping = node.mapping else { return }
        var seen: [String: SourceLocation] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = keyName(keyNode) else { continue }
            let at = location(keyNode)
            if let first = seen[name] {
                error("duplicate key '\(name)' (first set at line \(first.line), column \(first.column))", at: at)
                continue
            }
            seen[name] = at
            guard let key = keys.first(where: { $0.name == name }) else {
                error(unknownKeyMessage(name, keys: keys, keyPath: keyPath), at: at)
                continue
            }
            read(valueNode, key: key, keyPath: keyPath.isEmpty ? name : keyPath + "." + name)
        }
    }

    /// A key's name, or nil (after an error) when the key is not a scalar.
    private mutating func keyName(_ node: Node) -> String? {
        guard let scalar = node.scalar else {
            error(Self.notANameMessage(describe(node)), at: node)
            return nil
        }
        return ConfigYAMLSource.originalKey(scalar.string, renamed: renamed)
    }

    private static func notANameMessage(_ found: String) -> String { "keys must be names; found \(found)" }

    private func unknownKeyMessage(_ name: String, keys: [ConfigSchema.Key], keyPath: String) -> String {
        let place = keyPath.isEmpty ? "in \(displayName)" : "under '\(keyPath)' in \(displayName)"
        var message = "unknown key '\(name)' \(place)"
        if let suggestion = Self.nearMiss(name, among: keys.map(\.name)) {
            message += "; did you mean '\(suggestion)'?"
        } else if let section = keys.first(where: { key in
            if case .section(let inner) = key.kind {
                return inner.contains { $0.name.lowercased() == name.lowercased() }
            }
            return false
        }) {
            message += "; did you mean to put it under '\(section.name):'?"
        } else {
            message += "; expected one of: " + keys.map(\.name).joined(separator: ", ")
        }
        return message
    }

    // MARK: Values

    /// Checks a value against its key's kind and stores it.
    private mutating func read(_ node: Node, key: ConfigSchema.Key, keyPath: String) {
        if isNull(node) { return }  // `key:` with no value: not set
        let at = location(node)
        let value: ConfigSchema.Value?
        switch key.kind {
        case .section(let keys):
            guard node.mapping != nil else { return wrongKind(node, key: key, keyPath: keyPath) }
            config.locations[keyPath] = at
            walk(node, keys: keys, keyPath: keyPath)
            return
        case .string, .path, .identifier:
            value = readString(node, key: key, keyPath: keyPath)
        case .choice(let words):
            value = readChoice(node, words: words, key: key, keyPath: keyPath)
        case .integer(let range):
            value = readInteger(node, range: range, key: key, keyPath: keyPath)
        case .stringList:
            value = readList(node, key: key, keyPath: keyPath)
        case .nameMap:
            value = readNameMap(node, key: key, keyPath: keyPath)
        case .checked(_, let check):
            value = readString(node, key: key, keyPath: keyPath)
            if case .string(let string)? = value, let problem = check(string) {
                error("invalid value '\(string)' for '\(keyPath)': it \(problem)", at: node)
                return
            }
        case .wordListMap(let words):
            value = readWordMap(node, words: words, lists: true, key: key, keyPath: keyPath)
        case .wordMap(let words):
            value = readWordMap(node, words: words, lists: false, key: key, keyPath: keyPath)
        }
        guard let value, let store = key.store else { return }
        config.locations[keyPath] = at
        store(&config, value)
    }

    private mutating func readString(_ node: Node, key: ConfigSchema.Key, keyPath: String) -> ConfigSchema.Value? {
        guard let string = node.scalar?.string else {
            wrongKind(node, key: key, keyPath: keyPath)
            return nil
        }
        if string.configTrimmingSpaces.isEmpty {
            error("'\(keyPath)' must not be empty", at: node)
            return nil
        }
        if case .identifier = key.kind, let problem = Self.identifierProblem(string) {
            error("'\(keyPath)' must be a Swift identifier; '\(string)' \(problem)", at: node)
            return nil
        }
        return .string(string)
    }

    private mutating func readChoice(
        _ node: Node, words: [String], key: ConfigSchema.Key, keyPath: String
    ) -> ConfigSchema.Value? {
        guard let string = node.scalar?.string else {
            wrongKind(node, key: key, keyPath: keyPath)
            return nil
        }
        guard words.contains(string) else {
            var message = "invalid value '\(string)' for '\(keyPath)'; expected one of: "
                + words.joined(separator: ", ")
            if let suggestion = Self.nearMiss(string, among: words) { message += "; did you mean '\(suggestion)'?" }
            error(message, at: node)
            return nil
        }
        return .string(string)
    }

    private mutating func readInteger(
        _ node: Node, range: ClosedRange<Int>, key: ConfigSchema.Key, keyPath: String
    ) -> ConfigSchema.Value? {
        guard let string = node.scalar?.string else {
            wrongKind(node, key: key, keyPath: keyPath)
            return nil
        }
        guard let int = Int(string.configTrimmingSpaces) else {
            error("'\(keyPath)' must be \(key.kind.summary); found '\(string)'", at: node)
            return nil
        }
        guard range.contains(int) else {
            error("'\(keyPath)' must be from \(range.lowerBound) to \(range.upperBound); found \(int)", at: node)
            return nil
        }
        return .integer(int)
    }

    private mutating func readList(_ node: Node, key: ConfigSchema.Key, keyPath: String) -> ConfigSchema.Value? {
        guard let sequence = node.sequence else {
            if let string = node.scalar?.string {
                error("'\(keyPath)' must be \(key.kind.summary); found the single value '\(string)' "
                    + "(write [\(Self.flowQuoted(string))])", at: node)
            } else {
                wrongKind(node, key: key, keyPath: keyPath)
            }
            return nil
        }
        var strings: [String] = []
        for (index, item) in sequence.enumerated() {
            guard let string = item.scalar?.string, !isNull(item) else {
                error("items of '\(keyPath)' must be names or globs; found \(describe(item))", at: item)
                continue
            }
            guard !string.configTrimmingSpaces.isEmpty else {
                error("items of '\(keyPath)' must not be empty", at: item)
                continue
            }
            config.locations["\(keyPath)[\(index)]"] = location(item)
            strings.append(string)
        }
        return .strings(strings)
    }

    private mutating func readNameMap(_ node: Node, key: ConfigSchema.Key, keyPath: String) -> ConfigSchema.Value? {
        guard let mapping = node.mapping else {
            wrongKind(node, key: key, keyPath: keyPath)
            return nil
        }
        var pairs: [GeneratorConfig.NameOverride] = []
        for (name, at, valueNode, problem) in namedEntries(mapping, keyPath: keyPath) {
            if let problem {
                error(problem, at: at)
                continue
            }
            guard let swiftName = valueNode.scalar?.string, !isNull(valueNode) else {
                error("'\(keyPath)' maps '\(name)' to \(describe(valueNode)); expected a Swift name", at: valueNode)
                continue
            }
            if let problem = Self.identifierProblem(swiftName, allowKeywords: true) {
                error("'\(keyPath)' maps '\(name)' to '\(swiftName)', which \(problem)", at: valueNode)
                continue
            }
            config.locations["\(keyPath)[\(pairs.count)]"] = at
            pairs.append(GeneratorConfig.NameOverride(edmName: name, swiftName: swiftName))
        }
        return .pairs(pairs)
    }

    /// A mapping of names to one word (`lists` false) or a list of words (a lone word counts as a list of one).
    private mutating func readWordMap(
        _ node: Node, words: [String], lists: Bool, key: ConfigSchema.Key, keyPath: String
    ) -> ConfigSchema.Value? {
        guard let mapping = node.mapping else {
            wrongKind(node, key: key, keyPath: keyPath)
            return nil
        }
        var single: [(name: String, word: String)] = []
        var multiple: [(name: String, words: [String])] = []
        func check(_ item: Node, name: String) -> String? {
            guard let word = item.scalar?.string, !isNull(item) else {
                error("'\(keyPath)' gives '\(name)' \(describe(item)); expected one of: \(words.joined(separator: ", "))",
                      at: item)
                return nil
            }
            guard words.contains(word) else {
                var message = "invalid value '\(word)' for '\(keyPath).\(name)'; expected one of: " + words.joined(separator: ", ")
                if let suggestion = Self.nearMiss(word, among: words) { message += "; did you mean '\(suggestion)'?" }
                error(message, at: item)
                return nil
            }
            return word
        }
        for (name, at, valueNode, problem) in namedEntries(mapping, keyPath: keyPath) {
            if let problem {
                error(problem, at: at)
                continue
            }
            let index = lists ? multiple.count : single.count
            if lists, let sequence = valueNode.sequence {
                var chosen: [String] = []
                var ok = true
                for item in sequence {
                    if let word = check(item, name: name) { chosen.append(word) } else { ok = false }
                }
                if ok {
                    config.locations["\(keyPath)[\(index)]"] = at
                    multiple.append((name, chosen))
                }
            } else if let word = check(valueNode, name: name) {
                config.locations["\(keyPath)[\(index)]"] = at
                if lists { multiple.append((name, [word])) } else { single.append((name, word)) }
            }
        }
        return lists ? .wordLists(multiple) : .words(single)
    }

    /// The entries of a mapping keyed by names, with each key's location and, for a key that is not a name, a
    /// duplicate or an empty name, the error to report (callers report it, in file order, and skip the entry).
    private func namedEntries(
        _ mapping: Node.Mapping, keyPath: String
    ) -> [(name: String, at: SourceLocation, value: Node, problem: String?)] {
        var entries: [(name: String, at: SourceLocation, value: Node, problem: String?)] = []
        var seen: [String: SourceLocation] = [:]
        for (keyNode, valueNode) in mapping {
            let at = location(keyNode)
            guard let scalar = keyNode.scalar else {
                entries.append(("", at, valueNode, Self.notANameMessage(describe(keyNode))))
                continue
            }
            let name = ConfigYAMLSource.originalKey(scalar.string, renamed: renamed)
            var problem: String?
            if let first = seen[name] {
                problem = "duplicate key '\(name)' (first set at line \(first.line), column \(first.column))"
            } else {
                seen[name] = at
                if name.configTrimmingSpaces.isEmpty { problem = "names in '\(keyPath)' must not be empty" }
            }
            entries.append((name, at, valueNode, problem))
        }
        return entries
    }

    private mutating func wrongKind(_ node: Node, key: ConfigSchema.Key, keyPath: String) {
        error("'\(keyPath)' must be \(key.kind.summary); found \(describe(node))", at: node)
    }

    // MARK: Helpers

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && node.tag.description == Tag.Name.null.rawValue
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar): return isNull(node) ? "nothing (null)" : "'\(scalar.string)'"
        case .alias: return "an alias"
        }
    }

    private func location(_ node: Node) -> SourceLocation { source.location(node.mark) }

    private mutating func error(_ message: String, at node: Node) {
        error(message, at: location(node))
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: location))
    }

    /// What is wrong with `name` as a Swift identifier (a phrase completing "'x' ..."), or nil when it is one.
    static func identifierProblem(_ name: String, allowKeywords: Bool = false) -> String? {
        guard let first = name.first else { return "is empty" }
        guard first.isLetter || first == "_" else { return "does not start with a letter or '_'" }
        if let bad = name.first(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            return "contains '\(bad)'"
        }
        if !allowKeywords && SwiftKeywords.isReserved(name) { return "is a Swift keyword" }
        return nil
    }

    /// A string as an item of a YAML flow list: bare when that is unambiguous, else double-quoted.
    static func flowQuoted(_ string: String) -> String {
        let bare = string.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        if bare, let first = string.first, first.isLetter || first == "_" { return string }
        return "\"" + string.configReplacingAll("\\", with: "\\\\").configReplacingAll("\"", with: "\\\"") + "\""
    }

    /// The candidate `word` was most likely meant to be: the same ignoring case, a close edit (at most a third of the
    /// word's length, 1...3 edits), or the only candidate it is a prefix of (3 characters or more); nil otherwise.
    static func nearMiss(_ word: String, among candidates: [String]) -> String? {
        let lower = Array(word.lowercased())
        let limit = min(3, max(1, lower.count / 3))
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = editDistance(lower, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (distance, candidate) }
        }
        if let best { return best.name }
        if lower.count >= 3 {
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(String(lower)) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        return nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var configTrimmingSpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }

    /// Every occurrence of `target` replaced by `replacement`.
    fileprivate func configReplacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
