import COEApp
import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEWorkspace

/// On real repositories (issue 13): links, submodules, special files and case twins are errors in the work
/// tree, the index and commits; nothing outside the repository is read; limits hold before reading.
@Suite struct FilesAndFoldersOnlyTests {
    func repositoryWithExample() throws -> GitFixture {
        let fixture = try GitFixture()
        _ = try Initializer.initialise(at: fixture.path, create: false)
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/\(exampleCOEID)")
        try fixture.commitAll("Add the example COE")
        return fixture
    }

    /// The sources of a fixture: its work tree, its index and its HEAD commit.
    func sources(_ fixture: GitFixture) throws -> [(String, FileSource)] {
        let workspace = try Workspace(at: fixture.path)
        return [("work tree", workspace.workingTree), ("index", try IndexSource(repository: workspace.repository)),
                ("HEAD", try GitTreeSource(repository: workspace.repository, revision: "HEAD"))]
    }

    func problems(_ directory: String, in source: FileSource, limits: ReadLimits = .default) throws -> [Diagnostic] {
        do {
            _ = try COEReader.read(directory: directory, from: source, limits: limits)
            return []
        } catch let error as FormatError {
            return error.diagnostics
        }
    }

    /// A COE folder held open (`holding`, how COEReader reads the work tree) gives what the root gives: the
    /// same listing however often it is listed, the same files, and still no link followed inside it.
    @Test func aFolderHeldOpenReadsAsTheRootDoes() throws {
        let fixture = try repositoryWithExample()
        let folder = "coes/\(exampleCOEID)"
        let outside = try ScratchFolder()
        try outside.write("secret.yaml", "title: outside\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/\(folder)/actions/A9.yaml", withDestinationPath: outside.path + "/secret.yaml")
        let root = WorkingTreeSource(root: fixture.path)
        let held = root.holding(folder)
        let listing = try root.list(folder), first = try held.list(folder), second = try held.list(folder)
        #expect(listing != nil && first == listing && second == listing, "listed twice, the same")
        let actions = try held.list("\(folder)/actions"), rootActions = try root.list("\(folder)/actions")
        #expect(actions == rootActions && actions?.contains { $0.name == "A9.yaml" } == true)
        let a1 = try held.read("\(folder)/actions/A1.yaml"), rootA1 = try root.read("\(folder)/actions/A1.yaml")
        #expect(a1 != nil && a1 == rootA1)
        let configuration = try held.read(".coe.yaml"), rootConfiguration = try root.read(".coe.yaml")
        #expect(configuration != nil && configuration == rootConfiguration, "outside the held folder: from the root")
        #expect(throws: SourceError.self) { try held.read("\(folder)/actions/A9.yaml") }
        let kind = try held.kind(of: "\(folder)/actions/A9.yaml")
        #expect(kind == .symlink(target: nil))
        // A folder that is a link is not held: the source is the root's, which lists nothing there.
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/coes/linked", withDestinationPath: outside.path)
        let linked = try root.holding("coes/linked").list("coes/linked")
        #expect(linked == nil)
    }

    @Test func aLinkedCOERootCOEFolderOrConfigurationIsRefused() throws {
        let fixture = try repositoryWithExample()
        let outside = try ScratchFolder()
        try copyTree(exampleCOEDirectory, to: outside.path + "/elsewhere/\(exampleCOEID)")
        // A COE folder linked outside: reported as a link, never listed.
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/coes/2026-11-01-abcdefghjk",
                                                   withDestinationPath: outside.path + "/elsewhere/\(exampleCOEID)")
        var workspace = try Workspace(at: fixture.path)
        #expect(try workspace.coeDirectories(in: workspace.workingTree).contains("coes/2026-11-01-abcdefghjk"))
        let linked = try problems("coes/2026-11-01-abcdefghjk", in: workspace.workingTree)
        #expect(linked.count == 1 && linked.first?.message.contains("is a symbolic link, not a COE folder") == true, "\(linked)")
        #expect(throws: SourceError.self) { try workspace.workingTree.read("coes/2026-11-01-abcdefghjk/coe.yaml") }

        // The COE root itself linked: refused with exit 2 (a WorkspaceError), not "0 COEs".
        try FileManager.default.moveItem(atPath: fixture.path + "/coes", toPath: outside.path + "/coes")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/coes", withDestinationPath: outside.path + "/coes")
        workspace = try Workspace(at: fixture.path)
        let error = try #require(throws: WorkspaceError.self) { try workspace.coeDirectories(in: workspace.workingTree) }
        #expect(error.message.contains("is a symbolic link"))
        #expect(throws: SourceError.self) { try workspace.workingTree.read("coes/\(exampleCOEID)/coe.yaml") }

        // .coe.yaml linked to a file elsewhere.
        try outside.write("config.yaml", "root: coes\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/.coe.yaml.link", withDestinationPath: outside.path + "/config.yaml")
        try FileManager.default.removeItem(atPath: fixture.path + "/.coe.yaml")
        try FileManager.default.moveItem(atPath: fixture.path + "/.coe.yaml.link", toPath: fixture.path + "/.coe.yaml")
        let config = try #require(throws: WorkspaceError.self) { try Workspace(at: fixture.path) }
        #expect(config.message.contains(".coe.yaml is a symbolic link"))
    }

    @Test func aCOERootThatIsAFileIsAnErrorAndAFileForAFolderIsAFinding() throws {
        let fixture = try repositoryWithExample()
        try fixture.write("coes/2026-11-01-abcdefghjk", "a file where a COE folder should be\n")
        let workspace = try Workspace(at: fixture.path)
        let results = try workspace.loadAll()
        #expect(results.map(\.directory) == ["coes/\(exampleCOEID)", "coes/2026-11-01-abcdefghjk"].sorted())
        let stray = try #require(results.first { $0.directory == "coes/2026-11-01-abcdefghjk" })
        guard case .failure(let failure) = stray.result else { Issue.record("a file read as a COE"); return }
        #expect(failure.diagnostics.first?.message.contains("is a file, not a COE folder") == true)

        try FileManager.default.removeItem(atPath: fixture.path + "/coes")
        try fixture.write("coes", "not a folder\n")
        let error = try #require(throws: WorkspaceError.self) { try workspace.coeDirectories(in: workspace.workingTree) }
        #expect(error.message.contains("the COE root coes is not a folder"))
    }

    @Test func aFIFOMakesItsCOEUnreadableWithoutWaiting() throws {
        let fixture = try repositoryWithExample()
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/2026-10-14-k7zz000000")
        try fixture.write("coes/2026-10-14-k7zz000000/coe.yaml",
                          try String(contentsOfFile: exampleCOEDirectory + "/coe.yaml", encoding: .utf8)
                            .replacingOccurrences(of: exampleCOEID, with: "2026-10-14-k7zz000000"))
        let fifo = fixture.path + "/coes/\(exampleCOEID)/analysis.md"
        try FileManager.default.removeItem(atPath: fifo)
        #expect(mkfifo(fifo, 0o644) == 0)
        let workspace = try Workspace(at: fixture.path)
        let results = try workspace.loadAll()
        #expect(results.count == 2)
        for (directory, result) in results {
            switch result {
            case .success: #expect(directory == "coes/2026-10-14-k7zz000000")
            case .failure(let error):
                #expect(directory == "coes/\(exampleCOEID)")
                #expect(error.diagnostics.map(\.description) == ["coes/\(exampleCOEID)/analysis.md: error is not a regular file or folder (a FIFO, socket or device); a COE holds only files and folders"])
            }
        }
        #expect(throws: SourceError.self) { try workspace.workingTree.read("coes/\(exampleCOEID)/analysis.md") }
    }

    @Test func aSubmoduleWhereACOEFolderOrFileShouldBeIsAnError() throws {
        let fixture = try repositoryWithExample()
        let head = try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git(["update-index", "--add", "--cacheinfo", "160000,\(head),coes/2026-11-01-abcdefghjk"])
        try fixture.git(["update-index", "--add", "--cacheinfo", "160000,\(head),coes/\(exampleCOEID)/attachments/vendor"])
        try fixture.git(["commit", "-q", "-m", "submodules"], environment: GitFixture.identity())
        for (label, source) in try sources(fixture).dropFirst() {
            let workspace = try Workspace(at: fixture.path)
            #expect(try workspace.coeDirectories(in: source).contains("coes/2026-11-01-abcdefghjk"), "\(label)")
            let folder = try problems("coes/2026-11-01-abcdefghjk", in: source)
            #expect(folder.first?.message.contains("is a git submodule (a gitlink), not a COE folder") == true, "\(label): \(folder)")
            let inside = try problems("coes/\(exampleCOEID)", in: source)
            #expect(inside.map(\.file) == ["coes/\(exampleCOEID)/attachments/vendor"], "\(label): \(inside)")
            #expect(inside.first?.message.contains("submodule") == true)
        }
    }

    @Test func namesDifferingOnlyInCaseAreErrorsInEverySource() throws {
        let fixture = try repositoryWithExample()
        try copyTree(exampleCOEDirectory + "/actions/A1.yaml", to: fixture.path + "/coes/\(exampleCOEID)/actions/a1.yaml")
        try copyTree(exampleCOEDirectory, to: fixture.path + "/coes/2026-10-14-K7QM3XV9DH")
        try fixture.commitAll("twins")
        for (label, source) in try sources(fixture) {
            let inside = try problems("coes/\(exampleCOEID)", in: source)
            #expect(inside.map(\.file) == ["coes/\(exampleCOEID)/actions/a1.yaml"], "\(label): \(inside)")
            let twins = try Workspace.caseTwins(in: source, root: "coes")
            #expect(twins.map(\.file) == ["coes/\(exampleCOEID)"], "\(label): \(twins)")
            #expect(twins.first?.message.contains("differs only in case from coes/2026-10-14-K7QM3XV9DH") == true)
        }
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let fixture = try repositoryWithExample()
        try fixture.write("coes/\(exampleCOEID)/analysis.md", String(repeating: "Words words words.\n", count: 120_000))
        try fixture.commitAll("a long analysis")
        for (label, source) in try sources(fixture) {
            let found = try problems("coes/\(exampleCOEID)", in: source)
            #expect(found.map(\.description) == [
                "coes/\(exampleCOEID)/analysis.md: error is 2280000 bytes, over the limit of 1 MiB per file; not read (the limit is limits.max_file_bytes in .coe.yaml)",
            ], "\(label)")
            #expect(try problems("coes/\(exampleCOEID)", in: source, limits: ReadLimits(fileBytes: 4 << 20)).isEmpty, "\(label)")
            #expect(throws: FileTooLarge(path: "coes/\(exampleCOEID)/analysis.md", size: 2_280_000, limit: 1_000)) {
                try source.read("coes/\(exampleCOEID)/analysis.md", limit: 1_000)
            }
        }
    }
}
