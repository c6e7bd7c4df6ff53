import Foundation
import ODataCSDL
import ODataGeneratorCore

/// A comma-separated flag value as a list of names (`a, b,c` → `[a, b, c]`); nil when the flag is absent.
func commaSeparated(_ text: String?) -> [String]? {
    text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// The settings a command works with: the `--config` file when given (its paths resolved against its folder), with
/// the command-line flags merged over it. Prints the config's diagnostics; exits 2 when the file cannot be read and
/// `configErrorStatus` when it has errors.
func loadSettings(
    config: String?, overrides: GeneratorConfigOverrides,
    configErrorStatus: Int32 = ODataGenerator.Status.documentErrors
) -> GeneratorConfig {
    var settings = GeneratorConfig()
    if let config {
        guard let yaml = try? String(contentsOfFile: config, encoding: .utf8) else {
            writeStandardError("\(config): error: cannot read the config file\n")
            exitProcess(ODataGenerator.Status.usage)
        }
        let parsed = GeneratorConfig.parse(yaml: yaml, file: config)
        for d in parsed.diagnostics { writeStandardError(d.description + "\n") }
        guard let parsedConfig = parsed.config else { exitProcess(configErrorStatus) }
        settings = parsedConfig.resolvingPaths(againstDirectory: (config as NSString).deletingLastPathComponent)
    }
    return settings.merging(cli: overrides)
}

/// The metadata file of the settings (the argument, else the config's `metadata:`); exits 2 when there is none.
func requireMetadata(_ settings: GeneratorConfig) -> String {
    guard let path = settings.metadata else {
        writeStandardError("error: no metadata file: give it as the first argument or as `metadata:` in the config\n")
        exitProcess(ODataGenerator.Status.usage)
    }
    return path
}
