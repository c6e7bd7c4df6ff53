import Foundation
import PackagePlugin

/// The command plugin `swift package export-odata-connector [--target NAME ...] [--output-directory DIR]`: writes a
/// Power Platform custom-connector folder for each chosen target's `odata-generator-config.yaml` (its `connector:`
/// section and selection), by default into `Connector/` beside the config.
@main
struct ExportODataConnector: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let outputOption = extractor.extractOption(named: "output-directory").last
        let run = try CommandRun(context: context, arguments: extractor.remainingArguments, verb: "export-odata-connector")
        for target in run.targets {
            let output = outputOption.map { URL(fileURLWithPath: $0, relativeTo: context.package.directoryURL).standardizedFileURL }
                ?? target.directory.appending(path: "Connector", directoryHint: .isDirectory)
            try run.generator(["connector", "--config", target.config.path(percentEncoded: false),
                               "--output-directory", output.path(percentEncoded: false)] + run.passThrough,
                              target: target.name)
            print("export-odata-connector: \(target.name): wrote \(run.relative(output)) from \(run.relative(target.config))")
        }
    }
}
