import Foundation
import GitKit
import Testing
import TestSupport

/// libgit2 through GitKit, checked against the real `git` on real repositories.
@Suite struct RepositoryTests {
    @Test func discoversFromASubfolderAndReportsPaths() throws {
        let fixture = try GitFixture()
        try fixture.write("a/b/file.txt", "x\n")
        let repository = try Repository.discover(from: fixture.path + "/a/b")
        #expect(repository.workdir == fixture.path + "/")
        #expect(repository.gitDirectory == fixture.path + "/.git/")
        #expect(!repository.isBare && !repository.isShallow)
        #expect(try repository.head() == nil)
        #expect(try repository.headBranch() == "refs/heads/main")
    }

    @Test func refusesOutsideARepositoryWithLibgit2sText() throws {
        let scratch = try ScratchFolder()
        #expect(throws: GitError.self) { try Repository.discover(from: scratch.path) }
        let fixture = try GitFixture()
        try fixture.write("f", "1\n")
        try fixture.commitAll("one")
        let error = try #require(throws: GitError.self) { try Repository.discover(from: fixture.path).resolveCommit("no-such-branch") }
        #expect(error.isNotFound)
        #expect(error.message.contains("no-such-branch"))
        #expect(error.description.contains("resolve revision"))
    }

    @Test func readsCommitsTreesAndBlobsLikeGit() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/x/coe.yaml", "id: x\n")
        let first = try fixture.commitAll("first", date: "2026-11-01T10:00:00Z")
        try fixture.write("coes/x/summary.md", "Summary é\n")
        let second = try fixture.commitAll("second\n\nbody", date: "2026-11-02T11:30:00+01:00")
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        #expect(head.hex == second)
        #expect(try repository.resolveCommit("HEAD~1").hex == first)
        let commit = try repository.commit(head)
        #expect(commit.parents.map(\.hex) == [first])
        #expect(commit.subject == "second")
        #expect(commit.author.name == "Casey Author" && commit.author.email == "author@example.com")
        #expect(commit.author.offsetMinutes == 60)
        #expect(commit.committer.time == 1_793_615_400)
        let entry = try #require(try repository.entry(atPath: "coes/x/summary.md", inTree: commit.tree))
        #expect(entry.kind == .blob)
        #expect(String(decoding: try repository.blob(entry.id), as: UTF8.self) == "Summary é\n")
        #expect(entry.id.hex == (try fixture.git(["rev-parse", "HEAD:coes/x/summary.md"])).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try repository.entry(atPath: "coes/missing", inTree: commit.tree) == nil)
        #expect(try repository.entries(ofTree: try #require(try repository.entry(atPath: "coes/x", inTree: commit.tree)).id).map(\.name) == ["coe.yaml", "summary.md"])
    }

    @Test func walksTheSameCommitsAsRevList() throws {
        let fixture = try GitFixture()
        for index in 0..<5 {
            try fixture.write("f\(index)", "\(index)\n")
            try fixture.commitAll("c\(index)")
        }
        try fixture.git(["checkout", "-q", "-b", "side", "HEAD~2"])
        try fixture.write("side", "s\n")
        try fixture.commitAll("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.git(["merge", "-q", "--no-ff", "-m", "merge", "side"], environment: GitFixture.identity())
        let repository = try Repository.discover(from: fixture.path)
        var walked: [String] = []
        try repository.walk(from: [try #require(try repository.head())], order: [.topological, .time]) { id in
            walked.append(id.hex)
            return true
        }
        let expected = try fixture.git(["rev-list", "--topo-order", "HEAD"]).split(separator: "\n").map(String.init)
        #expect(Set(walked) == Set(expected))
        #expect(walked.count == 7)
        #expect(walked.first == expected.first)
    }

    @Test func createsCommitsThatGitReads() throws {
        let fixture = try GitFixture()
        try fixture.write("keep.txt", "keep\n")
        let base = try fixture.commitAll("base")
        let repository = try Repository.discover(from: fixture.path)
        let parent = try repository.commit(try repository.resolveCommit("HEAD"))
        let tree = try repository.tree(from: parent.tree, applying: [
            .write(path: "coes/new/review/c1.yaml", bytes: Array("text: hi\n".utf8)),
            .remove(path: "keep.txt"),
        ])
        let author = Signature(name: "Rae Reviewer", email: "rae@example.com", time: 1_793_700_000, offsetMinutes: -300)
        let commit = try repository.createCommit(tree: tree, parents: [parent.id], message: "Comment\n\nCOE-Id: new\n",
                                                 author: author, committer: author, updating: "HEAD")
        #expect(try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines) == commit.hex)
        #expect(try fixture.git(["show", "HEAD:coes/new/review/c1.yaml"]) == "text: hi\n")
        #expect(try fixture.git(["log", "-1", "--format=%an <%ae> %ai %P"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "Rae Reviewer <rae@example.com> 2026-11-03 05:00:00 -0500 \(base)")
        #expect(try fixture.git(["log", "-1", "--format=%(trailers:key=COE-Id,valueonly)"]).trimmingCharacters(in: .whitespacesAndNewlines) == "new")
        #expect(try fixture.git(["ls-tree", "-r", "--name-only", "HEAD"]) == "coes/new/review/c1.yaml\n")
        #expect(try fixture.git(["fsck", "--no-progress"]).isEmpty)
        // A reference that moved meanwhile is not overwritten.
        let error = try #require(throws: GitError.self) {
            try repository.createCommit(tree: tree, parents: [parent.id], message: "stale", author: author, committer: author, updating: "HEAD")
        }
        #expect(error.isModified || error.message.contains("current tip"))
    }

    @Test func readsConfiguration() throws {
        let fixture = try GitFixture()
        let repository = try Repository.discover(from: fixture.path)
        #expect(try repository.configString("user.name") == "Casey Author")
        #expect(try repository.configString("coe.absent") == nil)
        try repository.setConfig("coe.flag", "true")
        #expect(try repository.configBool("coe.flag") == true)
        #expect(try fixture.git(["config", "coe.flag"]) == "true\n")
    }

    @Test func createsRepositories() throws {
        let scratch = try ScratchFolder()
        let repository = try Repository.create(at: scratch.path + "/new/repo")
        #expect(repository.workdir == scratch.path + "/new/repo/")
        #expect(try repository.headBranch() == "refs/heads/main")
        let bare = try Repository.create(at: scratch.path + "/server.git", bare: true)
        #expect(bare.isBare && bare.workdir == nil)
        #expect(GitSettings.libraryVersion.split(separator: ".").count == 3)
    }

    @Test func objectIDsParseAndPrint() throws {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex && id.abbreviated(7) == "0123456")
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "0", count: 40))?.isZero == true)
    }
}

/// The index and history reads behind `coe lint --staged` and rule B1.history.
@Suite struct IndexAndPeopleTests {
    @Test func stagedEntriesAndChangesMatchGit() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/a/coe.yaml", "1\n")
        try fixture.write("coes/b/coe.yaml", "1\n")
        try fixture.write("other.txt", "1\n")
        try fixture.commitAll("base")
        try fixture.write("coes/a/coe.yaml", "2\n")
        try fixture.write("coes/c/new.md", "new\n")
        try fixture.write("other.txt", "2\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["rm", "-q", "coes/b/coe.yaml"])
        try fixture.write("coes/a/coe.yaml", "3 (not staged)\n")
        let repository = try Repository.discover(from: fixture.path)
        let expected = try fixture.git(["diff", "--cached", "--name-only", "--", "coes/"]).split(separator: "\n").map(String.init)
        #expect(try repository.stagedChanges(under: "coes") == expected.sorted())
        let entries = try repository.indexEntries()
        #expect(entries.map(\.path) == (try fixture.git(["ls-files"])).split(separator: "\n").map(String.init))
        let staged = try #require(entries.first { $0.path == "coes/a/coe.yaml" })
        #expect(String(decoding: try repository.blob(staged.id), as: UTF8.self) == "2\n")
    }

    @Test func stagedChangesInARepositoryWithoutCommits() throws {
        let fixture = try GitFixture()
        try fixture.write("coes/a/coe.yaml", "1\n")
        try fixture.git(["add", "-A"])
        #expect(try Repository.discover(from: fixture.path).stagedChanges(under: "coes") == ["coes/a/coe.yaml"])
    }

    @Test func peopleNamesWalkOnlyNewCommits() throws {
        let fixture = try GitFixture()
        try fixture.write("a", "1\n")
        let first = try fixture.commitAll("one")
        try fixture.write("a", "2\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "two"], environment: GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com"))
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        #expect(try repository.peopleNames(from: head, hiding: nil) == ["Casey Author", "Rae Reviewer"])
        #expect(try repository.peopleNames(from: head, hiding: ObjectID(hex: first)) == ["Rae Reviewer"])
        // A tip that no longer exists (rewritten history) is ignored: the whole history is walked.
        #expect(try repository.peopleNames(from: head, hiding: ObjectID(hex: String(repeating: "1", count: 40))) == ["Casey Author", "Rae Reviewer"])
    }
}

/// Raw tree reading, checked against libgit2's own tree parser and `git`.
@Suite struct RawTreeTests {
    @Test func entriesAndChangesMatchGit() throws {
        let fixture = try GitFixture()
        for name in ["a-1", "b-2", "c-3"] { try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\n") }
        try fixture.write("coes/.gitkeep", "")
        let first = try fixture.commitAll("one")
        try fixture.write("coes/b-2/coe.yaml", "id: b-2\nstatus: review\n")
        let second = try fixture.commitAll("two")
        try fixture.git(["rm", "-q", "-r", "coes/a-1"])
        try fixture.write("coes/d-4/coe.yaml", "id: d-4\n")
        let third = try fixture.commitAll("three")

        let repository = try Repository.discover(from: fixture.path)
        func coes(_ commit: String) throws -> RawTree {
            let id = try #require(ObjectID(hex: commit))
            let tree = try repository.commitTreeAndParents(id).tree
            let entry = try #require(try repository.rawTree(tree).entry(named: "coes"))
            return try repository.rawTree(entry.id)
        }
        let one = try coes(first), two = try coes(second), three = try coes(third)
        // The same entries libgit2's parser gives.
        let firstID = try #require(ObjectID(hex: first))
        let coesEntry = try #require(try repository.entry(atPath: "coes", inTree: try repository.commit(firstID).tree))
        let parsed = try repository.entries(ofTree: coesEntry.id)
        #expect(one.entries.map(\.name) == parsed.map(\.name) && one.entries.map(\.id) == parsed.map(\.id))
        #expect(one.entries.map(\.isTree) == [false, true, true, true])
        // Same names: compared slot by slot.
        let changed = two.changes(from: one)
        #expect(changed.map(\.name) == ["b-2"])
        #expect(changed[0].new?.hex == (try fixture.git(["rev-parse", "\(second):coes/b-2"])).trimmingCharacters(in: .whitespacesAndNewlines))
        // Names added and removed: compared by name.
        let moved = three.changes(from: two).sorted { $0.name < $1.name }
        #expect(moved.map(\.name) == ["a-1", "d-4"] && moved[0].new == nil && moved[1].old == nil)
        #expect(RawTree.empty.changes(from: one).count == 4)
        // One name looked up in raw bytes: the same id as libgit2's path look-up; files are not trees.
        let coesID = coesEntry.id
        let b2 = try #require(try repository.rawEntry(named: "b-2", inTree: coesID))
        #expect(b2.isTree && b2.id == parsed.first { $0.name == "b-2" }?.id)
        #expect(try repository.rawEntry(named: ".gitkeep", inTree: coesID)?.isTree == false)
        #expect(try repository.rawEntry(named: "b-", inTree: coesID) == nil)
        #expect(try repository.rawEntry(named: "zz", inTree: coesID) == nil)
    }
}
