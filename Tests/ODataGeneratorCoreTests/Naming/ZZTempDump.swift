import Testing
import Foundation
import ODataGeneratorCore

@Suite struct ZZTempDump {
    @Test func dump() throws {
        var lines: [String] = []
        for file in NamingCorpus.files {
            guard let model = CorpusNamingTests.model(file) else { continue }
            for (scope, entries) in CorpusNamingTests.scopes(of: model) {
                let r = SwiftNamer().resolve(entries, in: scope)
                for n in r.notes { lines.append("\(file)\t\(scope.role)\t\(n.edmName)\t\(n.swiftName)\t\(n.reason)") }
                for e in r.errors { lines.append("ERR \(e)") }
            }
        }
        try lines.joined(separator: "\n").write(toFile: "/tmp/h6exp/notes.tsv", atomically: true, encoding: .utf8)
    }
}
