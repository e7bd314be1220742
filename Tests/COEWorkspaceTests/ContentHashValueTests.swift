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

    /// The value approvals made before hashing was streamed recorded for this folder.
    static let pinned = "f97133348da39e0a22b72c530aa5c43921c06302"

    @Test func theHashIsPinnedAndTheSameFromEverySource() throws {
        let fixture = try GitFixture()
        let folder = try Self.writeCOE(in: fixture)
        let repository = try Repository.discover(from: fixture.path)
        let workTree = try ContentHash.of(directory: folder, in: WorkingTreeSource(root: fixture.path), repository: repository)
        #expect(workTree == Self.pinned)
        try fixture.git(["add", "-A"])
        #expect(try ContentHash.of(directory: folder, in: IndexSource(repository: repository), repository: repository) == Self.pinned)
        _ = try fixture.commitAll("Add the COE")
        let head = try GitTreeSource(repository: repository, revision: "HEAD")
        #expect(try ContentHash.of(directory: folder, in: head, repository: repository) == Self.pinned)

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
}
