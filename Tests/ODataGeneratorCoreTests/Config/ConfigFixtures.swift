import ODataCSDL
import ODataGeneratorCore

/// Shared helpers for the config tests.
enum ConfigFixtures {
    static let file = "/project/odata-generator-config.yaml"

    /// The example from the issue.
    static let example = """
        metadata: metadata.xml  # the metadata file, relative to this config (used by the plugins and samples)
        profile: fno            # fno | generic; default: fno when the metadata's namespace is Microsoft.Dynamics.DataEntities
        accessModifier: public  # public | package | internal (default internal)
        serviceName: FinanceAndOperations
        include:
          entitySets: [CustomersV3, "SalesOrder*"]   # names or globs; default: all
          operations: [confirm*]                     # actions/functions and imports; default: those bound to selected sets
        exclude:
          entitySets: ["*Staging", "*BiEntities"]
        navigation: withinSelection                 # withinSelection (drop links that leave the selection) | follow (pull targets in)
        naming:
          overrides: {CustomerV3: Customer, "Microsoft.Dynamics.DataEntities.NoYes": NoYes}
        templates: MyTemplates                      # overlay folder, relative to the config file
        shards: 4                                   # split generated types over a fixed number of files

        """

    static func parse(_ yaml: String) -> (config: GeneratorConfig?, diagnostics: [Diagnostic]) {
        GeneratorConfig.parse(yaml: yaml, file: file)
    }

    /// The one error `yaml` produces, as `line:column: message`; a description of what came instead otherwise.
    static func singleError(_ yaml: String) -> String {
        let result = parse(yaml)
        guard result.diagnostics.count == 1, let only = result.diagnostics.first else {
            return "expected one diagnostic, got \(result.diagnostics.map(\.description))"
        }
        guard only.severity == .error, result.config == nil else {
            return "expected an error and no config, got \(only) and \(String(describing: result.config))"
        }
        return "\(only.line):\(only.column): \(only.message)"
    }
}
