import ArgumentParser
import Dispatch
import Foundation
import ODataCSDL
import ODataGeneratorCore

/// When `diff` exits with status 1.
enum DiffFailOn: String, ExpressibleByArgument, CaseIterable {
    case breaking, any
}

/// `odata-generator diff OLD NEW`: what changed between two metadata documents, classified for the generated code.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two $metadata documents and classify every change as breaking or additive for the generated Swift code.",
        discussion: """
            Compares entity sets, singletons, entity/complex/enum types, type definitions, properties, keys, \
            navigation properties, enum members, actions and functions (every overload) with their parameters, and \
            imports. Renames show as a removal plus an addition. Breaking: anything removed, a type changed, a key or \
            base type changed, a property's nullability changed (either way), properties reordered, a new \
            non-nullable property or parameter, an enum member removed, an open type closed. Additive: new sets, \
            types, operations, navigation, optional properties and parameters, enum members (generated enums \
            tolerate unknown members), facet changes. The full rule: MetadataDiff in ODataGeneratorCore.

            With --config, both documents are restricted to the config's selection (and its closure).
            --format json prints {"changes":[{"kind","path","breaking","old","new","reason"}],\
            "summary":{"breaking","additive","total"}} with sorted keys.
            Exit status: 0, or 1 when --fail-on is met (breaking: a breaking change; any: any change), \
            2 on a usage error, an unreadable document or a document with errors (its diagnostics are printed).
            """
    )

    @Argument(help: "The old metadata file (CSDL XML).")
    var old: String

    @Argument(help: "The new metadata file (CSDL XML).")
    var new: String

    @Option(help: "An odata-generator-config.yaml: compare only its selection.")
    var config: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there is a breaking change (breaking) or any change (any).")
    var failOn: DiffFailOn?

    func run() throws {
        // Exit 1 means --fail-on was met, so a config with errors exits 2.
        let options = config.map { config in
            SelectionOptions(config: loadSettings(config: config, overrides: GeneratorConfigOverrides(),
                                                  configErrorStatus: ODataGenerator.Status.usage), configFile: config)
        }

        // Both documents at once: each read already overlaps parsing and building on two threads.
        let loads = LoadBox()
        let paths = [old, new]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            loads.set(i, Result { try loadModel(paths[i]) })
        }
        var models: [EDMModel] = []
        var failed = false
        for (i, result) in loads.results.enumerated() {
            guard case .success(let loaded)? = result else {
                if case .failure(let error)? = result, !(error is ExitCode) {
                    writeStandardError("\(paths[i]): error: \(error)\n")
                }
                failed = true
                continue
            }
            if loaded.diagnostics.hasErrors || loaded.model == nil {
                for d in loaded.diagnostics where d.severity == .error { writeStandardError(d.description + "\n") }
                writeStandardError("\(paths[i]): error: the document has errors; fix them (see odata-generator validate) before comparing\n")
                failed = true
                continue
            }
            let warnings = loaded.diagnostics.count { $0.severity == .warning }
            if warnings > 0 {
                writeStandardError("\(paths[i]): note: \(warnings) warning\(warnings == 1 ? "" : "s") (elements set aside are not compared); see odata-generator validate\n")
            }
            if let model = loaded.model { models.append(model) }
        }
        if failed { exitProcess(ODataGenerator.Status.usage) }

        var selections: [SelectionResult?] = [nil, nil]
        if let options {
            selections = models.map { Selection.select(model: $0, options: options) }
            // An include pattern that matches nothing on one side is a change the diff reports; on both, a mistake.
            let oldErrors = Set(selections[0]?.diagnostics.filter { $0.severity == .error }.map { "\($0.line):\($0.column)" } ?? [])
            let both = selections[1]?.diagnostics.filter { $0.severity == .error && oldErrors.contains("\($0.line):\($0.column)") } ?? []
            if !both.isEmpty {
                for d in both { writeStandardError(d.description + "\n") }
                exitProcess(ODataGenerator.Status.usage)
            }
        }
        let report = MetadataDiff.compare(old: models[0], new: models[1], oldSelection: selections[0],
                                          newSelection: selections[1])
        switch format {
        case .json: print(report.json(), terminator: "")
        case .text: print(report.text(old: old, new: new), terminator: "")
        }
        let fail: Bool
        switch failOn {
        case .breaking?: fail = report.breakingCount > 0
        case .any?: fail = !report.changes.isEmpty
        case nil: fail = false
        }
        // Exit while the models are alive: tearing down two large models costs more than the OS reclaiming them.
        exitProcess(fail ? ODataGenerator.Status.documentErrors : ODataGenerator.Status.ok)
    }
}

/// Results of loading two documents on two threads.
final class LoadBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<LoadedModel, any Error>?] = [nil, nil]

    func set(_ index: Int, _ result: Result<LoadedModel, any Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
}
