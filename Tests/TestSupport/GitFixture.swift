import Foundation

/// A real git repository in a temporary folder, driven by the real `git`.
public final class GitFixture {
    public let scratch: ScratchFolder
    public var path: String { scratch.path }

    /// A fixed identity and clock, so commits are reproducible.
    public static func identity(name: String = "Casey Author", email: String = "author@example.com", date: String = "2026-11-01T10:00:00Z") -> [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
         "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date]
    }

    /// `git init` in a new temporary folder, with user.name/user.email set.
    public init(bare: Bool = false) throws {
        scratch = try ScratchFolder("coe-repo")
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        try git(["config", "user.name", "Casey Author"])
        try git(["config", "user.email", "author@example.com"])
    }

    /// Runs git in the repository; throws when it fails.
    @discardableResult
    public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try run("/usr/bin/git", arguments, in: path, environment: environment)
        guard result.status == 0 else {
            throw ProcessFailure(message: "git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Stages everything and commits with a fixed identity and date.
    @discardableResult
    public func commitAll(_ message: String, date: String = "2026-11-01T10:00:00Z") throws -> String {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message], environment: GitFixture.identity(date: date))
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func write(_ relative: String, _ text: String) throws { try scratch.write(relative, text) }
}

/// The package's root folder (for the example COE and the docs).
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}()

/// The example COE shipped in docs/examples.
public let exampleCOEDirectory = packageRoot + "/docs/examples/2026-10-14-k7qm3xv9dh"
public let exampleCOEID = "2026-10-14-k7qm3xv9dh"

/// Copies a folder tree (`cp -R`).
public func copyTree(_ from: String, to: String) throws {
    try FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: from, toPath: to)
}

/// The people the tests review with, as the example COE's `reviewers:` names them once copied by
/// `copyExampleCOE`: the example's own reviewers are not among the tests' identities, and only the
/// reviewers a COE names may approve it (rule P3).
public let testReviewers = "[rae@example.com, sam@example.com, bea@example.com]"

/// Copies the example COE to `to`, naming the tests' reviewers (`testReviewers`) in its `reviewers:`.
public func copyExampleCOE(to: String, reviewers: String = testReviewers) throws {
    try copyTree(exampleCOEDirectory, to: to)
    let file = to + "/coe.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let named = text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("reviewers:") ? "reviewers: \(reviewers)" : String($0) }
    try named.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
}
