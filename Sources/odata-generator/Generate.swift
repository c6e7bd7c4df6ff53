import ArgumentParser
import Foundation
import ODataCSDL
import ODataGeneratorCore

/// `odata-generator generate METADATA --output-directory DIR`: Swift types for the metadata.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift types (entity types, complex types, enums) from a $metadata document.",
        discussion: """
            Writes the files \(CodeGenerator.fileNames().joined(separator: ", ")) (or Types1...TypesN.swift with \
            --shards N) into the output directory; a file is rewritten only when its bytes change. With --check \
            nothing is written: the command lists the files that would change and exits 1 when there are any.
            """
    )

    @Argument(help: "The metadata file (CSDL XML).")
    var metadata: String

    @Option(name: .customLong("output-directory"), help: "Where the generated files go.")
    var outputDirectory: String?

    @Option(name: .customLong("access-modifier"), help: "public, package or internal (default internal).")
    var accessModifier: String = "internal"

    @Option(help: "Split the generated types over this many files (so large selections compile in parallel).")
    var shards: Int = 1

    @Option(name: .customLong("templates"), help: "A folder of .mustache templates overlaying the bundled ones by name.")
    var templatesDirectory: String?

    @Flag(help: "Write nothing; list the files that would change and exit 1 when any would.")
    var check = false

    @Flag(name: .customLong("dump-context"), help: "Print the template context as JSON instead of generating.")
    var dumpContext = false

    func validate() throws {
        guard ["public", "package", "internal"].contains(accessModifier) else {
            throw ValidationError("--access-modifier must be public, package or internal, not \(accessModifier)")
        }
        guard (1...64).contains(shards) else { throw ValidationError("--shards must be between 1 and 64") }
        if outputDirectory == nil && !dumpContext {
            throw ValidationError("give --output-directory DIR (or --dump-context to print the template context)")
        }
    }

    func run() throws {
        let loaded = try loadModel(metadata)
        for d in loaded.diagnostics { writeStandardError(d.description + "\n") }
        guard let model = loaded.model, !loaded.diagnostics.hasErrors else {
            exitProcess(ODataGenerator.Status.documentErrors)
        }
        var options = TranslationOptions()
        options.accessModifier = accessModifier
        options.inputName = URL(fileURLWithPath: metadata).lastPathComponent
        let generator = CodeGenerator(model: model, plan: .everything(in: model), options: options, shards: shards)
        if dumpContext {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(generator.contexts().files)
            print(String(decoding: data, as: UTF8.self))
            return
        }
        var templates = TemplateSet.bundled
        if let dir = templatesDirectory {
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
        if check {
            for name in changed { writeStandardError("\(dir.appendingPathComponent(name).path): stale; regenerate with odata-generator generate\n") }
            exitProcess(changed.isEmpty ? ODataGenerator.Status.ok : ODataGenerator.Status.documentErrors)
        }
        writeStandardError("generated \(result.files.count) files in \(dir.path) (\(changed.count) changed)\n")
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
