/// The connector definition this package keeps: `Connector/` beside this file, exported from
/// `odata-generator-config.yaml` by the `export-odata-connector` command plugin.
public enum FNOConnector {
    /// The connector folder's name, relative to this target.
    public static let folder = "Connector"
}
