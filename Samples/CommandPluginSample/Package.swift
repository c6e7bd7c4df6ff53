// swift-tools-version: 6.1
import PackageDescription

// The command plugin at work: FNOClient's generated code is committed in Sources/FNOClient/Generated/ and
// regenerated on demand with
//     swift package --allow-writing-to-package-directory generate-odata-code --target FNOClient
// The test target fails, naming that command, when the committed code no longer matches the metadata.
let package = Package(
    name: "CommandPluginSample",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-odata-generator", path: "../.."),
    ],
    targets: [
        .target(
            name: "FNOClient",
            dependencies: [.product(name: "ODataRuntime", package: "swift-odata-generator")],
            exclude: ["odata-generator-config.yaml"]
        ),
        .testTarget(
            name: "FNOClientTests",
            dependencies: ["FNOClient"]
        ),
    ]
)
