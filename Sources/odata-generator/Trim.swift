import ArgumentParser
import Foundation
import ODataCSDL
import ODataGeneratorCore

/// `odata-generator trim METADATA --output FILE`: a smaller EDMX with the selection and its closure.
struct Trim: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a smaller $metadata document holding only a selection, its closure and their annotations.",
        discussion: """
            The selection comes from --config (its include/exclude lists and navigation mode) and the \
            --include-entity-sets/--exclude-entity-sets flags, which win. The output keeps references and schemas, \
            the selected types, sets, singletons, operations and imports, the closure they need, navigation (and \
            bindings) that stays inside the selection, the annotations of what is kept and the terms they use. \
            Generating Swift from it with the same selection gives the same files as from the full document. \
            The file is written atomically and only when its bytes change.
            Exit status: 0, 1 when the document or the selection has errors, 2 on a usage error or unreadable input.
            """
    )

    @Argument(help: "The metadata file (CSDL XML); default: the config's `metadata:`.")
    var metadata: String?

    @Option(help: "The trimmed file to write.")
    var output: String

    @Option(help: "An odata-generator-config.yaml file: its selection is kept.")
    var config: String?

    @Option(name: .customLong("include-entity-sets"), help: "Entity sets to keep (names or globs, comma-separated).")
    var includeEntitySets: String?

    @Option(name: .customLong("exclude-entity-sets"), help: "Entity sets to leave out (names or globs, comma-separated).")
    var excludeEntitySets: String?

    func run() throws {
        let settings = loadSettings(config: config, overrides: GeneratorConfigOverrides(
            includeEntitySets: commaSeparated(includeEntitySets), excludeEntitySets: commaSeparated(excludeEntitySets),
            metadata: metadata))
        let metadataPath = requireMetadata(settings)
        let loaded = try loadModel(metadataPath)
        for d in loaded.diagnostics where d.severity == .error { writeStandardError(d.description + "\n") }
        guard let model = loaded.model, !loaded.diagnostics.hasErrors else {
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        let selection = Selection.select(model: model, options: SelectionOptions(config: settings, configFile: config))
        for d in selection.diagnostics where d.severity != .note { writeStandardError(d.description + "\n") }
        if selection.diagnostics.hasErrors { exitProcess(ODataGenerator.Status.documentErrors) }
        let result = MetadataTrimmer.trim(model: model, selection: selection)
        let url = URL(fileURLWithPath: output)
        let bytes = Data(result.bytes)
        if (try? Data(contentsOf: url)) != bytes {
            do {
                try bytes.write(to: url, options: .atomic)
            } catch {
                writeStandardError("\(output): error: cannot write: \(error.localizedDescription)\n")
                exitProcess(ODataGenerator.Status.usage)
            }
        }
        let inputSize = (try? FileManager.default.attributesOfItem(atPath: metadataPath)[.size] as? Int) ?? 0
        writeStandardError("""
            wrote \(output): \(bytes.count) bytes (from \(inputSize)); kept \(selection.entitySets.count) entity sets, \
            \(selection.singletons.count) singletons, \(selection.entityTypes.count) entity types, \
            \(selection.complexTypes.count) complex types, \(selection.enumTypes.count) enum types, \
            \(selection.operations.count) operations; left out \(result.droppedNavigationProperties) navigation \
            properties leaving the selection and \(result.droppedAnnotationGroups) Annotations elements\n
            """)
        exitProcess(ODataGenerator.Status.ok)
    }
}
