import Foundation
import Testing
import TestSupport

/// A COE is files and folders only, in the hooks too (issue 13): a link, a submodule where a COE folder
/// should be, and two folders differing only in case are blocked by pre-commit and by the server.
@Suite struct FilesAndFoldersHookTests {
    let folder = "coes/\(exampleCOEID)"

    @Test func linksSubmodulesAndCaseTwinsAreBlockedByPreCommitAndTheServer() throws {
        let world = try HookWorld()
        let casey = try world.clone("casey", as: .casey)
        let head = try world.git(casey, ["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let cases: [(name: String, make: () throws -> Void, words: String)] = [
            ("a link to /etc/passwd", {
                try FileManager.default.createDirectory(atPath: "\(casey)/\(folder)/attachments", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: "\(casey)/\(folder)/attachments/passwd", withDestinationPath: "/etc/passwd")
                try world.git(casey, ["add", "-A"])
            }, "\(folder)/attachments/passwd: error is a symbolic link"),
            ("a submodule for a COE folder", {
                try world.git(casey, ["update-index", "--add", "--cacheinfo", "160000,\(head),coes/2026-11-01-abcdefghjk"])
            }, "coes/2026-11-01-abcdefghjk: error is a git submodule"),
            ("a case twin", {
                try copyTree("\(casey)/\(folder)", to: "\(casey)/coes/2026-10-14-K7QM3XV9DH")
                try world.git(casey, ["add", "-A"])
            }, "\(folder): error differs only in case from coes/2026-10-14-K7QM3XV9DH"),
            ("a file for a COE folder", {
                try world.write(casey, "coes/2026-11-02-abcdefghjk", "not a folder\n")
                try world.git(casey, ["add", "-A"])
            }, "coes/2026-11-02-abcdefghjk: error is a file, not a COE folder"),
        ]
        for (name, make, words) in cases {
            try make()
            let blocked = try world.git(casey, ["commit", "-q", "-m", "Add \(name)"], at: "2026-11-01T10:00:00Z")
            #expect(blocked.status != 0 && blocked.stderr.contains(words), "\(name): \(blocked.stderr)")
            let skipped = try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Add \(name)"], at: "2026-11-01T10:00:00Z")
            #expect(skipped.status == 0, "\(name): \(skipped.stderr)")
            let before = try world.serverHead()
            let push = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:01:00Z")
            #expect(push.status != 0 && push.stderr.contains("remote: \(words)") && push.stderr.contains("pre-receive hook declined"),
                    "\(name): \(push.stderr)")
            #expect(try world.serverHead() == before)
            try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
            try world.git(casey, ["clean", "-q", "-fdx"])
        }
    }
}
