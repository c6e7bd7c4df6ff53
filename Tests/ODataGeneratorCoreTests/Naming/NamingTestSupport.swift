import Foundation
import ODataGeneratorCore

/// An identifier checker written for the tests from the grammar in The Swift Programming Language, "Lexical
/// Structure" → "Identifiers", independently of `SwiftIdentifierGrammar` in the sources. The ranges are copied from
/// the book line by line.
enum BookIdentifierGrammar {
    /// identifier-head (besides A-Z, a-z, _).
    static let head: [(UInt32, UInt32)] = [
        // U+00A8, U+00AA, U+00AD, U+00AF, U+00B2–U+00B5, or U+00B7–U+00BA
        (0x00A8, 0x00A8), (0x00AA, 0x00AA), (0x00AD, 0x00AD), (0x00AF, 0x00AF), (0x00B2, 0x00B5), (0x00B7, 0x00BA),
        // U+00BC–U+00BE, U+00C0–U+00D6, U+00D8–U+00F6, or U+00F8–U+00FF
        (0x00BC, 0x00BE), (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x00FF),
        // U+0100–U+02FF, U+0370–U+167F, U+1681–U+180D, or U+180F–U+1DBF
        (0x0100, 0x02FF), (0x0370, 0x167F), (0x1681, 0x180D), (0x180F, 0x1DBF),
        // U+1E00–U+1FFF
        (0x1E00, 0x1FFF),
        // U+200B–U+200D, U+202A–U+202E, U+203F–U+2040, U+2054, or U+2060–U+206F
        (0x200B, 0x200D), (0x202A, 0x202E), (0x203F, 0x2040), (0x2054, 0x2054), (0x2060, 0x206F),
        // U+2070–U+20CF, U+2100–U+218F, U+2460–U+24FF, or U+2776–U+2793
        (0x2070, 0x20CF), (0x2100, 0x218F), (0x2460, 0x24FF), (0x2776, 0x2793),
        // U+2C00–U+2DFF or U+2E80–U+2FFF
        (0x2C00, 0x2DFF), (0x2E80, 0x2FFF),
        // U+3004–U+3007, U+3021–U+302F, U+3031–U+303F, or U+3040–U+D7FF
        (0x3004, 0x3007), (0x3021, 0x302F), (0x3031, 0x303F), (0x3040, 0xD7FF),
        // U+F900–U+FD3D, U+FD40–U+FDCF, U+FDF0–U+FE1F, or U+FE30–U+FE44
        (0xF900, 0xFD3D), (0xFD40, 0xFDCF), (0xFDF0, 0xFE1F), (0xFE30, 0xFE44),
        // U+FE47–U+FFFD
        (0xFE47, 0xFFFD),
        // U+10000–U+1FFFD, U+20000–U+2FFFD, U+30000–U+3FFFD, or U+40000–U+4FFFD
        (0x10000, 0x1FFFD), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x40000, 0x4FFFD),
        // U+50000–U+5FFFD, U+60000–U+6FFFD, U+70000–U+7FFFD, or U+80000–U+8FFFD
        (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD), (0x80000, 0x8FFFD),
        // U+90000–U+9FFFD, U+A0000–U+AFFFD, U+B0000–U+BFFFD, or U+C0000–U+CFFFD
        (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
        // U+D0000–U+DFFFD or U+E0000–U+EFFFD
        (0xD0000, 0xDFFFD), (0xE0000, 0xEFFFD),
    ]

    /// identifier-character adds digits and: U+0300–U+036F, U+1DC0–U+1DFF, U+20D0–U+20FF, or U+FE20–U+FE2F.
    static let combining: [(UInt32, UInt32)] = [(0x0300, 0x036F), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F)]

    /// Code points in the book's ranges that swiftc nevertheless rejects ("invalid character in source file").
    static let rejectedByCompiler: ClosedRange<UInt32> = 0xFFF9...0xFFFD

    static func isHead(_ v: UInt32) -> Bool {
        if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || v == 0x5F { return true }
        return head.contains { $0.0 <= v && v <= $0.1 }
    }

    static func isCharacter(_ v: UInt32) -> Bool {
        if (0x30...0x39).contains(v) { return true }
        return isHead(v) || combining.contains { $0.0 <= v && v <= $0.1 }
    }

    /// True when `name` is an identifier by the book and the compiler accepts its characters.
    static func isValid(_ name: String) -> Bool {
        let values = name.unicodeScalars.map(\.value)
        guard let first = values.first, isHead(first) else { return false }
        return values.dropFirst().allSatisfy(isCharacter) && !values.contains(where: rejectedByCompiler.contains)
    }
}

/// Checks that apply to every resolved name.
enum NamingChecks {
    /// Problems with `name` as a declaration of `kind`, empty when it is usable.
    static func problems(_ name: SwiftName, kind: NameKind) -> [String] {
        var problems: [String] = []
        let id = name.identifier
        if !BookIdentifierGrammar.isValid(id) { problems.append("'\(id)' is not a Swift identifier") }
        if id.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.properties.isDefaultIgnorableCodePoint }) {
            problems.append("'\(id)' contains an invisible character")
        }
        if SwiftKeywords.isReserved(id) != name.needsBackticks {
            problems.append("'\(id)': needsBackticks is \(name.needsBackticks) but keyword is \(SwiftKeywords.isReserved(id))")
        }
        let unusable: Set<String> = kind == .type ? ["Type", "Protocol", "Self", "Any", "_"]
                                                  : ["self", "Self", "Type", "Protocol", "init", "_"]
        if unusable.contains(id) { problems.append("'\(id)' cannot name a \(kind)") }
        if kind == .type && name.needsBackticks { problems.append("type '\(id)' needs backticks") }
        return problems
    }

    /// Identifiers that occur more than once in `names`, compared ignoring case.
    static func duplicates(_ names: [SwiftName], caseInsensitive: Bool = true) -> [String] {
        var seen: Set<String> = []
        var duplicates: [String] = []
        for name in names {
            let key = caseInsensitive ? name.identifier.lowercased() : name.identifier
            if !seen.insert(key).inserted { duplicates.append(name.identifier) }
        }
        return duplicates
    }
}

/// Runs `swiftc -typecheck` on a source text when a `swiftc` is on the PATH; nil when there is none or it does not
/// finish within the time limit (the check is then skipped), else the exit status and the compiler's output.
enum SwiftcTypecheck {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static func run(_ source: String, seconds: Double = 10) throws -> (status: Int32, output: String)? {
        guard let executable else { return nil }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("naming-typecheck-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Names.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let outputFile = directory.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-typecheck", "-module-name", "NamingCheck", file.path]
        process.standardOutput = handle
        process.standardError = handle
        process.currentDirectoryURL = directory
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}

/// The corpus of real `$metadata` documents (`../shared/corpus`), when present.
enum NamingCorpus {
    static let directory: URL? = {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ODATA_CORPUS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env, isDirectory: true))
        }
        // #filePath = <root>/Tests/ODataGeneratorCoreTests/Naming/NamingTestSupport.swift
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent("../shared/corpus", isDirectory: true).standardizedFileURL)
        for url in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url
            }
        }
        return nil
    }()

    static var isPresent: Bool { directory != nil }

    static func path(_ file: String) -> String? {
        guard let directory else { return nil }
        let url = directory.appendingPathComponent(file)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }

    static let files: [String] = {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()
}
