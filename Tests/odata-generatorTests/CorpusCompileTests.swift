import Foundation
import Testing
import ODataCSDL

/// The corpus and a compiler are present (skip cleanly otherwise).
let corpusCompileEnabled = CorpusCompileSupport.corpus != nil && CorpusCompileSupport.swiftc != nil

/// Every corpus document generates Swift that type-checks against ODataRuntime in the Swift 6 language mode.
/// For Microsoft Graph and Dataverse (hundreds of entity sets) the first 50 entity sets are selected. The golden
/// sample's output is fully compiled and exercised by the GeneratedSampleTests target; here `swiftc -typecheck`
/// keeps the whole corpus within seconds.
@Suite("Generated code for the corpus compiles", .enabled(if: corpusCompileEnabled))
struct CorpusCompileTests {
    @Test("every corpus document: generate, then swiftc -typecheck against ODataRuntime")
    func corpusTypechecks() throws {
        try CorpusCompileSupport.typecheckAll()
    }
}

/// Paths and process helpers of the corpus compile check.
enum CorpusCompileSupport {
    static let corpus: String? = {
        let dir = CLITests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        let env = ProcessInfo.processInfo.environment["ODATA_CORPUS"]
        let path = (env?.isEmpty == false ? env : nil) ?? dir
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue ? path : nil
    }()

    static let swiftc: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The runtime's module, from the build these tests run in.
    static let modules = CLITests.executable.deletingLastPathComponent().appendingPathComponent("Modules").path

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func typecheckAll() throws {
        guard let corpus = Self.corpus, let swiftc = Self.swiftc else { return }
        #expect(FileManager.default.fileExists(atPath: Self.modules + "/ODataRuntime.swiftmodule"))
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 30)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("odata-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let failures = Failures()
        let tool = CLITests.executable.path
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let name = files[i]
            let input = corpus + "/" + name
            let out = work.appendingPathComponent(name).path
            var arguments = ["generate", input, "--output-directory", out, "--access-modifier", "public"]
            if let read = try? CSDLReader.read(path: input), let document = read.document {
                let sets = document.schemas.flatMap { $0.entityContainers.flatMap { $0.entitySets.map(\.name) } }
                if sets.count > 50 { arguments += ["--include-entity-sets", sets.prefix(50).joined(separator: ",")] }
            }
            let generated = Self.run(tool, arguments)
            guard generated.status == 0 else {
                failures.add("\(name): generate exited \(generated.status): \(generated.output.suffix(500))")
                return
            }
            let sources = ["Types.swift", "Enums.swift", "Service.swift"].map { out + "/" + $0 }
            let checked = Self.run(swiftc, ["-typecheck", "-swift-version", "6", "-I", Self.modules] + sources)
            if checked.status != 0 {
                let errors = checked.output.split(separator: "\n").filter { $0.contains("error:") }.prefix(5)
                failures.add("\(name): does not type-check:\n" + errors.joined(separator: "\n"))
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list.sorted().joined(separator: "\n\n"))")
    }
}
