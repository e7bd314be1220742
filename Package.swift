// swift-tools-version:6.0
// Swift 6 language mode: complete strict concurrency checking is on for every target.
import PackageDescription

// The layers, bottom to top (docs/architecture.md). A target depends only on targets below it, and
// declares every module it imports.
//
//   foundations    GitKit (the only importer of libgit2), COEFormat (the document model and format)
//   reading COEs   COEWorkspace: a repository of COEs, read from the work tree, the index or a commit
//   rules          COEProcess (process rules P1–P7 and P10, counting approvals), and COELint (lint rules, one lint session) over it
//   history        COEHistory: log, blame, audit, the history index (never imports COELint)
//   search         COESearch: the full-text index of the work tree's COEs (SQLite FTS5), related COEs
//   review         COEWorkflow (review commands as commits)   COEGates (hooks, `coe check`)
//   application    COEApp: renderers, reporters, scaffolding
//   commands       COECommands: every command as a library; `coe` is a one-file main
let package = Package(
    name: "coe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coe", targets: ["coe"]),
        .library(name: "COECommands", targets: ["COECommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Templates of coe render and coe site (docs/render.md says why Mustache, not Stencil).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: Foundations
        // libgit2 from the system (Debian: libgit2-dev). Only GitKit imports it.
        .systemLibrary(
            name: "CLibGit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        // libgit2's start-up without parsing the CA bundle (coe makes no TLS connection through libgit2):
        // see its header. C, so that the executable defines the two mbedTLS functions libgit2 calls.
        .target(name: "CLibGit2Startup"),
        // The one Swift wrapper over libgit2.
        .target(name: "GitKit", dependencies: ["CLibGit2", "CLibGit2Startup"]),
        // libyaml from the system (Debian: libyaml-dev): YAML events with positions. Only COEFormat's YAML parser imports it.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // The COE document model, its on-disk format, the configuration, ids, Markdown and JSON text.
        .target(name: "COEFormat", dependencies: ["CYAML"]),

        // MARK: Reading COEs
        // A repository of COEs: finding it, reading COEs from the work tree, the index or a commit.
        .target(name: "COEWorkspace", dependencies: ["COEFormat", "GitKit"]),

        // MARK: Rules and history (COELint and COEHistory never import each other)
        // The process rules (P1–P7, P10), one per file, as pure functions over a COE's status moves, review records
        // and content; the one count of approvals. No git: every caller brings the facts.
        .target(name: "COEProcess", dependencies: ["COEFormat"]),
        // The COE standard as lint rules (one per file), the engine, and the one lint session every command uses
        // (lint rule P5 runs the process rule P5).
        .target(name: "COELint", dependencies: ["COEFormat", "COEWorkspace", "COEProcess", "GitKit"]),
        // A COE's history through libgit2: which commits changed it, and what changed in its own terms.
        .target(name: "COEHistory", dependencies: ["COEFormat", "COEWorkspace", "COEProcess", "GitKit"]),

        // MARK: Search
        // SQLite from the system (Debian: libsqlite3-dev), with FTS5. Only COESearch imports it.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // The search index of the work tree's COEs (in the git directory), `coe search` and `coe related`.
        .target(name: "COESearch", dependencies: ["COEFormat", "COEWorkspace", "GitKit", "CSQLite"]),

        // MARK: Review
        // The review workflow as commits: status moves, comments, approvals, checked by the process rules.
        .target(name: "COEWorkflow", dependencies: ["COEFormat", "COELint", "COEProcess", "COEWorkspace", "COEHistory", "GitKit"]),
        // The gates: the checks git hooks (pre-commit, pre-push, pre-receive) and `coe check` run, and installing the hooks.
        .target(name: "COEGates", dependencies: ["COEFormat", "COELint", "COEProcess", "COEWorkspace", "COEHistory", "GitKit"]),

        // MARK: Application
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev): Markdown to HTML as
        // GitHub renders it. Only COEApp's MarkdownHTML imports it.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]),
        // Renderers and reporters (text, JSON, SARIF, GitHub, Markdown, HTML, SVG graphs, the static site), and
        // scaffolding (`init`, `new`). The templates are files, compiled into the binary.
        .target(
            name: "COEApp",
            dependencies: ["COEFormat", "COEWorkspace", "COELint", "COEProcess", "COEHistory", "COESearch", "COEWorkflow", "COEGates", "GitKit",
                           "CCmarkGFM", .product(name: "Mustache", package: "swift-mustache")],
            resources: [
                .embedInCode("Templates/coe.md.mustache"), .embedInCode("Templates/coe.html.mustache"),
                .embedInCode("Templates/site-index.html.mustache"), .embedInCode("Templates/site-actions.html.mustache"),
                .embedInCode("Templates/site-report.html.mustache"), .embedInCode("Templates/page.html.mustache"),
                .embedInCode("Templates/why.html.mustache"),
                .embedInCode("Templates/style.css"), .embedInCode("Templates/site.js"),
            ]),
        // Every command (swift-argument-parser), as a library so that tests can run them in-process.
        .target(
            name: "COECommands",
            dependencies: [
                "COEApp", "COEFormat", "COEWorkspace", "COELint", "COEProcess", "COEHistory", "COESearch", "COEWorkflow", "COEGates", "GitKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The executable: one file.
        .executableTarget(name: "coe", dependencies: ["COECommands"]),

        // MARK: Tests
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "CLibGit2", "CLibGit2Startup", "TestSupport"]),
        .testTarget(
            name: "COEFormatTests",
            dependencies: [
                "COEFormat", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "COEWorkspaceTests", dependencies: ["COEWorkspace", "COEApp", "COEFormat", "GitKit", "TestSupport", "coe"]),
        .testTarget(name: "COESearchTests", dependencies: ["COESearch", "COELint", "COEFormat", "COEWorkspace", "GitKit", "TestSupport", "coe"]),
        .testTarget(name: "COEHistoryTests", dependencies: ["COEHistory", "COEFormat", "COEWorkspace", "GitKit", "TestSupport"]),
        .testTarget(
            name: "COEGatesTests",
            dependencies: ["COEGates", "COEWorkflow", "COEHistory", "COEProcess", "COEWorkspace", "COEFormat", "GitKit", "TestSupport"]),
        .testTarget(name: "COEProcessTests", dependencies: ["COEProcess", "COEFormat", "TestSupport"]),
        .testTarget(
            name: "COEWorkflowTests",
            dependencies: ["COEWorkflow", "COEProcess", "COEWorkspace", "COEFormat", "GitKit", "TestSupport"]),
        .testTarget(
            name: "COELintTests",
            dependencies: [
                "COELint", "COEApp", "COEFormat", "COEProcess", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport", "COEFormat", "coe", .product(name: "PropertyBased", package: "swift-property-based")]),
        // coe site and coe render in a real headless Chromium, driven through the DevTools protocol.
        .testTarget(name: "BrowserTests", dependencies: ["TestSupport", "coe"]),
        // Every command's whole output, run in-process through COECommands, against golden files.
        .testTarget(
            name: "COECommandsTests", dependencies: ["COECommands", "COEApp", "COEFormat", "TestSupport", "coe"],
            exclude: ["Golden"]),
        // Real repositories in temporary folders, and running the built `coe`.
        .target(name: "TestSupport", dependencies: ["COEFormat"], path: "Tests/TestSupport"),
    ]
)
