import COEApp
import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEWorkspace

/// Workspaces on real repositories: loading from the work tree and from commits, resolving ids, init and new.
@Suite struct WorkspaceTests {
    func repositoryWithExample() throws -> GitFixture {
        let fixture = try GitFixture()
        _ = try Initializer.initialise(at: fixture.path, create: false)
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("Add the example COE")
        return fixture
    }

    @Test func readsTheSameCOEFromTheWorkTreeAndFromACommit() throws {
        let fixture = try repositoryWithExample()
        let workspace = try Workspace(at: fixture.path + "/coes")
        let fromDisk = try COEReader.read(directory: "coes/\(exampleCOEID)", from: workspace.workingTree)
        let fromGit = try COEReader.read(directory: "coes/\(exampleCOEID)", from: try GitTreeSource(repository: workspace.repository, revision: "HEAD"))
        #expect(fromDisk.timeline == fromGit.timeline)
        #expect(fromDisk.whys == fromGit.whys)
        #expect(fromDisk.actions == fromGit.actions)
        #expect(fromDisk.summary == fromGit.summary)
        #expect(fromDisk.assets == fromGit.assets)
    }

    @Test func aDraftWithoutActionOrMetricFilesReadsTheSameFromACommit() throws {
        let fixture = try GitFixture()
        _ = try Initializer.initialise(at: fixture.path, create: false)
        let workspace = try Workspace(at: fixture.path)
        let (_, directory) = try Creator.create(.init(title: "Checkout failing", severity: .sev2, team: "payments",
                                                      created: CalendarDate("2026-11-03")!), in: workspace)
        // git stores no empty folders: without their .gitkeep, actions/ and metrics/ vanish from commits.
        try FileManager.default.removeItem(atPath: fixture.path + "/\(directory)/actions/.gitkeep")
        try FileManager.default.removeItem(atPath: fixture.path + "/\(directory)/metrics/.gitkeep")
        try fixture.commitAll("Start a COE")
        let fromDisk = try COEReader.read(directory: directory, from: workspace.workingTree)
        let fromGit = try COEReader.read(directory: directory, from: try GitTreeSource(repository: workspace.repository, revision: "HEAD"))
        #expect(fromDisk.actions.isEmpty && fromGit.actions.isEmpty && fromGit.metrics.isEmpty)
    }

    @Test func resolvesIdsPrefixesAndFolders() throws {
        let fixture = try repositoryWithExample()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/2026-10-14-k7zz000000")
        let workspace = try Workspace(at: fixture.path)
        #expect(try workspace.resolve(exampleCOEID) == "coes/\(exampleCOEID)")
        #expect(try workspace.resolve("k7qm") == "coes/\(exampleCOEID)")
        #expect(try workspace.resolve("coes/\(exampleCOEID)/") == "coes/\(exampleCOEID)")
        #expect(throws: WorkspaceError.self) { try workspace.resolve("k7") }
        #expect(throws: WorkspaceError.self) { try workspace.resolve("../../etc") }
        #expect(throws: WorkspaceError.self) { try workspace.resolve("nothing") }
    }

    /// A COE is files and folders only (issue 13): a link is an error wherever it points, and is never read.
    @Test func symlinksAreRefusedWhereverTheyPoint() throws {
        let fixture = try repositoryWithExample()
        let outside = try ScratchFolder()
        try outside.write("secret.md", "outside\n")
        let folder = fixture.path + "/coes/\(exampleCOEID)"
        try FileManager.default.removeItem(atPath: folder + "/impact.md")
        try FileManager.default.createSymbolicLink(atPath: folder + "/impact.md", withDestinationPath: outside.path + "/secret.md")
        let workspace = try Workspace(at: fixture.path)
        let error = try #require(throws: FormatError.self) { try COEReader.read(directory: "coes/\(exampleCOEID)", from: workspace.workingTree) }
        #expect(error.diagnostics.contains { $0.file.hasSuffix("impact.md") && $0.message.contains("symbolic link") })
        #expect(throws: SourceError.self) { try workspace.workingTree.read("coes/\(exampleCOEID)/impact.md") }

        try FileManager.default.removeItem(atPath: folder + "/impact.md")
        try fixture.write("shared/impact.md", "Inside the repository.\n")
        try FileManager.default.createSymbolicLink(atPath: folder + "/impact.md", withDestinationPath: "../../shared/impact.md")
        let inside = try #require(throws: FormatError.self) { try COEReader.read(directory: "coes/\(exampleCOEID)", from: workspace.workingTree) }
        #expect(inside.diagnostics.map(\.description) == [
            "coes/\(exampleCOEID)/impact.md: error is a symbolic link; a COE holds only files and folders, and coe never follows a link (copy the file in instead)",
        ])
        // The same through libgit2, from the index and from a commit.
        try fixture.commitAll("link")
        for source in [try GitTreeSource(repository: workspace.repository, revision: "HEAD") as FileSource,
                       try IndexSource(repository: workspace.repository)] {
            let error = try #require(throws: FormatError.self) { try COEReader.read(directory: "coes/\(exampleCOEID)", from: source) }
            #expect(error.diagnostics.map(\.description) == inside.diagnostics.map(\.description))
        }
    }

    @Test func initIsIdempotentAndRefusesOutsideARepository() throws {
        let fixture = try GitFixture()
        let first = try Initializer.initialise(at: fixture.path, create: false)
        #expect(first.wroteConfiguration && first.createdRoot && !first.createdRepository)
        let config = try fixture.scratch.read(".coe.yaml")
        let second = try Initializer.initialise(at: fixture.path, create: false)
        #expect(!second.wroteConfiguration && !second.createdRoot)
        #expect(try fixture.scratch.read(".coe.yaml") == config)
        let outside = try ScratchFolder()
        #expect(throws: WorkspaceError.self) { try Initializer.initialise(at: outside.path, create: false) }
        let created = try Initializer.initialise(at: outside.path + "/fresh", create: true)
        #expect(created.createdRepository && created.wroteConfiguration)
    }

    @Test func newRefusesLongTitlesAndWritesAReadableDraft() throws {
        let fixture = try GitFixture()
        _ = try Initializer.initialise(at: fixture.path, create: false)
        let workspace = try Workspace(at: fixture.path)
        let date = CalendarDate("2026-11-03")!
        let long = Array(repeating: "word", count: 20).joined(separator: " ")
        #expect(throws: WorkspaceError.self) { try Creator.create(.init(title: long, severity: .sev2, team: "payments", created: date), in: workspace) }
        let (metadata, directory) = try Creator.create(.init(title: "Checkout failing for some customers", severity: .sev2, team: "payments", created: date), in: workspace)
        #expect(directory == "coes/\(metadata.id)")
        let document = try COEReader.read(directory: directory, from: workspace.workingTree)
        #expect(document.metadata.status == .draft && document.metadata.created == date && document.metadata.owner == "payments")
    }

    @Test func configurationFromTheRepositoryIsUsed() throws {
        let fixture = try GitFixture()
        try fixture.write(".coe.yaml", "root: postmortems\nreview:\n  period_hours: 48\n")
        let workspace = try Workspace(at: fixture.path)
        #expect(workspace.root == "postmortems" && workspace.configuration.reviewPeriodHours == 48)
        try fixture.write(".coe.yaml", "root: postmortems\nreveiw: {}\n")
        let error = try #require(throws: FormatError.self) { try Workspace(at: fixture.path) }
        #expect(error.diagnostics.first?.description == ".coe.yaml:2:1: error [S3] unknown key 'reveiw'; did you mean 'review'?")
    }
}

/// The history-names cache in the git directory: built once, extended, rebuilt when it cannot be trusted.
@Suite struct PeopleIndexTests {
    @Test func cacheIsExtendedAndRebuilt() throws {
        let fixture = try GitFixture()
        try fixture.write("a", "1\n")
        try fixture.commitAll("one")
        let repository = try Repository.discover(from: fixture.path)
        #expect(try PeopleIndex.names(in: repository) == ["Casey Author"])
        let cache = fixture.path + "/.git/coe/people"
        #expect(try String(contentsOfFile: cache, encoding: .utf8).hasPrefix("coe-people-v1\n"))

        try fixture.write("a", "2\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "two"], environment: GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com"))
        #expect(try PeopleIndex.names(in: repository) == ["Casey Author", "Rae Reviewer"])

        // A corrupt cache is rebuilt, not trusted.
        try "garbage\nnot a tip\nMallory\n".write(toFile: cache, atomically: true, encoding: .utf8)
        #expect(try PeopleIndex.names(in: repository) == ["Casey Author", "Rae Reviewer"])

        // A rewritten history (amend): the old tip is gone from the branch; new names still arrive.
        try fixture.git(["commit", "-q", "--amend", "-m", "two, amended"], environment: GitFixture.identity(name: "Sam Amender", email: "sam@example.com"))
        #expect(try PeopleIndex.names(in: repository).contains("Sam Amender"))
    }
}

/// The work tree's blob ids are git's on both sides of the size read whole (`WorkingTreeSource.wholeHashLimit`).
@Suite struct WorkTreeBlobIDTests {
    @Test func blobIDsAreGitsReadWholeOrInChunks() throws {
        let fixture = try GitFixture()
        let source = WorkingTreeSource(root: fixture.path)
        for size in [0, 1, 100_000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
            let name = "folder/file-\(size)"
            try FileManager.default.createDirectory(atPath: fixture.path + "/folder", withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: fixture.path + "/" + name))
            let git = try fixture.git(["hash-object", name]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try source.blobID(of: name)?.hex == git, "\(size) bytes")
            #expect(try source.held("folder").blobID(of: name)?.hex == git, "\(size) bytes, folder held")
        }
        #expect(try source.blobID(of: "folder/absent") == nil)
    }
}
