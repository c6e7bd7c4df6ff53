import Foundation
import Testing
@testable import ODataGeneratorCore

/// The configuration reference (DocC) names every key the schema accepts, so the manual cannot fall behind the parser.
@Suite("Config: the configuration reference documents every key")
struct ConfigDocumentationTests {
    static let reference = GoldenFiles.packageRoot
        .appendingPathComponent("Sources/odata-generator/Documentation.docc/Configuration.md")

    /// Every key name, nested sections included (`include`, `entitySets`, `connector`, `title`, ...).
    static func names(_ keys: [ConfigSchema.Key]) -> [String] {
        keys.flatMap { key -> [String] in
            if case .section(let nested) = key.kind { return [key.name] + names(nested) }
            return [key.name]
        }
    }

    @Test("each schema key appears in Configuration.md as `key`")
    func everyKeyDocumented() throws {
        let text = try String(contentsOf: Self.reference, encoding: .utf8)
        let missing = Self.names(GeneratorConfig.schema.keys).filter { !text.contains("`\($0)`") && !text.contains("\($0):") }
        #expect(missing.isEmpty, "Configuration.md does not mention: \(missing.joined(separator: ", "))")
    }
}
