import Foundation
import Testing

/// The hostile-names fixture: every Swift keyword, the names generated code and the runtime use, digits,
/// non-ASCII letters and case twins, as type, property and enum member names. The generated code must compile.
@Suite("Generated code for hostile names compiles", .enabled(if: CorpusCompileSupport.swiftc != nil))
struct HostileNamesCompileTests {
    static let keywords = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package", "precedencegroup",
        "private", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break",
        "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self",
        "Self", "super", "throws", "true", "try", "_", "Type", "Protocol", "some", "any", "none", "async", "actor",
    ]
    static let generatedNames = [
        "key", "Key", "odataEtag", "edmName", "entitySetName", "keyPropertyNames", "CodingKeys", "description",
        "hashValue", "hash", "encode", "unknown", "rawValue", "allKnownCases", "additionalProperties", "Member",
        "names", "contains", "declaredPropertyNames",
    ]
    static let typeNames = ["Decimal", "Data", "UUID", "String", "Int32", "Indirect", "ODataJSONValue", "EDMDate",
                            "Codable", "Sendable", "Hashable", "Foundation", "ODataRuntime", "Swift", "Optional", "Array"]
    static let oddNames = ["0", "14", "3DModel", "Größe", "_x_value", "request-id", "prefix/project2", "a.b", "UPPER",
                           "feedbackid", "FeedbackId", "FEEDBACKID", "ÄÖÜ", "名前"]

    static func fixture() -> String {
        func attr(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        }
        let memberNames = keywords + generatedNames + typeNames + oddNames
        var seen = Set<String>()
        let unique = memberNames.filter { seen.insert($0).inserted }
        let props = unique.map { "<Property Name=\"\(attr($0))\" Type=\"Edm.String\"/>" }.joined(separator: "\n")
        let members = unique.enumerated().map { "<Member Name=\"\(attr($0.element))\" Value=\"\($0.offset)\"/>" }.joined(separator: "\n")
        var types = ""
        for (i, name) in (keywords + typeNames + ["Key", "CodingKeys", "Member"]).enumerated() {
            types += "<ComplexType Name=\"\(attr(name))\"><Property Name=\"v\(i)\" Type=\"Edm.Int32\"/></ComplexType>\n"
        }
        return """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="Hostile" xmlns="http://docs.oasis-open.org/odata/ns/edm">
            <EntityType Name="Everything" OpenType="true"><Key><PropertyRef Name="key"/><PropertyRef Name="default"/></Key>
            \(props)
            <NavigationProperty Name="self" Type="Hostile.Everything"/>
            <NavigationProperty Name="Manager" Type="Hostile.Everything"/>
            <NavigationProperty Name="Reports" Type="Collection(Hostile.Everything)"/>
            </EntityType>
            <ComplexType Name="Bag" OpenType="true">\(props)</ComplexType>
            <EnumType Name="Members">\(members)</EnumType>
            <EnumType Name="Flags" IsFlags="true">\(members)</EnumType>
            \(types)
            <EntityContainer Name="C"><EntitySet Name="Everything" EntityType="Hostile.Everything"/></EntityContainer>
            </Schema></edmx:DataServices></edmx:Edmx>
            """
    }

    @Test("keywords, generated member names, runtime type names, digits, non-ASCII and case twins compile")
    func hostileNamesCompile() throws {
        guard let swiftc = CorpusCompileSupport.swiftc else { return }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("odata-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let input = work.appendingPathComponent("hostile.xml")
        try Data(Self.fixture().utf8).write(to: input)
        let out = work.appendingPathComponent("out").path
        let generated = CorpusCompileSupport.run(CLITests.executable.path,
                                                 ["generate", input.path, "--output-directory", out, "--access-modifier", "public"])
        #expect(generated.status == 0, "\(generated.output.suffix(2000))")
        let sources = ["Types.swift", "Enums.swift", "Service.swift"].map { out + "/" + $0 }
        let checked = CorpusCompileSupport.run(swiftc, ["-typecheck", "-swift-version", "6", "-I", CorpusCompileSupport.modules] + sources)
        #expect(checked.status == 0, "kept in \(work.path) for inspection:\n\(checked.output.split(separator: "\n").filter { $0.contains("error") }.prefix(10).joined(separator: "\n"))")
        if checked.status == 0 && generated.status == 0 { try? FileManager.default.removeItem(at: work) }
    }
}
