// swift-tools-version: 6.1
import PackageDescription

// A template overlay: Sources/FNOModel/Templates/docLines.mustache replaces the bundled `docLines` partial (the doc
// comment above every generated declaration); every other template stays bundled. The build plugin declares the
// overlay's files as inputs, so editing the template regenerates.
let package = Package(
    name: "CustomTemplates",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-odata-generator", path: "../.."),
    ],
    targets: [
        .target(
            name: "FNOModel",
            dependencies: [.product(name: "ODataRuntime", package: "swift-odata-generator")],
            exclude: ["Templates"],
            plugins: [.plugin(name: "ODataGenerator", package: "swift-odata-generator")]
        ),
        .testTarget(
            name: "FNOModelTests",
            dependencies: ["FNOModel"]
        ),
    ]
)
