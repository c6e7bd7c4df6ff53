// swift-tools-version: 6.0
// An independent consumer of the generator's OpenAPI 3.0 output: apple/swift-openapi-generator builds a typed
// client from Sources/FnOClient/openapi.yaml (written by `odata-generator openapi`) at build time.
import PackageDescription

let package = Package(
    name: "OpenAPIClient",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FnOClient", targets: ["FnOClient"]),
        .executable(name: "fno-openapi-demo", targets: ["fno-openapi-demo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", exact: "1.4.0"),
    ],
    targets: [
        .target(
            name: "FnOClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(name: "fno-openapi-demo", dependencies: ["FnOClient"]),
    ],
    swiftLanguageModes: [.v6]
)
