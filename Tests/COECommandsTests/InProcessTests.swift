import COECommands
import Foundation
import Testing
import TestSupport

/// The binary is the same program as the in-process entry point: same output, same exit codes.
@Suite struct InProcessTests {
    @Test func theBinaryPrintsWhatTheInProcessRunPrints() throws {
        let repo = try GoldenRepository.reviewed()
        let runs: [[String]] = [
            ["list", "--today", "2026-11-22"], ["show", "k7qm", "--format", "json"], ["log", "k7qm"], ["audit", "--format", "json"],
            ["lint", "--format", "xml"], ["show", "nope"], ["approve", "k7qm"], ["--version"], ["comments", "k7qm", "--help"],
        ]
        for arguments in runs {
            // The binary sees NO_COLOR and the test's environment; in-process, only what is given.
            let inProcess = repo.coe(arguments, extra: ["COLUMNS": "80"])
            let binary = try coe(arguments, in: repo.path, environment: repo.environment().merging(["COLUMNS": "80"]) { _, new in new })
            #expect(binary.status == inProcess.status, "\(arguments)")
            #expect(binary.stdout == inProcess.stdout, "\(arguments)")
            #expect(binary.stderr == inProcess.stderr, "\(arguments)")
        }
    }

    /// Relative paths are read from the context's folder, not the process's.
    @Test func relativePathsAreTheContextsOwn() throws {
        let repo = try GoldenRepository.reviewed()
        let elsewhere = try ScratchFolder()
        let parent = (repo.path as NSString).deletingLastPathComponent
        let name = (repo.path as NSString).lastPathComponent
        let list = repo.coe(["list", "--repo", name, "--today", "2026-11-22"], in: parent)
        #expect(list.status == 0 && list.stdout.contains(GoldenRepository.id), "\(list.stderr)")
        try "From a file.\n".write(toFile: elsewhere.path + "/text.md", atomically: true, encoding: .utf8)
        let comment = repo.coe(["comment", "k7qm", "--file", "text.md", "--repo", repo.path], as: .rae, at: "2026-11-03T09:00:00Z",
                               in: elsewhere.path)
        #expect(comment.status == 0, "\(comment.stderr)")
        #expect(repo.coe(["comments", "k7qm"]).stdout.contains("From a file."))
    }
}
