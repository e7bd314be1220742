// swift-tools-version:6.0
// Swift 6 language mode: complete strict concurrency checking is on for every target.
import PackageDescription

let package = Package(
    name: "coe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coe", targets: ["coe"]),
        .library(name: "COEWorkspace", targets: ["COEWorkspace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libgit2 from the system (Debian: libgit2-dev). Only GitKit imports it.
        .systemLibrary(
            name: "CLibGit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        // The one Swift wrapper over libgit2.
        .target(name: "GitKit", dependencies: ["CLibGit2"]),
        // libyaml from the system (Debian: libyaml-dev): YAML events with positions. Only COEFormat's YAML parser imports it.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // The COE document model, its on-disk format, the configuration and ids.
        .target(name: "COEFormat", dependencies: ["CYAML"]),
        // A repository of COEs: finding it, loading and creating COEs, `init`.
        .target(name: "COEWorkspace", dependencies: ["COEFormat", "COELint", "GitKit"]),
        // The COE standard as lint rules (one per file), the engine and the reporters.
        .target(name: "COELint", dependencies: ["COEFormat"]),
        // A COE's history through libgit2: which commits changed it, and what changed in its own terms.
        .target(name: "COEHistory", dependencies: ["COEFormat", "COEWorkspace", "GitKit"]),
        // The review workflow as commits: status moves, comments, approvals, and the rules they obey.
        .target(name: "COEWorkflow", dependencies: ["COEFormat", "COELint", "COEWorkspace", "COEHistory", "GitKit"]),
        // The gates: the checks git hooks (pre-commit, pre-push, pre-receive) and `coe check` run, and installing the hooks.
        .target(name: "COEGates", dependencies: ["COEFormat", "COELint", "COEWorkspace", "COEHistory", "COEWorkflow", "GitKit"]),
        // Text and JSON renderings for the terminal and for machines.
        .target(name: "COERender", dependencies: ["COEFormat", "COEHistory", "COEWorkflow", "COEGates", "COELint", "GitKit"]),
        // The thin executable: one file per command.
        .executableTarget(
            name: "coe",
            dependencies: [
                "COEWorkspace", "COERender", "COEFormat", "COELint", "COEHistory", "COEWorkflow", "COEGates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(
            name: "COEFormatTests",
            dependencies: [
                "COEFormat", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "COEWorkspaceTests", dependencies: ["COEWorkspace", "TestSupport"]),
        .testTarget(name: "COEHistoryTests", dependencies: ["COEHistory", "COEFormat", "GitKit", "TestSupport"]),
        .testTarget(name: "COEGatesTests", dependencies: ["COEGates", "COEWorkflow", "COEFormat", "GitKit", "TestSupport"]),
        .testTarget(name: "COEWorkflowTests", dependencies: ["COEWorkflow", "COEWorkspace", "COEFormat", "GitKit", "TestSupport"]),
        .testTarget(
            name: "COELintTests",
            dependencies: ["COELint", "COEFormat", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "COEFormat", "coe"]),
        // Real repositories in temporary folders, and running the built `coe`.
        .target(name: "TestSupport", dependencies: ["COEFormat"], path: "Tests/TestSupport"),
    ]
)
