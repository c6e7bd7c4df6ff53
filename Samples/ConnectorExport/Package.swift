// swift-tools-version: 6.1
import PackageDescription

// A connector export kept in the repository: Sources/FNOConnector/odata-generator-config.yaml selects the entity sets
// and holds the `connector:` settings; Sources/FNOConnector/Connector/ is the folder exported from it with
//     swift package --allow-writing-to-package-directory export-odata-connector --target FNOConnector
// The test target fails, naming that command, when the committed folder is not what the export gives today.
let package = Package(
    name: "ConnectorExport",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-odata-generator", path: "../.."),
    ],
    targets: [
        .target(
            name: "FNOConnector",
            exclude: ["odata-generator-config.yaml", "Connector"]
        ),
        .testTarget(name: "ConnectorIsCurrentTests"),
    ]
)
