import Foundation
import PackagePlugin

/// The build-tool plugin: generates Swift code from the OData `$metadata` file of a target at build time.
///
/// The target's sources hold `odata-generator-config.yaml` and one metadata file: the one the config names with
/// `metadata:`, or else the single `*.edmx` / `*.xml` file there. The generated files go to the plugin's work
/// directory and are compiled with the target. Inputs: the metadata, the config, the files of a template overlay
/// (`templates:`) and the generator itself, so editing any of them regenerates and nothing else does. Outputs are
/// named from the config alone (`shards:` decides how many `Types*.swift` files there are).
@main
struct ODataGeneratorPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
        let inputs = try PluginInputs.find(in: files, targetName: target.name, targetDirectory: target.directoryURL)
        let tool = try context.tool(named: "odata-generator")
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated", directoryHint: .isDirectory)
        let outputFiles = PluginInputs.outputFileNames(shards: inputs.shards).map {
            output.appending(path: $0, directoryHint: .notDirectory)
        }
        let arguments = [
            "generate", inputs.metadata.path(percentEncoded: false),
            "--config", inputs.config.path(percentEncoded: false),
            "--output-directory", output.path(percentEncoded: false),
        ]
        return [
            .buildCommand(
                displayName: "Generating OData Swift code for \(target.name) from \(inputs.metadata.lastPathComponent)",
                executable: tool.url,
                arguments: arguments,
                inputFiles: [inputs.metadata, inputs.config] + inputs.templateFiles,
                outputFiles: outputFiles
            )
        ]
    }
}

/// What the build plugin reads: found in the target's files, with every problem reported at once.
struct PluginInputs {
    static let configName = "odata-generator-config.yaml"

    var config: URL
    var metadata: URL
    var shards: Int
    var templateFiles: [URL]

    /// The files `odata-generator generate` writes for a config with `shards` shards (must match
    /// `CodeGenerator.fileNames(shards:)`; a CLI test checks the two agree).
    static func outputFileNames(shards: Int) -> [String] {
        shards <= 1 ? ["Types.swift", "Enums.swift", "Service.swift"]
            : (1...shards).map { "Types\($0).swift" } + ["Enums.swift", "Service.swift"]
    }

    static func find(in files: [URL], targetName: String, targetDirectory: URL) throws -> PluginInputs {
        var problems: [String] = []
        let configs = files.filter { $0.lastPathComponent == configName }
        guard configs.count == 1 else {
            if configs.isEmpty {
                problems.append("no \(configName) in the target's sources: add \(targetDirectory.appending(path: configName).path(percentEncoded: false)) (at least `metadata: <your $metadata file>`)")
            } else {
                problems.append("\(configs.count) files named \(configName) (\(configs.map { $0.path(percentEncoded: false) }.joined(separator: ", "))): keep exactly one")
            }
            let candidates = files.filter(isMetadataCandidate)
            if candidates.isEmpty {
                problems.append("no metadata file (*.edmx or *.xml) in the target's sources: add the service's $metadata, e.g. \(targetDirectory.appending(path: "metadata.xml").path(percentEncoded: false))")
            }
            throw PluginError(target: targetName, problems: problems)
        }
        let config = configs[0]
        let settings: ConfigKeys
        do {
            settings = try ConfigKeys(contentsOf: config)
        } catch {
            throw PluginError(target: targetName, problems: ["cannot read \(config.path(percentEncoded: false)): \(error.localizedDescription)"])
        }
        let base = config.deletingLastPathComponent()
        var metadata: URL?
        if let named = settings.metadata {
            let url = URL(fileURLWithPath: named, relativeTo: base).standardizedFileURL
            if FileManager.default.fileExists(atPath: url.path(percentEncoded: false)) {
                metadata = url
            } else {
                problems.append("\(config.path(percentEncoded: false)): `metadata: \(named)` names \(url.path(percentEncoded: false)), which does not exist: add that file or correct the key")
            }
        } else {
            let candidates = files.filter(isMetadataCandidate).sorted { $0.path < $1.path }
            switch candidates.count {
            case 1: metadata = candidates[0]
            case 0: problems.append("no metadata file: add the service's $metadata to the target (e.g. \(targetDirectory.appending(path: "metadata.xml").path(percentEncoded: false))) or name it in \(config.path(percentEncoded: false)) with `metadata:`")
            default: problems.append("\(candidates.count) candidate metadata files (\(candidates.map(\.lastPathComponent).joined(separator: ", "))): name the one to use in \(config.path(percentEncoded: false)) with `metadata:`")
            }
        }
        var templateFiles: [URL] = []
        if let templates = settings.templates {
            let folder = URL(fileURLWithPath: templates, relativeTo: base).standardizedFileURL
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path(percentEncoded: false), isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))) ?? []
                templateFiles = names.filter { $0.hasSuffix(".mustache") }.sorted().map { folder.appending(path: $0) }
            } else {
                problems.append("\(config.path(percentEncoded: false)): `templates: \(templates)` is not a folder: create \(folder.path(percentEncoded: false)) or remove the key")
            }
        }
        guard problems.isEmpty, let metadata else { throw PluginError(target: targetName, problems: problems) }
        return PluginInputs(config: config, metadata: metadata, shards: settings.shards ?? 1, templateFiles: templateFiles)
    }

    static func isMetadataCandidate(_ url: URL) -> Bool {
        let ext = url.pathExtension.lowercased()
        return ext == "edmx" || ext == "xml"
    }
}

/// The few top-level keys of the config the plugin needs before the generator runs. The generator reads the
/// whole file (and reports its errors with line and column); this only looks for `key: value` lines at the top
/// level.
struct ConfigKeys {
    var metadata: String?
    var templates: String?
    var shards: Int?

    init(contentsOf url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) {
            guard let first = line.first, first != " ", first != "\t", first != "#" else { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            guard !value.isEmpty else { continue }
            switch key {
            case "metadata": metadata = value
            case "templates": templates = value
            case "shards": shards = Int(value)
            default: break
            }
        }
    }
}

/// Every problem with a target's inputs, in one error.
struct PluginError: Error, CustomStringConvertible {
    var target: String
    var problems: [String]

    var description: String {
        "ODataGenerator plugin, target \(target): " + (problems.count == 1 ? problems[0]
            : "\(problems.count) problems:\n" + problems.map { "  - " + $0 }.joined(separator: "\n"))
    }
}
