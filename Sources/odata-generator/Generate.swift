import ArgumentParser
import Foundation
import ODataCSDL
import ODataGeneratorCore

/// `odata-generator generate METADATA --output-directory DIR`: Swift types for the metadata.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift types (entity types, complex types, enums) from a $metadata document.",
        discussion: """
            Writes the files \(CodeGenerator.fileNames().joined(separator: ", ")) (or Types1...TypesN.swift and \
            Enums.swift with --shards N) into the output directory; a file is rewritten only when its bytes change. \
            With --check nothing is written: the command lists the files that would change and exits 1 when there \
            are any. Settings come from odata-generator-config.yaml (--config) and the flags, which win.
            """
    )

    @Argument(help: "The metadata file (CSDL XML); default: the config's `metadata:`.")
    var metadata: String?

    @Option(name: .customLong("output-directory"), help: "Where the generated files go.")
    var outputDirectory: String?

    @Option(help: "An odata-generator-config.yaml file.")
    var config: String?

    @Option(name: .customLong("include-entity-sets"), help: "Entity sets to generate (names or globs, comma-separated).")
    var includeEntitySets: String?

    @Option(name: .customLong("exclude-entity-sets"), help: "Entity sets to leave out (names or globs, comma-separated).")
    var excludeEntitySets: String?

    @Option(name: .customLong("access-modifier"), help: "public, package or internal (default internal).")
    var accessModifier: String?

    @Option(help: "Split the generated types over this many files (so large selections compile in parallel).")
    var shards: Int?

    @Option(name: .customLong("templates"), help: "A folder of .mustache templates overlaying the bundled ones by name.")
    var templatesDirectory: String?

    @Option(help: "Print why a type (or set, or operation) is generated: the chain of references; generate nothing.")
    var why: String?

    @Flag(help: "Write nothing; list the files that would change and exit 1 when any would.")
    var check = false

    @Flag(name: .customLong("dump-context"), help: "Print the template context as JSON instead of generating.")
    var dumpContext = false

    func validate() throws {
        if let accessModifier, GeneratorConfig.AccessModifier(rawValue: accessModifier) == nil {
            throw ValidationError("--access-modifier must be public, package or internal, not \(accessModifier)")
        }
        if let shards, !GeneratorConfig.shardRange.contains(shards) {
            throw ValidationError("--shards must be between \(GeneratorConfig.shardRange.lowerBound) and \(GeneratorConfig.shardRange.upperBound)")
        }
        if outputDirectory == nil && !dumpContext && why == nil {
            throw ValidationError("give --output-directory DIR (or --dump-context, or --why NAME)")
        }
    }

    private func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    func run() throws {
        var settings = GeneratorConfig()
        if let config {
            guard let yaml = try? String(contentsOfFile: config, encoding: .utf8) else {
                writeStandardError("\(config): error: cannot read the config file\n")
                exitProcess(ODataGenerator.Status.usage)
            }
            let parsed = GeneratorConfig.parse(yaml: yaml, file: config)
            for d in parsed.diagnostics { writeStandardError(d.description + "\n") }
            guard let parsedConfig = parsed.config else { exitProcess(ODataGenerator.Status.documentErrors) }
            settings = parsedConfig.resolvingPaths(againstDirectory: (config as NSString).deletingLastPathComponent)
        }
        settings = settings.merging(cli: GeneratorConfigOverrides(
            includeEntitySets: list(includeEntitySets), excludeEntitySets: list(excludeEntitySets),
            accessModifier: accessModifier.flatMap(GeneratorConfig.AccessModifier.init(rawValue:)),
            metadata: metadata, templates: templatesDirectory, shards: shards))
        guard let metadataPath = settings.metadata else {
            writeStandardError("error: no metadata file: give it as the first argument or as `metadata:` in the config\n")
            exitProcess(ODataGenerator.Status.usage)
        }
        let loaded = try loadModel(metadataPath)
        for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
        guard let model = loaded.model, !loaded.diagnostics.hasErrors else {
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        let selection = Selection.select(model: model, options: SelectionOptions(config: settings, configFile: config))
        for d in selection.diagnostics.sortedByLocation() { writeStandardError(d.description + "\n") }
        if selection.diagnostics.hasErrors { exitProcess(ODataGenerator.Status.documentErrors) }
        if let why {
            guard let chain = selection.whyDescription(why) else {
                writeStandardError("\(why) is not generated by this selection (or is not declared in \(metadataPath))\n")
                exitProcess(ODataGenerator.Status.documentErrors)
            }
            print(chain)
            return
        }
        let options = TranslationOptions(config: settings, inputName: URL(fileURLWithPath: metadataPath).lastPathComponent)
        let generator = CodeGenerator(model: model, plan: GenerationPlan(selection: selection, model: model),
                                      options: options, shards: settings.shards ?? 1)
        if dumpContext {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(generator.contexts().files)
            print(String(decoding: data, as: UTF8.self))
            return
        }
        var templates = TemplateSet.bundled
        if let dir = settings.templates {
            templates = templates.overlaid(with: try readTemplates(dir))
        }
        let result: (files: [GeneratedFile], notes: [Diagnostic])
        do {
            result = try generator.generate(templates: templates)
        } catch {
            writeStandardError("error: \(error)\n")
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        for n in result.notes { writeStandardError(n.description + "\n") }
        let dir = URL(fileURLWithPath: outputDirectory ?? ".")
        var changed: [String] = []
        for file in result.files {
            let url = dir.appendingPathComponent(file.name)
            let bytes = Data(file.contents.utf8)
            if (try? Data(contentsOf: url)) == bytes { continue }
            changed.append(file.name)
            if check { continue }
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try bytes.write(to: url, options: .atomic)
            } catch {
                writeStandardError("\(url.path): error: cannot write: \(error.localizedDescription)\n")
                exitProcess(ODataGenerator.Status.usage)
            }
        }
        // Files an earlier run generated that this run does not (fewer shards, a file the generator no longer
        // writes): removed, so stale code never compiles on.
        let current = Set(result.files.map(\.name))
        let leftovers = Self.generatedFiles(in: dir).filter { !current.contains($0) }
        if check {
            for name in changed {
                writeStandardError("\(dir.appendingPathComponent(name).path): stale; regenerate with odata-generator generate\n")
            }
            for name in leftovers {
                writeStandardError("\(dir.appendingPathComponent(name).path): stale; no longer generated, regenerate with odata-generator generate\n")
            }
            let clean = changed.isEmpty && leftovers.isEmpty
            exitProcess(clean ? ODataGenerator.Status.ok : ODataGenerator.Status.documentErrors)
        }
        for name in leftovers {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
            changed.append(name)
        }
        if selection.isEmpty { writeStandardError("note: nothing to generate; the files hold only their header\n") }
        writeStandardError("generated \(result.files.count) files in \(dir.path) (\(changed.count) changed)\n")
    }
}

extension Generate {
    /// The names of the `.swift` files in `directory` that this generator wrote (their first line is its header).
    static func generatedFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            guard name.hasSuffix(".swift"), let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(name).path) else {
                return false
            }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 64)) ?? Data()
            return String(decoding: head, as: UTF8.self).hasPrefix("// Generated by swift-odata-generator")
        }.sorted()
    }
}

/// Reads the `*.mustache` files of an overlay folder (names relative to it, without the extension).
func readTemplates(_ directory: String) throws -> [(name: String, text: String)] {
    let fm = FileManager.default
    guard let enumerator = fm.enumerator(atPath: directory) else {
        writeStandardError("\(directory): error: not a readable templates folder\n")
        throw ExitCode(ODataGenerator.Status.usage)
    }
    var result: [(name: String, text: String)] = []
    for case let path as String in enumerator where path.hasSuffix(".mustache") {
        let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(path), encoding: .utf8)
        result.append((String(path.dropLast(".mustache".count)), text))
    }
    return result.sorted { $0.name < $1.name }
}

/// `odata-generator templates list|cat NAME`: the bundled templates, to start an overlay from.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the bundled templates or print one, to start a template overlay from.",
        subcommands: [List.self, Cat.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled templates.")
        func run() {
            for t in TemplateSet.bundled.templates { print(t.name + ".mustache") }
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a bundled template.")
        @Argument(help: "The template name, with or without .mustache.")
        var name: String
        func run() throws {
            let bare = name.hasSuffix(".mustache") ? String(name.dropLast(9)) : name
            guard let text = TemplateSet.bundled.text(of: bare) else {
                writeStandardError("error: no bundled template named \(name); see odata-generator templates list\n")
                throw ExitCode(ODataGenerator.Status.usage)
            }
            print(text)
        }
    }
}
