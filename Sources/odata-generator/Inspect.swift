import ArgumentParser
import Dispatch
import ODataCSDL

/// Output formats of `inspect`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `odata-generator inspect FILE`: a summary of the model.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize a $metadata document: namespaces, counts of what it declares, the widest entity types, and every diagnostic.",
        discussion: """
            With --format json, standard output holds one JSON document: {"file", "version", "namespaces", \
            "counts", "diagnostics", "widestEntityTypes"}. Counts are of elements declared in the document \
            (before resolution); "annotations" counts every Annotation element. Human-readable text goes to \
            standard error in that mode.
            """
    )

    @Argument(help: "The metadata file (CSDL XML, e.g. a saved /data/$metadata).")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: .hidden)
    var timings = false

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try loadModel(file, timings: timings)
        let loadedAt = clock.now
        let summary = ModelSummary(file: file, loaded: loaded)
        if timings { writeStandardError("timing: read+resolve \(loadedAt - start), summary \(clock.now - loadedAt)\n") }
        switch format {
        case .json:
            print(summary.json(), terminator: "")
            for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
        case .text:
            for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
            print(summary.text(), terminator: "")
        }
        // Exit while the model is alive: tearing down a large model costs more than the OS reclaiming it.
        exitProcess(loaded.diagnostics.hasErrors ? ODataGenerator.Status.documentErrors : ODataGenerator.Status.ok)
    }
}

/// `odata-generator validate FILE`: diagnostics only.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a $metadata document and print every diagnostic in compiler format (path:line:col: severity: message).",
        discussion: "Exit status 0 when there are no errors (warnings are allowed), 1 when there are, 2 when the file cannot be read."
    )

    @Argument(help: "The metadata file (CSDL XML).")
    var file: String

    func run() throws {
        let loaded = try loadModel(file)
        for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }.count
        writeStandardError("\(file): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        exitProcess(errors > 0 ? ODataGenerator.Status.documentErrors : ODataGenerator.Status.ok)
    }
}

/// A document read and resolved, with every diagnostic sorted by location.
struct LoadedModel {
    var document: CSDLDocument?
    var model: EDMModel?
    var diagnostics: [Diagnostic]
    /// Counts of the declared elements (zero when there is no document).
    var counts: CSDLCounts
}

/// Reads and resolves `file`; exits with status 2 when it cannot be read.
func loadModel(_ file: String, timings: Bool = false) throws -> LoadedModel {
    let clock = ContinuousClock()
    let start = clock.now
    let result: CSDLReadResult
    do {
        result = try CSDLReader.read(path: file)
    } catch {
        writeStandardError(error.description + "\n")
        throw ExitCode(ODataGenerator.Status.usage)
    }
    var diagnostics = result.diagnostics
    var model: EDMModel?
    let readAt = clock.now
    let counts = CountsInBackground(result.document)
    if let document = result.document, !result.diagnostics.hasErrors {
        let m = EDMModel(document: document)
        diagnostics += m.diagnostics
        model = m
    }
    if timings { writeStandardError("timing: read \(readAt - start), resolve \(clock.now - readAt)\n") }
    return LoadedModel(document: result.document, model: model, diagnostics: diagnostics.sortedByLocation(),
                       counts: counts.wait())
}

/// Counts the declared elements on another thread while the model is resolved (both only read the document).
final class CountsInBackground: @unchecked Sendable {
    private var result = CSDLCounts()
    private let group = DispatchGroup()

    init(_ document: CSDLDocument?) {
        guard let document else { return }
        DispatchQueue.global().async(group: group) { self.result = document.counts() }
    }

    func wait() -> CSDLCounts {
        group.wait()
        return result
    }
}
