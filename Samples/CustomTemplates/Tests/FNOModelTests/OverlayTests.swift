import FNOModel
import Foundation
import Testing

@Suite("Template overlay")
struct OverlayTests {
    /// The generated code of this build, in the build plugin's output folder.
    static func generatedTypes() throws -> String {
        var dir = Bundle.main.bundleURL
        for _ in 0..<5 {
            let plugins = dir.appendingPathComponent("plugins/outputs")
            if let found = FileManager.default.enumerator(atPath: plugins.path)?.compactMap({ $0 as? String })
                .first(where: { $0.lowercased().hasPrefix("customtemplates/") && $0.hasSuffix("Generated/Types.swift") }) {
                return try String(contentsOf: plugins.appendingPathComponent(found), encoding: .utf8)
            }
            dir.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    @Test("the overlay's docLines partial rendered the doc comments")
    func overlayUsed() throws {
        let code = try Self.generatedTypes()
        let note = "/// - Note: Rendered with the CustomTemplates sample's overlay (`Templates/docLines.mustache`)."
        #expect(code.contains("/// - Remark: Generated from EntityType `Microsoft.Dynamics.DataEntities.CustomerV3`.\n\(note)\npublic struct CustomerV3"))
        #expect(code.components(separatedBy: note).count - 1 >= 4, "every type and enum carries the overlay's note")
    }

    @Test("the generated types work as usual")
    func types() {
        #expect(CustomerV3.entitySetName == "CustomersV3")
    }
}
