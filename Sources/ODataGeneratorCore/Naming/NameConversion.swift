/// The conversion of one EDM name to a Swift identifier of a kind, before collisions are resolved: character
/// clean-up, case convention, leading digits, empty names, length, then reserved names and keywords.
struct NameConversion {
    /// The identifier, without backticks.
    var identifier: String
    /// True when the identifier is a keyword that must be written with backticks.
    var needsBackticks: Bool
    /// Why the identifier differs from the EDM name beyond case conversion, in the order the rules applied.
    var reasons: [NamingNote.Reason]
    /// The identifier with the leading underscores of the EDM name given back (`_PurchaseOrder` →
    /// `_purchaseOrder`), tried first when the identifier collides; nil when none were removed.
    var withLeadingUnderscores: String?

    /// Converts `edmName` to a name of `kind`, avoiding `reserved` names.
    static func convert(_ edmName: String, kind: NameKind, reserved: Set<String>, maximumUTF8Length: Int) -> NameConversion {
        var (name, reasons, underscores) = cleanedName(edmName, kind: kind, maximumUTF8Length: maximumUTF8Length)
        // Reserved names and keywords; each rename appends `_` and is checked again.
        while true {
            if reserved.contains(name) {
                reasons.append(.reservedName(name))
                name += "_"
            } else if kind == .type, ReservedNames.unescapableTypeNames.contains(name) || SwiftKeywords.isReserved(name) {
                reasons.append(.keyword(name))
                name += "_"
            } else if kind != .type, ReservedNames.unescapableMemberNames.contains(name) {
                reasons.append(.keyword(name))
                name += "_"
            } else {
                break
            }
        }
        var alternative: String?
        if underscores > 0, reasons.contains(.leadingUnderscores), name.unicodeScalars.first != "_" {
            alternative = String(repeating: "_", count: underscores) + name
        }
        return NameConversion(identifier: name, needsBackticks: SwiftKeywords.isReserved(name), reasons: reasons,
                              withLeadingUnderscores: alternative)
    }

    /// Rules 1-6 of the conversion (everything but reserved names), with the reasons to report and the number of
    /// leading underscores removed.
    static func cleanedName(_ edmName: String, kind: NameKind, maximumUTF8Length: Int) -> (String, [NamingNote.Reason], Int) {
        // 1. Words: runs of identifier characters. Other characters separate words and are dropped; invisible
        //    characters are dropped without separating; leading underscores are dropped.
        var segments: [String] = []
        var current = String.UnicodeScalarView()
        var removedCharacters = false
        var removedLeadingUnderscores = 0
        for scalar in edmName.unicodeScalars {
            if SwiftIdentifierGrammar.isInvisible(scalar) {
                removedCharacters = true
            } else if SwiftIdentifierGrammar.isContinuation(scalar) {
                if scalar == "_" && segments.isEmpty && current.isEmpty {
                    removedLeadingUnderscores += 1
                } else {
                    current.append(scalar)
                }
            } else {
                removedCharacters = true
                if !current.isEmpty {
                    segments.append(String(current))
                    current = String.UnicodeScalarView()
                }
            }
        }
        if !current.isEmpty { segments.append(String(current)) }

        // 2. Join the words in camel case; between two words without lowercase letters (`GMT-OFFSET`, `1-2`,
        //    caseless scripts) put `_`, since a case change cannot mark the boundary.
        var joined = ""
        var previousHasLowercase = false
        for (i, segment) in segments.enumerated() {
            let hasLowercase = segment.contains { $0.isLowercase }
            if i == 0 {
                joined = segment
            } else if !previousHasLowercase && !hasLowercase {
                joined += "_" + segment
            } else {
                joined += uppercasingFirst(segment)
            }
            previousHasLowercase = hasLowercase
        }

        // 3. Nothing left: a placeholder.
        if joined.isEmpty {
            return (kind == .type ? "Unnamed" : "unnamed", [.empty], 0)
        }

        // 4. Case convention.
        var name: String
        switch kind {
        case .type:
            name = uppercasingFirst(joined)
        case .member:
            name = lowercasingFirstWord(joined)
        case .enumCase:
            name = joined.contains(where: { $0.isLowercase }) ? lowercasingFirstWord(joined) : joined
        }

        // 5. A digit or combining mark cannot start an identifier.
        var prefixed = false
        if let first = name.unicodeScalars.first, !SwiftIdentifierGrammar.isHead(first) {
            name = "_" + name
            prefixed = true
        }

        // 6. Length.
        var truncated = false
        if name.utf8.count > maximumUTF8Length {
            var cut = String.UnicodeScalarView()
            var bytes = 0
            for scalar in name.unicodeScalars {
                let size = String(scalar).utf8.count
                if bytes + size > maximumUTF8Length { break }
                cut.append(scalar)
                bytes += size
            }
            name = String(cut)
            truncated = true
        }

        // Case mappings stay within the identifier ranges in practice; make sure anyway.
        if !SwiftIdentifierGrammar.isValidIdentifier(name) {
            name = repaired(name)
            removedCharacters = true
        }

        if name == edmName { return (name, [], 0) }
        var reasons: [NamingNote.Reason] = []
        if removedCharacters { reasons.append(.disallowedCharacters) }
        if removedLeadingUnderscores > 0 { reasons.append(.leadingUnderscores) }
        if prefixed { reasons.append(.invalidStart) }
        if truncated { reasons.append(.truncated(maximumUTF8Length: maximumUTF8Length)) }
        return (name, reasons, removedLeadingUnderscores)
    }

    /// `word` with its first character uppercased, when that gives exactly one character (`ß` stays `ß`).
    static func uppercasingFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        let upper = first.uppercased()
        guard upper.count == 1, upper != String(first) else { return word }
        return upper + word.dropFirst()
    }

    /// lowerCamelCase: a name without lowercase letters is lowercased whole (`ID` → `id`, `GMT_OFFSET` →
    /// `gmt_offset`); otherwise the leading run of capitals is lowercased, except its last capital when a lowercase
    /// letter follows it, which starts the next word (`URLValue` → `urlValue`, `CustomerAccount` → `customerAccount`,
    /// `ID_value` → `id_value`).
    static func lowercasingFirstWord(_ name: String) -> String {
        let characters = Array(name)
        guard characters.contains(where: { $0.isLowercase }) else { return name.lowercased() }
        var run = 0
        while run < characters.count && characters[run].isUppercase { run += 1 }
        if run == 0 { return name }
        let count = run > 1 && characters[run].isLowercase ? run - 1 : run
        return String(characters[..<count]).lowercased() + String(characters[count...])
    }

    /// `name` with every scalar Swift rejects replaced by `_`, and `_` prepended when it cannot start.
    static func repaired(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            out.append(SwiftIdentifierGrammar.isContinuation(scalar) ? scalar : "_")
        }
        if let first = out.first, SwiftIdentifierGrammar.isHead(first) { return String(out) }
        return "_" + String(out)
    }
}
