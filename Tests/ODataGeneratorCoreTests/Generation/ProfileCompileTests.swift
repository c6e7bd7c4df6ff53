import Foundation
import Testing
import ODataCSDL
@testable import ODataGeneratorCore

/// Profiles decide what exists in the generated API: what F&O rejects does not compile (no runtime 400). The
/// sample is generated with each profile, and snippets are type-checked with it against ODataRuntime.
@Suite("Profiles: unsupported query constructs do not compile", .enabled(if: ProfileCompile.swiftc != nil && ProfileCompile.runtimeModule != nil))
struct ProfileCompileTests {
    static let fnoCases: [(name: String, body: String, compiles: Bool)] = [
        ("wildcard match", #"_ = s.customersV3.filter { $0.organizationName.containsText("retail") }.url"#, true),
        ("eq and ne on an enum", #"_ = s.customersV3.filter { $0.creditLimitIsMandatory == .yes && $0.onHoldStatus != .all }.url"#, true),
        ("crossCompany with dataAreaId in the key", #"_ = s.customersV3.crossCompany().url"#, true),
        ("one-level expand", #"_ = s.customersV3.expand(\.salesOrderHeaders).url"#, true),
        ("contains", #"_ = s.customersV3.filter { $0.organizationName.contains("retail") }.url"#, false),
        ("startsWith", #"_ = s.customersV3.filter { $0.organizationName.startsWith("A") }.url"#, false),
        ("in", #"_ = s.customersV3.filter { $0.customerGroupId.isIn(["10", "20"]) }.url"#, false),
        ("lambda any", #"_ = s.customersV3.filter { $0.salesOrderHeaders.any { $0.currencyCode == "USD" } }.url"#, false),
        ("nested expand", #"_ = s.customersV3.expand(\.salesOrderHeaders) { $0.top(1) }.url"#, false),
        ("lt on an enum", #"_ = s.customersV3.filter { $0.creditLimitIsMandatory < .yes }.url"#, false),
        ("crossCompany without dataAreaId in the key", #"_ = s.legalEntities.crossCompany().url"#, false),
        ("comparing a decimal with a string", #"_ = s.customersV3.filter { $0.creditLimit == "10" }.url"#, false),
        ("key with a missing part", #"_ = s.customersV3.key(customerAccount: "US-001").url"#, false),
        ("select of a navigation property", #"_ = s.customersV3.select(\.salesOrderHeaders).url"#, false),
    ]
    static let genericCases: [(name: String, body: String, compiles: Bool)] = [
        ("contains", #"_ = s.customersV3.filter { $0.organizationName.contains("retail") }.url"#, true),
        ("in", #"_ = s.customersV3.filter { $0.customerGroupId.isIn(["10", "20"]) }.url"#, true),
        ("lambda any", #"_ = s.customersV3.filter { $0.salesOrderHeaders.any { $0.currencyCode == "USD" } }.url"#, true),
        ("nested expand", #"_ = s.customersV3.expand(\.salesOrderHeaders) { $0.select(\.salesOrderNumber).top(1) }.url"#, true),
        ("F&O wildcard", #"_ = s.customersV3.filter { $0.organizationName.containsText("retail") }.url"#, false),
        ("crossCompany", #"_ = s.customersV3.crossCompany().url"#, false),
    ]

    @Test("fno profile")
    func fno() throws {
        try ProfileCompile.check(profile: .fno, cases: Self.fnoCases)
    }

    @Test("generic profile")
    func generic() throws {
        try ProfileCompile.check(profile: .generic, cases: Self.genericCases)
    }
}

enum ProfileCompile {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let swiftc: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The folder holding ODataRuntime.swiftmodule of the build these tests run in.
    static let runtimeModule: String? = {
        #if os(Linux)
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        #else
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
            ?? Bundle.main.bundleURL
        #endif
        let modules = bundle.appendingPathComponent("Modules").path
        return FileManager.default.fileExists(atPath: modules + "/ODataRuntime.swiftmodule") ? modules : nil
    }()

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    }

    static func check(profile: GeneratorConfig.Profile, cases: [(name: String, body: String, compiles: Bool)]) throws {
        guard let swiftc, let modules = runtimeModule else { return }
        let read = try CSDLReader.read(path: GoldenFiles.sampleMetadata.path, displayName: "fno-sample.xml")
        let model = EDMModel(document: try #require(read.document))
        var options = TranslationOptions()
        options.profile = profile
        let files = try CodeGenerator(model: model, plan: .everything(in: model), options: options).generate().files
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("odata-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var sources: [String] = []
        for f in files {
            let url = work.appendingPathComponent(f.name)
            try Data(f.contents.utf8).write(to: url)
            sources.append(url.path)
        }
        let failures = Failures()
        let generated = sources
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let c = cases[i]
            let snippet = work.appendingPathComponent("Snippet\(i).swift")
            let text = "import Foundation\nimport ODataRuntime\n\nfunc snippet() {\n    let s = Resources(context: ODataServiceContext(serviceRoot: URL(fileURLWithPath: \"/data/\")))\n    \(c.body)\n}\n"
            do { try Data(text.utf8).write(to: snippet) } catch { failures.add("\(c.name): \(error)"); return }
            let (status, output) = run(swiftc, ["-typecheck", "-swift-version", "6", "-I", modules] + generated + [snippet.path])
            if c.compiles && status != 0 {
                failures.add("\(profile) \(c.name) should compile:\n" + output.split(separator: "\n").filter { $0.contains("error:") }.prefix(3).joined(separator: "\n"))
            } else if !c.compiles && status == 0 {
                failures.add("\(profile) \(c.name) should not compile")
            } else if !c.compiles && !output.contains("Snippet\(i).swift") {
                failures.add("\(profile) \(c.name) failed outside the snippet:\n" + output.prefix(600))
            }
        }
        #expect(failures.list.isEmpty, "\(failures.list.sorted().joined(separator: "\n\n"))")
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
}
