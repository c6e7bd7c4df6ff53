import ArgumentParser
import Foundation
import ODataCSDL
import ODataGeneratorCore

/// The metadata, config and selection flags of `connector` and `openapi` (the selection flags of `generate`).
struct ExportInputOptions: ParsableArguments {
    @Argument(help: "The metadata file (CSDL XML); default: the config's `metadata:`.")
    var metadata: String?

    @Option(help: "An odata-generator-config.yaml file (its `connector:` section and selection).")
    var config: String?

    @Option(name: .customLong("include-entity-sets"), help: "Entity sets to export (names or globs, comma-separated).")
    var includeEntitySets: String?

    @Option(name: .customLong("exclude-entity-sets"), help: "Entity sets to leave out (names or globs, comma-separated).")
    var excludeEntitySets: String?

    @Option(help: "The environment host name, e.g. contoso.operations.dynamics.com (overrides connector.host).")
    var host: String?

    @Option(help: "The connector title, at most 30 characters (overrides connector.title).")
    var title: String?

    /// Reads the config and the model, selects, and returns what the exports need; exits 1 or 2 on errors.
    func load() throws -> (model: EDMModel, selection: SelectionResult, options: ConnectorOptions) {
        let settings = loadSettings(config: config, overrides: GeneratorConfigOverrides(
            includeEntitySets: commaSeparated(includeEntitySets), excludeEntitySets: commaSeparated(excludeEntitySets),
            metadata: metadata))
        let metadataPath = requireMetadata(settings)
        let loaded = try loadModel(metadataPath)
        for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
        guard let model = loaded.model, !loaded.diagnostics.hasErrors else {
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        let selection = Selection.select(model: model, options: SelectionOptions(config: settings, configFile: config))
        for d in selection.diagnostics.sortedByLocation() where d.severity != .note {
            writeStandardError(d.description + "\n")
        }
        if selection.diagnostics.hasErrors { exitProcess(ODataGenerator.Status.documentErrors) }
        let fno = settings.effectiveProfile(namespaces: model.document.schemas.map(\.namespace)) == .fno
        let options = ConnectorOptions(config: settings.connector, financeAndOperations: fno, title: title, host: host)
        let problems = options.problems()
        if !problems.isEmpty {
            for p in problems { writeStandardError("error: \(p)\n") }
            exitProcess(ODataGenerator.Status.usage)
        }
        return (model, selection, options)
    }
}

/// Writes `bytes` to `path` (creating folders) unless it already holds them; exits 2 when it cannot.
func writeFile(_ bytes: [UInt8], to url: URL) {
    let data = Data(bytes)
    if (try? Data(contentsOf: url)) == data { return }
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    } catch {
        writeStandardError("\(url.path): error: cannot write: \(error.localizedDescription)\n")
        exitProcess(ODataGenerator.Status.usage)
    }
}

/// `odata-generator connector METADATA --output-directory DIR`: a Power Platform custom connector.
struct Connector: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the selected entity sets as a Power Platform custom connector (Swagger 2.0).",
        discussion: """
            Writes apiDefinition.swagger.json, apiProperties.json, settings.json, icon.png and README.md into the \
            output directory, ready for `paconn create` or `pac connector create`. A selection over 256 operations or \
            1 MiB is split by entity set into DIR/<Name>-1, DIR/<Name>-2, ... Every connector is checked with the \
            offline linter (lint-connector); violations are printed as `RULE message at file#pointer` and exit 1. \
            Settings come from the config's `connector:` section; --title and --host win.
            """
    )

    @OptionGroup var input: ExportInputOptions

    @Option(name: .customLong("output-directory"), help: "Where the connector folder(s) go.")
    var outputDirectory: String

    func run() throws {
        let (model, selection, options) = try input.load()
        let export: ConnectorExport
        do {
            export = try ConnectorExporter.connector(model: model, selection: selection, options: options)
        } catch {
            writeStandardError("error: \(error)\n")
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        for n in export.notes { writeStandardError(n.description + "\n") }
        let dir = URL(fileURLWithPath: outputDirectory)
        var violations = 0
        for part in export.parts {
            let prefix = part.folder.isEmpty ? "" : part.folder + "/"
            var files: [String: Data] = [:]
            for name in [ConnectorExporter.definitionFile, ConnectorExporter.propertiesFile, ConnectorExporter.settingsFile] {
                files[name] = export.files[prefix + name].map { Data($0) }
            }
            for v in ConnectorLinter.lint(files: files) {
                violations += 1
                writeStandardError("\(v.rule) \(v.message) at \(prefix)\(v.file)#\(v.pointer)\n")
            }
        }
        if violations > 0 {
            writeStandardError("error: the export breaks \(violations) connector rule(s); nothing was written\n")
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        for path in export.files.keys.sorted() { writeFile(export.files[path]!, to: dir.appendingPathComponent(path)) }
        if export.isSplit {
            writeStandardError("split into \(export.parts.count) connectors (at most 256 operations and 1 MiB each):\n")
            for part in export.parts {
                writeStandardError("  \(dir.appendingPathComponent(part.folder).path): \(part.title), \(part.operationCount) operations, "
                    + "\(part.definitionBytes) bytes: \(part.groups.joined(separator: ", "))\n")
            }
        } else if let part = export.parts.first {
            writeStandardError("wrote connector \(part.title) to \(dir.path): \(part.groups.count) entity sets, "
                + "\(part.operationCount) operations, \(part.definitionBytes) bytes\n")
        }
    }
}

/// `odata-generator openapi METADATA --output FILE`: an OpenAPI 3.0.3 document.
struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Export the selected entity sets as an OpenAPI 3.0.3 document (JSON or YAML).",
        discussion: """
            The same operations, operation IDs and schemas as the connector, with nullable: true, enums, the OData \
            query options and key paths; no $batch. Never split. --format defaults to the file's extension \
            (.yaml/.yml) or json.
            """
    )

    @OptionGroup var input: ExportInputOptions

    @Option(help: "The file to write.")
    var output: String

    @Option(help: "json or yaml (default: from the file extension, else json).")
    var format: String?

    func validate() throws {
        if let format, ConnectorExporter.Format(rawValue: format) == nil {
            throw ValidationError("--format must be json or yaml, not \(format)")
        }
    }

    func run() throws {
        let (model, selection, options) = try input.load()
        let lower = output.lowercased()
        let chosen = format.flatMap(ConnectorExporter.Format.init(rawValue:))
            ?? (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") ? .yaml : .json)
        let result: (bytes: [UInt8], notes: [Diagnostic])
        do {
            result = try ConnectorExporter.openAPI(model: model, selection: selection, options: options, format: chosen)
        } catch {
            writeStandardError("error: \(error)\n")
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        for n in result.notes { writeStandardError(n.description + "\n") }
        writeFile(result.bytes, to: URL(fileURLWithPath: output))
        writeStandardError("wrote \(output) (\(result.bytes.count) bytes)\n")
    }
}
