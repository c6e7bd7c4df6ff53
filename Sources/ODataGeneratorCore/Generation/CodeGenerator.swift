import Dispatch
import Foundation
import Mustache
import ODataCSDL

/// A file the generator produces: a fixed name and its bytes (UTF-8, LF, one trailing newline).
public struct GeneratedFile: Sendable, Equatable {
    public var name: String
    public var contents: String
}

/// The templates a run renders with: the bundled ones, overlaid by a user's by name.
public struct TemplateSet: Sendable {
    /// (name without `.mustache`, text), sorted by name.
    public private(set) var templates: [(name: String, text: String)]

    /// The templates bundled with the generator (embedded in the binary).
    public static var bundled: TemplateSet { TemplateSet(templates: EmbeddedTemplates.all) }

    /// Replaces or adds templates by name (a user's `templates:` overlay folder).
    public func overlaid(with overrides: [(name: String, text: String)]) -> TemplateSet {
        var byName = templates
        for o in overrides {
            if let i = byName.firstIndex(where: { $0.name == o.name }) { byName[i] = o } else { byName.append(o) }
        }
        return TemplateSet(templates: byName.sorted { $0.name < $1.name })
    }

    /// The text of a template, if there is one of that name.
    public func text(of name: String) -> String? {
        templates.first { $0.name == name }?.text
    }
}

/// Problems with templates (a user's overlay can be malformed).
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Renders template contexts into files. Every template and partial is forced to plain text: Mustache escapes
/// HTML by default, which would turn `<` in generated Swift into `&lt;`.
public struct CodeRenderer: Sendable {
    private let library: MustacheLibrary

    public init(templates: TemplateSet) throws {
        var library = MustacheLibrary()
        for t in templates.templates {
            do {
                try library.register("{{%CONTENT_TYPE: TEXT}}\n" + t.text, named: t.name)
            } catch {
                throw TemplateError(description: "template \(t.name).mustache does not parse: \(error)")
            }
        }
        guard library.getTemplate(named: "file") != nil else {
            throw TemplateError(description: "there is no template named file.mustache; it renders each output file")
        }
        self.library = library
    }

    /// Renders one file, normalized: LF line ends, no trailing whitespace, no runs of blank lines, one final newline.
    public func render(_ file: FileContext) -> String {
        let raw = library.render(file, withTemplate: "file") ?? ""
        return CodeRenderer.normalize(raw)
    }

    static func normalize(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 1)
        var line: [UInt8] = []
        var blank = 0
        func flush() {
            // Trailing spaces and tabs go; a run of blank lines becomes one; leading blank lines go.
            while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line.removeLast() }
            if line.isEmpty {
                blank += 1
                if blank > 1 || out.isEmpty { return }
            } else {
                blank = 0
            }
            out.append(contentsOf: line)
            out.append(0x0A)
        }
        for byte in text.utf8 {
            if byte == 0x0A {
                flush()
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        flush()
        while out.count >= 2 && out[out.count - 1] == 0x0A && out[out.count - 2] == 0x0A { out.removeLast() }
        if out.isEmpty { return "\n" }
        if out.last != 0x0A { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The whole generation: model and plan in, files out. No file I/O.
public struct CodeGenerator {
    /// The output file names, known before generation (the build plugin declares them from the config alone).
    public static func fileNames(shards: Int = 1) -> [String] {
        shards <= 1 ? ["Types.swift", "Enums.swift", "Service.swift"]
            : (1...shards).map { "Types\($0).swift" } + ["Enums.swift", "Service.swift"]
    }

    public let model: EDMModel
    public let plan: GenerationPlan
    public var options: TranslationOptions
    public var shards: Int

    public init(model: EDMModel, plan: GenerationPlan, options: TranslationOptions, shards: Int = 1) {
        self.model = model
        self.plan = plan
        self.options = options
        self.shards = max(1, shards)
    }

    /// The contexts of every output file, in `fileNames` order.
    public func contexts() -> (files: [FileContext], notes: [Diagnostic]) {
        var translator = Translator(model: model, plan: plan, options: options)
        let structs = translator.structs()
        let enums = translator.enums()
        let service = translator.service()
        let header = "// Generated by swift-odata-generator from \(options.inputName). Do not edit."
        let access = options.accessModifier == "internal" ? "" : options.accessModifier + " "
        let imports = ["Foundation", "ODataRuntime"]
        var files: [FileContext] = []
        let names = CodeGenerator.fileNames(shards: shards)
        if shards <= 1 {
            files.append(FileContext(fileName: names[0], header: header, access: access, imports: imports,
                                     declaresRuntimeCheck: true, structs: structs, enums: [], service: nil))
        } else {
            // Deterministic sharding: contiguous runs of the declarations in plan order, sizes differing by at most one.
            let per = structs.count / shards, extra = structs.count % shards
            var start = 0
            for k in 0..<shards {
                let n = per + (k < extra ? 1 : 0)
                files.append(FileContext(fileName: names[k], header: header, access: access, imports: imports,
                                         declaresRuntimeCheck: k == 0, structs: Array(structs[start..<start + n]), enums: [], service: nil))
                start += n
            }
        }
        files.append(FileContext(fileName: "Enums.swift", header: header, access: access, imports: imports,
                                 declaresRuntimeCheck: false, structs: [], enums: enums, service: nil))
        files.append(FileContext(fileName: "Service.swift", header: header, access: access, imports: imports,
                                 declaresRuntimeCheck: false, structs: [], enums: [], service: service))
        return (files, translator.notes)
    }

    /// Renders every output file.
    public func generate(templates: TemplateSet = .bundled) throws -> (files: [GeneratedFile], notes: [Diagnostic]) {
        let renderer = try CodeRenderer(templates: templates)
        let (contexts, notes) = contexts()
        // Files are independent: render them concurrently (each result lands in its own slot, so the output
        // does not depend on scheduling).
        let results = RenderResults(count: contexts.count)
        DispatchQueue.concurrentPerform(iterations: contexts.count) { i in
            results.set(i, GeneratedFile(name: contexts[i].fileName, contents: renderer.render(contexts[i])))
        }
        return (results.files, notes)
    }
}

/// Slots for concurrently rendered files.
private final class RenderResults: @unchecked Sendable {
    private var slots: [GeneratedFile?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ file: GeneratedFile) {
        lock.lock()
        slots[i] = file
        lock.unlock()
    }

    var files: [GeneratedFile] { slots.compactMap { $0 } }
}
