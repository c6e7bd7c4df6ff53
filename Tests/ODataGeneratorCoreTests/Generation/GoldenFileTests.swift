import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// The generated code for the bundled F&O-style sample, compared byte for byte with the committed golden files in
/// Tests/GeneratedSampleTests/Generated (a test target compiles and exercises them). To update them after an
/// intended change: `ODATA_RECORD_GOLDENS=1 swift test --filter GoldenFileTests`, then review the diff.
@Suite("Code generation: golden files")
struct GoldenFileTests {
    static func generateSample() throws -> [GeneratedFile] {
        let read = try CSDLReader.read(path: GoldenFiles.sampleMetadata.path, displayName: "fno-sample.xml")
        let model = EDMModel(document: try #require(read.document))
        var options = TranslationOptions()
        options.accessModifier = "public"
        options.inputName = "fno-sample.xml"
        return try CodeGenerator(model: model, plan: .everything(in: model), options: options).generate().files
    }

    @Test("the sample's generated code equals the committed golden files")
    func golden() throws {
        let files = try Self.generateSample()
        let record = ProcessInfo.processInfo.environment["ODATA_RECORD_GOLDENS"] == "1"
        for file in files {
            // The sample's labels hold `&`, `<`-free text: Mustache must not have HTML-escaped anything.
            for entity in ["&lt;", "&gt;", "&amp;", "&quot;", "&#"] {
                #expect(!file.contents.contains(entity), "\(file.name) contains \(entity)")
            }
            let url = GoldenFiles.goldenDirectory.appendingPathComponent(file.name)
            if record {
                try FileManager.default.createDirectory(at: GoldenFiles.goldenDirectory, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
                continue
            }
            let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            #expect(file.contents == expected, "\(file.name) differs from the golden file:\n\(lineDiff(expected, file.contents))\nRecord with ODATA_RECORD_GOLDENS=1 after reviewing.")
        }
    }
}

/// A short line diff: the first differing lines with their numbers.
func lineDiff(_ old: String, _ new: String, limit: Int = 20) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(a.count, b.count) where out.count < limit {
        let l = i < a.count ? String(a[i]) : nil
        let r = i < b.count ? String(b[i]) : nil
        if l != r {
            if let l { out.append("-\(i + 1): \(l)") }
            if let r { out.append("+\(i + 1): \(r)") }
        }
    }
    return out.joined(separator: "\n")
}
