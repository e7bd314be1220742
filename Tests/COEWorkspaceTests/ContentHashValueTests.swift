import COEFormat
import COEWorkspace
import Foundation
import GitKit
import Testing
import TestSupport

/// The content hash is what every approval records (`content_hash`): its value must never change, and
/// it must be the same whichever source the COE is read from.
@Suite struct ContentHashValueTests {
    /// A COE folder of fixed bytes: coe.yaml with a status line, a part, a nested folder, a review record
    /// (not content), and a 3 MiB binary attachment (over the 1 MiB file limit, so never read whole).
    static func writeCOE(in fixture: GitFixture) throws -> String {
        let folder = "coes/2026-01-01-aaaaaaaaaa"
        try fixture.write("\(folder)/coe.yaml", "id: 2026-01-01-aaaaaaaaaa\ntitle: Fixed\nstatus: approved\nseverity: SEV-3\n")
        try fixture.write("\(folder)/summary.md", "A summary.\n")
        try fixture.write("\(folder)/actions/A1.yaml", "title: An action\n")
        try fixture.write("\(folder)/review/20260101T000000Z-0000000000.yaml", "kind: comment\n")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var image = [UInt8](repeating: 0, count: 3 << 20)
        image.replaceSubrange(0..<8, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        for index in 8..<image.count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            image[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        try FileManager.default.createDirectory(atPath: "\(fixture.path)/\(folder)/attachments", withIntermediateDirectories: true)
        try Data(image).write(to: URL(fileURLWithPath: "\(fixture.path)/\(folder)/attachments/graph.png"))
        return folder
    }

    /// The value approvals made before hashing was streamed recorded for this folder (version 1).
    static let pinned = "f97133348da39e0a22b72c530aa5c43921c06302"
    /// Its version-2 value: the same, as no action file has tracking state.
    static let identity = ContentIdentity(current: "v2-" + pinned, legacy: pinned)

    @Test func theHashIsPinnedAndTheSameFromEverySource() throws {
        let fixture = try GitFixture()
        let folder = try Self.writeCOE(in: fixture)
        let repository = try Repository.discover(from: fixture.path)
        let workTree = try ContentHash.identity(directory: folder, in: WorkingTreeSource(root: fixture.path), repository: repository)
        #expect(workTree == Self.identity)
        try fixture.git(["add", "-A"])
        #expect(try ContentHash.identity(directory: folder, in: IndexSource(repository: repository), repository: repository) == Self.identity)
        _ = try fixture.commitAll("Add the COE")
        let head = try GitTreeSource(repository: repository, revision: "HEAD")
        #expect(try ContentHash.identity(directory: folder, in: head, repository: repository) == Self.identity)

        // Git's own account of it: each file's path and blob id (coe.yaml without its status line),
        // sorted, one a line, hashed as a blob.
        var lines: [String] = []
        for line in try fixture.git(["ls-tree", "-r", "HEAD", folder]).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            let path = String(fields[1].dropFirst(folder.count + 1))
            if path.hasPrefix("review/") { continue }
            var blob = String(fields[0].split(separator: " ")[2])
            if path == "coe.yaml" {
                let scratch = try ScratchFolder()
                try scratch.write("coe.yaml", "id: 2026-01-01-aaaaaaaaaa\ntitle: Fixed\nseverity: SEV-3\n")
                blob = try fixture.git(["hash-object", scratch.path + "/coe.yaml"]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            lines.append("\(path) \(blob)")
        }
        let scratch = try ScratchFolder()
        try scratch.write("lines", lines.sorted().joined(separator: "\n") + "\n")
        #expect(try fixture.git(["hash-object", scratch.path + "/lines"]).trimmingCharacters(in: .whitespacesAndNewlines) == Self.pinned)
    }

    /// A link where a file should be is refused, never followed.
    @Test func aFileReplacedByALinkIsNotFollowed() throws {
        let fixture = try GitFixture()
        let folder = try Self.writeCOE(in: fixture)
        let repository = try Repository.discover(from: fixture.path)
        try FileManager.default.removeItem(atPath: "\(fixture.path)/\(folder)/summary.md")
        try FileManager.default.createSymbolicLink(atPath: "\(fixture.path)/\(folder)/summary.md", withDestinationPath: "/etc/passwd")
        #expect(throws: (any Error).self) {
            try ContentHash.of(directory: folder, in: WorkingTreeSource(root: fixture.path), repository: repository)
        }
    }

    /// An action's tracking state (status, done date, evidence, notes, slips) is not approved content;
    /// its title, owner, due date and the rest are. Version-1 hashes cover the whole file.
    @Test func trackingStateIsNotApprovedContent() throws {
        let fixture = try GitFixture()
        let folder = try Self.writeCOE(in: fixture)
        let repository = try Repository.discover(from: fixture.path)
        let source = WorkingTreeSource(root: fixture.path)
        func identity(_ action: String) throws -> ContentIdentity {
            try fixture.write("\(folder)/actions/A1.yaml", action)
            return try ContentHash.identity(directory: folder, in: source, repository: repository)
        }
        let base = "title: An action\nowner: platform team\ndue: 2026-12-01\n"
        let open = try identity(base + "status: open\n")
        let done = try identity(base + "status: done\ndone_on: 2026-11-30\ndone_by: platform team\nevidence: https://example.com/pr/1\n"
                                + "notes:\n- date: 2026-11-20\n  text: |\n    Half of it.\n    title: not a key\n")
        #expect(done.current == open.current)
        #expect(done.legacy != open.legacy, "a version-1 approval covered the whole file")
        #expect(open.matches(open.legacy) && done.matches(done.legacy) && !done.matches(open.legacy))
        // Tracking keys anywhere in the file, approved lines kept as written.
        let moved = try identity("status: open\n" + base)
        #expect(moved.current == open.current)
        for edit in [base.replacingOccurrences(of: "2026-12-01", with: "2026-12-15"), base.replacingOccurrences(of: "platform", with: "data"),
                     base + "# a comment\n", base + "ticket: OPS-1\n"] {
            #expect(try identity(edit + "status: open\n").current != open.current, "\(edit)")
        }
        // A file the split cannot be trusted on is approved whole: a quoted status running over lines
        // that swallows what would otherwise be a key.
        let swallowed = try identity("title: An action\nstatus: \"open\nowner: x\"\n")
        let swallowedDone = try identity("title: An action\nstatus: \"done\nowner: x\"\n")
        #expect(swallowed.current != swallowedDone.current)
    }

    /// A file name holding a line break cannot stand for two entries: `response.md <blob>\nsummary.md`
    /// as one file gives another hash than `response.md` and `summary.md` as two.
    @Test func aFileNameWithALineBreakIsNotTwoEntries() throws {
        let fixture = try GitFixture()
        let folder = try Self.writeCOE(in: fixture)
        let repository = try Repository.discover(from: fixture.path)
        let source = WorkingTreeSource(root: fixture.path)
        try fixture.write("\(folder)/response.md", "Response.\n")
        let two = try ContentHash.identity(directory: folder, in: source, repository: repository)
        let response = try repository.hashBlob(Array("Response.\n".utf8)).hex
        try FileManager.default.removeItem(atPath: "\(fixture.path)/\(folder)/response.md")
        try FileManager.default.removeItem(atPath: "\(fixture.path)/\(folder)/summary.md")
        try fixture.write("\(folder)/response.md \(response)\nsummary.md", "A summary.\n")
        let one = try ContentHash.identity(directory: folder, in: source, repository: repository)
        #expect(one.current != two.current && one.legacy != two.legacy)
    }
}
