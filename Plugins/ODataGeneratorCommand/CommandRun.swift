import Foundation
import PackagePlugin

/// What both command plugins share (this file is linked into `Plugins/ExportODataConnector/`): the targets chosen
/// with `--target` (repeatable; default every target holding `odata-generator-config.yaml`) and running the
/// generator with its diagnostics passed through.
struct CommandRun {
    struct ChosenTarget {
        var name: String
        var directory: URL
        var config: URL
    }

    static let configName = "odata-generator-config.yaml"

    var targets: [ChosenTarget]
    /// Arguments after `--`, handed to the generator unchanged.
    var passThrough: [String]
    var tool: URL
    var packageDirectory: URL

    init(context: PluginContext, arguments: [String], verb: String) throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        passThrough = extractor.remainingArguments.filter { $0 != "--" }
        tool = try context.tool(named: "odata-generator").url
        packageDirectory = context.package.directoryURL
        let candidates: [ChosenTarget] = context.package.targets.compactMap { target in
            guard let module = target as? SourceModuleTarget else { return nil }
            let config = module.sourceFiles.map(\.url).first { $0.lastPathComponent == CommandRun.configName }
                ?? module.directoryURL.appending(path: CommandRun.configName)
            guard FileManager.default.fileExists(atPath: config.path(percentEncoded: false)) else { return nil }
            return ChosenTarget(name: module.name, directory: module.directoryURL, config: config)
        }
        var problems: [String] = []
        if names.isEmpty {
            targets = candidates
            if candidates.isEmpty {
                problems.append("no target holds \(CommandRun.configName): add one to the target's folder (Sources/<Target>/\(CommandRun.configName))")
            }
        } else {
            targets = []
            for name in names {
                if let found = candidates.first(where: { $0.name == name }) {
                    targets.append(found)
                } else if context.package.targets.contains(where: { $0.name == name }) {
                    problems.append("target \(name) has no \(CommandRun.configName): add Sources/\(name)/\(CommandRun.configName)")
                } else {
                    problems.append("no target named \(name) (targets: \(context.package.targets.map(\.name).sorted().joined(separator: ", ")))")
                }
            }
        }
        if !problems.isEmpty {
            throw CommandError(message: "\(verb): " + problems.joined(separator: "; "))
        }
    }

    /// Runs `odata-generator ARGUMENTS`; its output (diagnostics in `path:line:col:` form) goes to ours.
    func generator(_ arguments: [String], target: String) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandError(message: "odata-generator \(arguments.first ?? "") failed for target \(target) (exit status \(process.terminationStatus))")
        }
    }

    /// A path relative to the package, for log lines.
    func relative(_ url: URL) -> String {
        let root = packageDirectory.standardizedFileURL.path(percentEncoded: false)
        let path = url.standardizedFileURL.path(percentEncoded: false)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

struct CommandError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
