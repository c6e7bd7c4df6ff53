import Testing
import ODataGeneratorCore

/// Every rule at once on names chosen to break them: every result must be a valid Swift identifier, usable for its
/// kind, and unique in its scope.
@Suite("Hostile names")
struct HostileNamesTests {
    static let hostile: [String] = {
        var names: [String] = []
        names += SwiftKeywords.reserved.sorted()
        names += SwiftKeywords.reserved.sorted().map { $0.uppercased() }
        names += SwiftKeywords.reserved.sorted().map { $0.prefix(1).uppercased() + $0.dropFirst() }
        names += ReservedNames.defaultMemberNames.sorted()
        names += ReservedNames.defaultTypeNames.sorted()
        names += ["rawValue", "hashValue_", "key_", "key2", "self_", "Type_", "unnamed", "Unnamed", "unnamed2"]
        names += (0...14).map(String.init) + ["007", "3DModel", "1st", "١٢٣", "²", "Ⅻ", "①"]
        names += ["Größe", "GRÖSSE", "größe", "straße", "STRASSE", "ß", "ǅemal", "İstanbul", "istanbul", "ΣΑΣ",
                  "名前", "이름", "имя", "Имя", "ИМЯ", "🐶", "🐶🐱", "👨‍👩‍👧", "🇩🇪", "é", "e\u{301}", "\u{301}",
                  "Pc_‿⁀⁔︳︴﹍﹎﹏＿", "id_Pc_‿⁀⁔︳︴﹍﹎﹏＿", "‿", "＿", "ª", "µ", "·", "\u{FFFD}", "a\u{FFFC}b",
                  "\u{E000}", "a\u{10FFFF}", "\u{E0041}tag"]
        names += ["feedbackid", "FeedbackId", "FEEDBACKID", "solution", "Solution", "image", "Image", "ID", "Id",
                  "id", "iD", "URL", "url"]
        names += ["", " ", "  ", "\t", "\n", "\r\n", "\u{00A0}", "\u{3000}", "\u{200B}", "\u{200D}", "\u{202E}",
                  "\u{FEFF}", "\u{00AD}", "-", "_", "__", "___", "$", "$0", "`", "``", "`x`", "@odata.etag", "#",
                  "a b", "a  b", "a\tb", "a\nb", "a-b", "a_b", "aB", "a.b", "a/b", "a\\b", "a'b", "a\"b", "a:b",
                  "request-id", "client-request-id", "prefix/project2", "Info/ID", "_parentcustomerid_value",
                  "_x_value", "x_value", "GMTMINUS1200INTERNATIONALDATELINEWEST", "GMT_CASABLANCA", "0x1F",
                  "\u{0}", "\u{7F}", "a\u{0}b", "<script>", "名-前", "1-2", "1_2", "12"]
        names += [String(repeating: "a", count: 129), String(repeating: "A", count: 10_000),
                  String(repeating: "名", count: 1_000), String(repeating: "🐶", count: 500),
                  String(repeating: "a", count: 199) + "名", String(repeating: "e\u{301}", count: 300),
                  String(repeating: "-", count: 1_000), String(repeating: "_", count: 1_000) + "0"]
        return names
    }()

    @Test("every hostile name becomes a valid, usable, unique Swift name in every role")
    func allRoles() {
        for role in NamingScope.Role.allCases {
            let result = SwiftNamer().resolve(Self.hostile, in: NamingScope("hostile", role: role))
            #expect(result.names.count == Self.hostile.count)
            #expect(result.names.map(\.edmName) == Self.hostile)
            #expect(result.errors.isEmpty)
            for name in result.names {
                let problems = NamingChecks.problems(name, kind: role.kind)
                #expect(problems.isEmpty, "\(role) '\(name.edmName)' → '\(name.escaped)': \(problems)")
                #expect(name.identifier.utf8.count <= 200 + 8)
            }
            let duplicates = role == .operations ? [] : NamingChecks.duplicates(result.names)
            #expect(duplicates.isEmpty, "\(role): \(duplicates)")
            let reserved = NamingConfiguration().reservedNames(for: NamingScope("hostile", role: role))
            for name in result.names where reserved.contains(name.identifier) {
                Issue.record("\(role) '\(name.edmName)' → reserved '\(name.identifier)'")
            }
        }
    }

    @Test("every hostile name is valid alone, for every kind")
    func singleNames() {
        for edm in Self.hostile {
            for kind in NameKind.allCases {
                let name = SwiftNamer().name(edm, kind: kind)
                #expect(NamingChecks.problems(name, kind: kind).isEmpty, "\(kind) '\(edm)' → '\(name.escaped)'")
            }
        }
    }

    @Test("hostile overrides are errors, never invalid names")
    func hostileOverrides() {
        var overrides: [String: String] = [:]
        for (i, value) in Self.hostile.enumerated() { overrides["n\(i)"] = value }
        let entries = Self.hostile.indices.map { NameEntry("n\($0)") }
        for role in NamingScope.Role.allCases {
            let namer = SwiftNamer(NamingConfiguration(overrides: NamingOverrides(overrides)))
            let result = namer.resolve(entries, in: NamingScope("overrides", role: role))
            for name in result.names {
                let problems = NamingChecks.problems(name, kind: role.kind).filter { !$0.hasSuffix("needs backticks") }
                #expect(problems.isEmpty, "\(role) '\(name.edmName)' → '\(name.escaped)': \(problems)")
            }
            #expect(NamingChecks.duplicates(result.names).isEmpty)
            #expect(!result.errors.isEmpty)
        }
    }

    @Test("swiftc accepts every resolved name as a declaration and a reference",
          .enabled(if: SwiftcTypecheck.executable != nil, "no swiftc on the PATH"))
    func typecheck() throws {
        var source = "// Generated by HostileNamesTests\n"
        let namer = SwiftNamer()
        // Raw values must differ: one entry per distinct EDM name (String equality, as the compiler's).
        var seen: Set<String> = []
        let hostile = Self.hostile.filter { seen.insert($0).inserted }
        let types = namer.resolve(hostile, in: .types(of: "Hostile"))
        for (i, type) in types.names.enumerated() {
            source += "struct \(type.escaped) { static let index = \(i) }\n"
        }
        source += "let typeIndices = [" + types.names.map { "\($0.escaped).index" }.joined(separator: ", ") + "]\n"

        let properties = namer.resolve(hostile, in: .properties(of: "Hostile.T"))
        source += "struct Properties {\n"
        for property in properties.names { source += "    var \(property.escaped): Int = 0\n" }
        source += "    func sum() -> Int {\n        var total = 0\n"
        for property in properties.names { source += "        total += self.\(property.escaped)\n" }
        source += "        return total\n    }\n}\n"

        let cases = namer.resolve(hostile, in: .enumMembers(of: "Hostile.E"))
        source += "enum Cases: String, Codable {\n"
        for name in cases.names {
            source += "    case \(name.escaped) = \"\(literal(name.edmName))\"\n"
        }
        source += "}\nlet allCases: [Cases] = [" + cases.names.map { ".\($0.escaped)" }.joined(separator: ", ") + "]\n"
        source += "func check(_ value: Cases) -> Int {\n    switch value {\n"
        for (i, name) in cases.names.enumerated() { source += "    case .\(name.escaped): return \(i)\n" }
        source += "    }\n}\n"

        let operations = namer.resolve(hostile, in: .operations(of: "Hostile"))
        let parameters = namer.resolve(hostile, in: .parameters(of: "Hostile.f"))
        source += "struct Operations {\n"
        var declared: Set<String> = []
        for operation in operations.names where declared.insert(operation.identifier).inserted {
            source += "    func \(operation.escaped)() -> Int { 0 }\n"
        }
        source += "    func call() -> Int {\n        var total = 0\n"
        for operation in operations.names { source += "        total += self.\(operation.escaped)()\n" }
        source += "        return total\n    }\n"
        source += "    func f(" + parameters.names.map { "\($0.escaped): Int" }.joined(separator: ", ") + ") -> Int {\n"
        source += "        var total = 0\n"
        for parameter in parameters.names { source += "        total += \(parameter.escaped)\n" }
        source += "        return total\n    }\n}\n"

        guard let (status, output) = try SwiftcTypecheck.run(source) else {
            print("swiftc -typecheck took longer than 10 s: skipped")
            return
        }
        #expect(status == 0, "swiftc -typecheck failed:\n\(output.prefix(4_000))")
    }

    private func literal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isDefaultIgnorableCodePoint {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
