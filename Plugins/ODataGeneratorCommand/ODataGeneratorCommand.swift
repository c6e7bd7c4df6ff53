import Foundation
import PackagePlugin

/// The command plugin: `swift package generate-odata-code [--target NAME ...]` writes the generated Swift sources
/// into `Sources/<Target>/Generated/` of each chosen target (default: every target holding
/// `odata-generator-config.yaml`), so the code can be committed and reviewed. `export-odata-connector` is its
/// sibling verb (plugin `ExportODataConnector`).
@main
struct ODataGeneratorCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let run = try CommandRun(context: context, arguments: arguments, verb: "generate-odata-code")
        for target in run.targets {
            let output = target.directory.appending(path: "Generated", directoryHint: .isDirectory)
            try run.generator(["generate", "--config", target.config.path(percentEncoded: false),
                               "--output-directory", output.path(percentEncoded: false)] + run.passThrough,
                              target: target.name)
            print("generate-odata-code: \(target.name): wrote \(run.relative(output)) from \(run.relative(target.config))")
        }
    }
}
