// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-odata-generator",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "odata-generator", targets: ["odata-generator"]),
        .library(name: "ODataCSDL", targets: ["ODataCSDL"]),
        .library(name: "ODataRuntime", targets: ["ODataRuntime"]),
        .plugin(name: "ODataGenerator", targets: ["ODataGenerator"]),
        .plugin(name: "ODataGeneratorCommand", targets: ["ODataGeneratorCommand", "ExportODataConnector"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "ODataCSDL",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "ODataRuntime"
        ),
        .target(
            name: "ODataGeneratorTemplates",
            path: "Templates",
            exclude: ["update-embedded.py"],
            resources: [.copy("swift")]
        ),
        .target(
            name: "ODataGeneratorCore",
            dependencies: [
                "ODataCSDL",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "odata-generator",
            dependencies: [
                "ODataCSDL",
                "ODataGeneratorCore",
                "ODataRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(
            name: "ODataGenerator",
            capability: .buildTool(),
            dependencies: ["odata-generator"]
        ),
        .plugin(
            name: "ODataGeneratorCommand",
            capability: .command(
                intent: .custom(verb: "generate-odata-code",
                                description: "Write generated Swift sources into Sources/<Target>/Generated/"),
                permissions: [.writeToPackageDirectory(reason: "writes the generated Swift sources into the target's Generated/ folder")]
            ),
            dependencies: ["odata-generator"]
        ),
        .plugin(
            name: "ExportODataConnector",
            capability: .command(
                intent: .custom(verb: "export-odata-connector",
                                description: "Write a Power Platform custom-connector folder for a target's config"),
                permissions: [.writeToPackageDirectory(reason: "writes the connector definition folder into the package")]
            ),
            dependencies: ["odata-generator"]
        ),
        .executableTarget(
            name: "odata-csdl-fuzz",
            dependencies: ["ODataCSDL"]
        ),
        .testTarget(
            name: "ODataCSDLTests",
            dependencies: ["ODataCSDL"]
        ),
        .target(
            name: "ODataTestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ODataRuntimeTests",
            dependencies: ["ODataRuntime", "ODataTestSupport"]
        ),
        .testTarget(
            name: "ODataGeneratorCoreTests",
            dependencies: ["ODataGeneratorCore", "ODataCSDL", "ODataGeneratorTemplates", "ODataTestSupport"]
        ),
        .testTarget(
            name: "GeneratedSampleTests",
            dependencies: ["ODataRuntime", "ODataTestSupport"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ODataRuntime", "ODataTestSupport"]
        ),
        .testTarget(
            name: "odata-generatorTests",
            dependencies: ["odata-generator", "ODataCSDL", "ODataTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
