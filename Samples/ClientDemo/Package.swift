// swift-tools-version: 6.1
import PackageDescription

// A command-line client of a live F&O-style OData service: ClientDemoService's code is generated at build time by the
// ODataGenerator build plugin from Samples/metadata/fno-sample.xml (named in its odata-generator-config.yaml).
let package = Package(
    name: "ClientDemo",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-odata-generator", path: "../.."),
    ],
    targets: [
        .target(
            name: "ClientDemoService",
            dependencies: [.product(name: "ODataRuntime", package: "swift-odata-generator")],
            plugins: [.plugin(name: "ODataGenerator", package: "swift-odata-generator")]
        ),
        .executableTarget(
            name: "client-demo",
            dependencies: ["ClientDemoService", .product(name: "ODataRuntime", package: "swift-odata-generator")]
        ),
    ]
)
