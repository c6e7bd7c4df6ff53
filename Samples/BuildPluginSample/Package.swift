// swift-tools-version: 6.1
import PackageDescription

// The build-tool plugin at work: FNOModel's sources hold odata-generator-config.yaml, which names the metadata file;
// the ODataGenerator plugin generates the Swift code at build time (nothing generated is committed).
let package = Package(
    name: "BuildPluginSample",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-odata-generator", path: "../.."),
    ],
    targets: [
        .target(
            name: "FNOModel",
            dependencies: [.product(name: "ODataRuntime", package: "swift-odata-generator")],
            plugins: [.plugin(name: "ODataGenerator", package: "swift-odata-generator")]
        ),
        .executableTarget(
            name: "build-plugin-demo",
            dependencies: ["FNOModel", .product(name: "ODataRuntime", package: "swift-odata-generator")]
        ),
    ]
)
