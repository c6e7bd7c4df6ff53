import Foundation

/// The bundled templates as files: SwiftPM copies `Templates/swift` into this target's resource bundle.
///
/// The generator itself renders from the copy embedded in its binary (`TemplateSet.bundled`), so a copied or
/// installed `odata-generator` never depends on finding this bundle. Tools that want the files (to show them, or
/// to start an overlay folder) can read them from here; a test keeps the two copies equal.
public enum ODataGeneratorTemplates {
    /// The folder holding the `.mustache` files, or nil when the resource bundle is not next to the binary.
    public static var directory: URL? {
        Bundle.module.url(forResource: "swift", withExtension: nil)
    }
}
