/// Turns the EDM names of a scope into unique Swift names. The result depends only on the entries (and their order),
/// the scope and the configuration: no dictionary order, no global state.
///
/// For each entry, in order of precedence:
/// 1. an override (`NamingConfiguration.overrides`) gives the name, if it is valid for the kind and not reserved;
/// 2. otherwise the EDM name is converted: invisible characters dropped, other characters Swift rejects removed with
///    the words around them joined in camel case (`request-id` → `requestId`, `prefix/project2` →
///    `prefixProject2`), leading underscores dropped (`_parentcustomerid_value` → `parentcustomerid_value`), the case
///    convention of the kind applied (`NameKind`), `_` prepended before a leading digit (`0` → `_0`, `3DModel` →
///    `_3DModel`), a placeholder used when nothing is left (`unnamed`, `Unnamed`), the length capped;
/// 3. a reserved name of the scope or a keyword that backticks cannot make usable gets `_` appended (`key` →
///    `key_`, `self` → `self_`, `Type` → `Type_`); other keywords get backticks (`` `default` ``);
/// 4. collisions: names are compared ignoring case (configurable). Override names are claimed first, then every
///    other entry claims its name in entry order; an entry whose name is taken first tries its removed leading
///    underscores back (SAP's navigation `_PurchaseOrder` beside the property `PurchaseOrder` → `_purchaseOrder`),
///    then gets the lowest free number from 2 (`name2`, `name3`; `name_2` after a name ending in a digit,
///    `CustomerV3_2`). An entry that needs no number keeps its name even when it comes after one that does.
/// Everything but case conversion and backticks is reported as a `NamingNote`.
///
/// | EDM name | type | member | enum case |
/// |---|---|---|---|
/// | `CustomerV3` | `CustomerV3` | `customerV3` | `customerV3` |
/// | `ID`, `URL`, `URLValue` | `ID`, `URL`, `URLValue` | `id`, `url`, `urlValue` | `ID`, `URL`, `urlValue` |
/// | `GMTMINUS1200INTERNATIONALDATELINEWEST` | unchanged | `gmtminus1200internationaldatelinewest` | unchanged |
/// | `_parentcustomerid_value` | `Parentcustomerid_value` | `parentcustomerid_value` | `parentcustomerid_value` |
/// | `request-id`, `prefix/project2` | `RequestId`, `PrefixProject2` | `requestId`, `prefixProject2` | same as member |
/// | `0`, `3DModel` | `_0`, `_3DModel` | `_0`, `_3DModel` | `_0`, `_3DModel` |
/// | `Größe` | `Größe` | `größe` | `größe` |
/// | empty, blank, only punctuation | `Unnamed` | `unnamed` | `unnamed` |
/// | `default`, `import` | `Default`, `Import` | `` `default` ``, `` `import` `` | same as member |
/// | `self`, `Type` | `Self_`, `Type_` | `self_`, `type` | `self_`, `type` |
/// | `key`, `description`, `unknown` | `Key`, `Description`, `Unknown` | `key_`, `description_`, `unknown_` | same as member |
/// | `Data`, `String` | `Data_`, `String_` | `data`, `string` | `data`, `string` |
/// | `feedbackid`, `FeedbackId` in one scope | `Feedbackid`, `FeedbackId2` | `feedbackid`, `feedbackId2` | same as member |
public struct SwiftNamer: Sendable {
    /// The settings.
    public var configuration: NamingConfiguration

    /// Creates a namer.
    public init(_ configuration: NamingConfiguration = NamingConfiguration()) {
        self.configuration = configuration
    }

    /// The Swift name of a single EDM name of `kind`, outside any scope (no collisions): roles `types`,
    /// `properties` and `enumMembers` give the reserved names. An unusable override is ignored.
    public func name(_ edmName: String, kind: NameKind) -> SwiftName {
        let role: NamingScope.Role
        switch kind {
        case .type: role = .types
        case .member: role = .properties
        case .enumCase: role = .enumMembers
        }
        return resolve([NameEntry(edmName)], in: NamingScope("", role: role)).names[0]
    }

    /// Unique Swift names for the EDM names of one scope, in the order given (document order).
    public func resolve(_ edmNames: [String], in scope: NamingScope) -> ScopeNaming {
        resolve(edmNames.map { NameEntry($0) }, in: scope)
    }

    /// Unique Swift names for the entries of one scope, in the order given (document order).
    public func resolve(_ entries: [NameEntry], in scope: NamingScope) -> ScopeNaming {
        let kind = scope.kind
        let reserved = configuration.reservedNames(for: scope)
        let maximumLength = configuration.effectiveMaximumUTF8Length
        var errors: [NamingError] = []

        // Entries with the same EDM name share the first one's name when the scope says so (overloads).
        var representative = Array(entries.indices)
        if scope.sharesNameForIdenticalEDMNames {
            var first: [String: Int] = [:]
            for i in entries.indices {
                if let earlier = first[entries[i].edmName] {
                    representative[i] = earlier
                } else {
                    first[entries[i].edmName] = i
                }
            }
        }

        // The wanted name of each representative entry.
        var wanted: [Candidate?] = Array(repeating: nil, count: entries.count)
        for i in entries.indices where representative[i] == i {
            let entry = entries[i]
            if let match = configuration.overrides.match(entry, kind: kind) {
                if let problem = NamingOverrides.problem(with: match.swiftName, kind: kind, reserved: reserved) {
                    errors.append(NamingError(overrideKey: match.key, swiftName: match.swiftName, problem: problem,
                                              scope: scope))
                } else {
                    wanted[i] = Candidate(identifier: match.swiftName,
                                          needsBackticks: SwiftKeywords.isReserved(match.swiftName),
                                          reasons: [.overridden(key: match.key)], isOverride: true,
                                          overrideKey: match.key, withLeadingUnderscores: nil)
                    continue
                }
            }
            let converted = NameConversion.convert(entry.edmName, kind: kind, reserved: reserved,
                                                   maximumUTF8Length: maximumLength)
            wanted[i] = Candidate(identifier: converted.identifier, needsBackticks: converted.needsBackticks,
                                  reasons: converted.reasons, isOverride: false, overrideKey: nil,
                                  withLeadingUnderscores: converted.withLeadingUnderscores)
        }

        // Claim plain names: overrides first, then the others, each group in entry order.
        let caseInsensitive = configuration.caseInsensitiveCollisions
        func clashKey(_ identifier: String) -> String { caseInsensitive ? identifier.lowercased() : identifier }
        var holder: [String: Int] = [:]
        var final: [Candidate?] = Array(repeating: nil, count: entries.count)
        var pending: [Int] = []
        for pass in [true, false] {
            for i in entries.indices {
                guard let candidate = wanted[i], candidate.isOverride == pass else { continue }
                let key = clashKey(candidate.identifier)
                if let other = holder[key] {
                    if pass {
                        errors.append(NamingError(overrideKey: candidate.overrideKey ?? entries[i].edmName,
                                                  swiftName: candidate.identifier,
                                                  problem: .duplicate(otherEDMName: entries[other].edmName),
                                                  scope: scope))
                    }
                    pending.append(i)
                } else {
                    holder[key] = i
                    final[i] = candidate
                }
            }
        }

        // Number the entries whose name was taken, in entry order.
        var nextNumber: [String: Int] = [:]
        for i in pending.sorted() {
            guard var candidate = wanted[i] else { continue }
            let base = candidate.identifier
            let baseKey = clashKey(base)
            let keptBy = holder[baseKey].map { entries[$0].edmName } ?? ""
            let plainName = candidate.needsBackticks ? "`" + base + "`" : base
            if let underscored = candidate.withLeadingUnderscores, holder[clashKey(underscored)] == nil,
               !reserved.contains(underscored) {
                holder[clashKey(underscored)] = i
                candidate.identifier = underscored
                candidate.needsBackticks = false
                candidate.reasons.removeAll { $0 == .leadingUnderscores }
                candidate.reasons.append(.collision(plainName: plainName, keptBy: keptBy))
                final[i] = candidate
                continue
            }
            let separator = base.unicodeScalars.last.map { $0.properties.numericType != nil } == true ? "_" : ""
            var number = nextNumber[baseKey] ?? 2
            var numbered = base + separator + String(number)
            while holder[clashKey(numbered)] != nil || reserved.contains(numbered) {
                number += 1
                numbered = base + separator + String(number)
            }
            nextNumber[baseKey] = number + 1
            holder[clashKey(numbered)] = i
            candidate.identifier = numbered
            candidate.needsBackticks = SwiftKeywords.isReserved(numbered)
            candidate.reasons.append(.collision(plainName: plainName, keptBy: keptBy))
            final[i] = candidate
        }

        // Assemble, in entry order.
        var names: [SwiftName] = []
        names.reserveCapacity(entries.count)
        var notes: [NamingNote] = []
        for i in entries.indices {
            let candidate = final[representative[i]]
                ?? Candidate(identifier: "unnamed", needsBackticks: false, reasons: [], isOverride: false,
                             overrideKey: nil, withLeadingUnderscores: nil)
            let name = SwiftName(edmName: entries[i].edmName, identifier: candidate.identifier,
                                 needsBackticks: candidate.needsBackticks)
            names.append(name)
            if representative[i] == i {
                for reason in candidate.reasons {
                    notes.append(NamingNote(scope: scope, edmName: entries[i].edmName, swiftName: name.escaped,
                                            reason: reason))
                }
            }
        }
        return ScopeNaming(scope: scope, names: names, notes: notes, errors: errors)
    }

    /// A name an entry wants, before or after collision numbering.
    private struct Candidate {
        var identifier: String
        var needsBackticks: Bool
        var reasons: [NamingNote.Reason]
        var isOverride: Bool
        var overrideKey: String?
        var withLeadingUnderscores: String?
    }
}
