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

    /// A file's blob id from its descriptor is git's (libgit2 hashing it in chunks), at every size, empty and binary
    /// files too; the work tree reads files of up to a mebibyte whole instead (`WorkingTreeSource.blobID`).
    @Test func hashingAnOpenFileGivesGitsBlobID() throws {
        let fixture = try GitFixture()
        let sizes = [0, 1, 4_096, 100_000, 1 << 20, (1 << 20) + 1, 3 << 20]
        for size in sizes {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
            let name = "file-\(size)"
            try Data(bytes).write(to: URL(fileURLWithPath: fixture.path + "/" + name))
            let descriptor = open(fixture.path + "/" + name, O_RDONLY)
            defer { close(descriptor) }
            let hashed = try Repository.hashBlob(fileDescriptor: descriptor)
            #expect(hashed == (try Repository.hashBlob(bytes)), "\(size) bytes")
            #expect(hashed.hex == (try fixture.git(["hash-object", name]).trimmingCharacters(in: .whitespacesAndNewlines)), "\(size) bytes")
        }
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

    /// Skeletons and summaries are read from the raw commit: the same tree, parents, times, author and
    /// subject libgit2's parser gives,
    /// through signatures and extra headers, and an error (not a crash) for a malformed header.
    @Test func commitSkeletonsAgreeWithTheParsedCommit() throws {
        let fixture = try GitFixture()
        try fixture.write("f", "1\n")
        let first = try fixture.commitAll("one", date: "2026-11-01T10:00:00Z")
        try fixture.git(["checkout", "-q", "-b", "side"])
        try fixture.write("g", "2\n")
        let side = try fixture.commitAll("two", date: "2026-11-02T10:00:00+05:30")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("h", "3\n")
        _ = try fixture.commitAll("three", date: "2026-11-03T10:00:00Z")
        _ = try fixture.git(["merge", "-q", "--no-ff", "-m", "merge", "side"], environment: GitFixture.identity(date: "2026-11-04T10:00:00Z"))
        let tree = try fixture.git(["rev-parse", "HEAD^{tree}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // A signed commit: the signature's continuation lines start with a space and may hold anything.
        let signed = """
            tree \(tree)
            parent \(first)
            parent \(side)
            author Ada Lovelace <ada@example.com> 1793700000 -0930
            committer C <c@example.com> 1793703600 -0700
            gpgsig -----BEGIN PGP SIGNATURE-----
             committer X <x@example.com> 1 +0000
             -----END PGP SIGNATURE-----

            signed

            """
        let signedID = try run("/usr/bin/git", ["hash-object", "-t", "commit", "-w", "--stdin"], in: fixture.path, input: signed)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let malformed = try run("/usr/bin/git", ["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], in: fixture.path,
                                input: "tree \(tree)\nauthor A <a@example.com> 1 +0000\ncommitter no time\n\nbad\n")
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        let ids: [ObjectID] = [head] + [first, side, signedID].compactMap { ObjectID(hex: $0) }
        #expect(ids.count == 4)
        for id in ids {
            let skeleton = try repository.commitSkeleton(id)
            let parsed = try repository.commit(id)
            #expect(skeleton.tree == parsed.tree, "\(id)")
            #expect(skeleton.parents == parsed.parents, "\(id)")
            #expect(skeleton.time == parsed.committer.time, "\(id)")
            let summary = try repository.commitSummary(id)
            #expect(summary.author == parsed.author, "\(id)")
            #expect(summary.committerTime == parsed.committer.time && summary.subject == parsed.subject, "\(id)")
        }
        #expect(try repository.commitSkeleton(head).parents.count == 2)
        #expect(try repository.commitSkeleton(try #require(ObjectID(hex: signedID))).time == 1_793_703_600)
        let malformedID = try #require(ObjectID(hex: malformed))
        let error = try #require(throws: GitError.self) { try repository.commitSkeleton(malformedID) }
        #expect(error.description.contains("malformed"))
        let treeID = try #require(ObjectID(hex: tree))
        #expect(throws: GitError.self) { try repository.commitSkeleton(treeID) }
        #expect(throws: GitError.self) { try repository.commitSummary(malformedID) }
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
        let text = try repository.commitText(tree: tree, parents: [parent.id], message: "Comment\n\nCOE-Id: new\n", author: author, committer: author)
        let commit = try repository.writeCommit(text: text, signature: nil)
        try repository.moveReference("refs/heads/main", to: commit, from: parent.id, message: "coe: comment")
        #expect(try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines) == commit.hex)
        #expect(try fixture.git(["show", "HEAD:coes/new/review/c1.yaml"]) == "text: hi\n")
        #expect(try fixture.git(["log", "-1", "--format=%an <%ae> %ai %P"]).trimmingCharacters(in: .whitespacesAndNewlines)
                == "Rae Reviewer <rae@example.com> 2026-11-03 05:00:00 -0500 \(base)")
        #expect(try fixture.git(["log", "-1", "--format=%(trailers:key=COE-Id,valueonly)"]).trimmingCharacters(in: .whitespacesAndNewlines) == "new")
        #expect(try fixture.git(["ls-tree", "-r", "--name-only", "HEAD"]) == "coes/new/review/c1.yaml\n")
        #expect(try fixture.git(["fsck", "--no-progress"]).isEmpty)
        // A reference that moved meanwhile is not overwritten.
        let stale = try repository.writeCommit(text: try repository.commitText(tree: tree, parents: [parent.id], message: "stale",
                                                                                 author: author, committer: author), signature: nil)
        let error = try #require(throws: GitError.self) {
            try repository.moveReference("refs/heads/main", to: stale, from: parent.id, message: "coe: stale")
        }
        #expect(error.isModified)
        #expect(try fixture.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines) == commit.hex)
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

/// Raw tree reading, checked against libgit2's own tree parser and `git diff-tree`.
@Suite struct RawTreeTests {
    @Test func deltasMatchGitDiffTree() throws {
        let fixture = try GitFixture()
        // Names that sort differently as files and as folders ("a" as a folder sorts as "a/", after "a.b").
        for name in ["a-1", "b-2", "c-3", "a", "a.b/x", "a-b/x", "kept", "é-ü"] { try fixture.write("coes/\(name)/coe.yaml", "id: x\n") }
        try fixture.write("coes/.gitkeep", "")
        try fixture.write("coes/file", "f\n")
        let first = try fixture.commitAll("one")
        try fixture.write("coes/b-2/coe.yaml", "id: b-2\nstatus: review\n")
        try fixture.write("coes/é-ü/coe.yaml", "id: é\n")
        let second = try fixture.commitAll("two")
        try fixture.git(["rm", "-q", "-r", "coes/a-1", "coes/a", "coes/file"])
        try fixture.write("coes/a", "now a file\n")
        try fixture.write("coes/file/coe.yaml", "now a folder\n")
        try fixture.write("coes/d-4/coe.yaml", "id: d-4\n")
        try fixture.write("coes/a.b/y", "y\n")
        let third = try fixture.commitAll("three")

        let repository = try Repository.discover(from: fixture.path)
        func coes(_ commit: String) throws -> ObjectID {
            let id = try #require(ObjectID(hex: commit))
            return try #require(try repository.subtree(at: ["coes"], inTree: try repository.commitSkeleton(id).tree))
        }
        /// `git diff-tree` at the top level of the two trees: (name, old id, new id, old is a tree, new is a tree).
        func git(_ a: String, _ b: String) throws -> [(String, String, String, Bool, Bool)] {
            try fixture.git(["-c", "core.quotePath=false", "diff-tree", "\(a):coes", "\(b):coes"]).split(separator: "\n").map { line in
                let fields = line.split(separator: "\t", maxSplits: 1)
                let meta = fields[0].dropFirst().split(separator: " ")
                return (String(fields[1]), String(meta[2]), String(meta[3]), meta[0] == "040000", meta[1] == "040000")
            }
        }
        let zero = String(repeating: "0", count: 40)
        for (a, b) in [(first, second), (second, third), (first, third), (third, first)] {
            let ours = try repository.treeDeltas(from: try coes(a), to: try coes(b))
            let theirs = try git(a, b)
            // A file that became a folder is a removal and an addition, as git lists it: the two sort apart.
            func row(_ name: String, _ old: String?, _ new: String?) -> String { "\(name) \(old ?? zero) \(new ?? zero)" }
            #expect(ours.map { row($0.name, $0.old?.hex, $0.new?.hex) }.sorted() == theirs.map { row($0.0, $0.1, $0.2) }.sorted(), "\(a) → \(b)")
            // Folders only: a file counts as absent.
            let folders = try repository.treeDeltas(from: try coes(a), to: try coes(b), foldersOnly: true)
            let expected = theirs.filter { $0.3 || $0.4 }.map { row($0.0, $0.3 ? $0.1 : nil, $0.4 ? $0.2 : nil) }
            #expect(folders.map { row($0.name, $0.old?.hex, $0.new?.hex) }.sorted() == expected.sorted(), "\(a) → \(b)")
        }
        #expect(try repository.treeDeltas(from: nil, to: try coes(first)).count == 10)
        #expect(try repository.treeDeltas(from: try coes(first), to: try coes(first)).isEmpty)
        // One name looked up in raw bytes: the same id as libgit2's path look-up; files are not trees.
        let coesID = try coes(first)
        let parsed = try repository.entries(ofTree: coesID)
        let b2 = try #require(try repository.rawEntry(named: "b-2", inTree: coesID))
        #expect(b2.isTree && b2.id == parsed.first { $0.name == "b-2" }?.id)
        #expect(try repository.rawEntry(named: ".gitkeep", inTree: coesID)?.isTree == false)
        #expect(try repository.rawEntry(named: "b-", inTree: coesID) == nil)
        #expect(try repository.rawEntry(named: "zz", inTree: coesID) == nil)
    }
}

/// The differ's fast comparison gives what the general one gives, on versions of one tree in a row.
@Suite struct TreeDifferTests {
    @Test func successiveVersionsGiveTheSameDeltasAsTheGeneralComparison() throws {
        let fixture = try GitFixture()
        for index in 0..<40 { try fixture.write("coes/c\(index < 10 ? "0" : "")\(index)/coe.yaml", "id: c\(index)\n") }
        var commits = [try fixture.commitAll("start")]
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for step in 0..<30 {
            switch next(5) {
            case 0: try fixture.write("coes/n\(step)/coe.yaml", "id: n\(step)\n")           // a folder added
            case 1: try fixture.write("coes/c\(10 + next(30))/note.txt", "\(step)\n")       // two folders changed
                    try fixture.write("coes/c0\(next(10))/note.txt", "\(step)\n")
            case 2: try fixture.write("coes/file\(step)", "a file\n")                       // a file beside the folders
            case 3: _ = try? fixture.git(["rm", "-q", "-r", "coes/c\(10 + next(30))"])      // a folder removed
            default: try fixture.write("coes/c\(10 + next(30))/coe.yaml", "id: x\(step)\n")
            }
            commits.append(try fixture.commitAll("step \(step)"))
        }
        let repository = try Repository.discover(from: fixture.path)
        let differ = TreeDiffer(repository: repository)
        func root(_ commit: String) throws -> ObjectID? {
            try repository.subtree(at: ["coes"], inTree: try repository.commitSkeleton(try #require(ObjectID(hex: commit))).tree)
        }
        for (older, newer) in zip(commits, commits.dropFirst()) {
            let a = try root(older), b = try root(newer)
            for foldersOnly in [false, true] {
                let fast = try differ.deltas(from: a, to: b, foldersOnly: foldersOnly)
                let general = try repository.treeDeltas(from: a, to: b, foldersOnly: foldersOnly)
                #expect(fast == general, "\(older) → \(newer)")
            }
        }
    }
}

extension RepositoryTests {
    /// The files a commit adds, as the server scans them for secrets: what `git diff-tree` lists as added
    /// or modified, for a merge only what differs from every parent (`-c`), submodules left out.
    @Test func blobsAddedAgreeWithGitDiffTree() throws {
        let fixture = try GitFixture()
        for index in 0..<30 { try fixture.write("coes/c\(index)/coe.yaml", "id: c\(index)\n") }
        try fixture.commitAll("many")
        try fixture.write("coes/c7/summary.md", "new\n")
        try fixture.write("coes/c7/coe.yaml", "id: c7\nstatus: review\n")
        try fixture.write("deploy/a.svg", "<svg/>\n")
        try run("/bin/rm", ["-r", "coes/c3"], in: fixture.path)
        // A submodule entry: a commit of another repository, not an object of this one.
        try fixture.git(["update-index", "--add", "--cacheinfo", "160000,0123456789012345678901234567890123456789,vendor/lib"])
        try fixture.commitAll("change")
        try fixture.git(["checkout", "-q", "-b", "side", "HEAD~1"])
        try fixture.write("coes/c9/summary.md", "side\n")
        try fixture.write("coes/c7/summary.md", "side's\n")
        try fixture.commitAll("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.git(["merge", "-q", "--no-edit", "-X", "ours", "side"], environment: GitFixture.identity())
        // The merge also brings a file of its own: it differs from both parents.
        try fixture.write("coes/c5/merged.md", "merged\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "--amend", "--no-edit"], environment: GitFixture.identity())
        let repository = try Repository.discover(from: fixture.path)
        func added(_ revision: String) throws -> [String] {
            let commit = try repository.resolveCommit(revision)
            let skeleton = try repository.commitSkeleton(commit)
            let parents = try skeleton.parents.map { Optional(try repository.commitSkeleton($0).tree) }
            return try repository.blobsAdded(in: skeleton.tree, comparedWith: parents).map(\.path).sorted()
        }
        func git(_ arguments: [String]) throws -> [String] {
            try fixture.git(arguments).split(separator: "\n").map(String.init).filter { $0 != "vendor/lib" }.sorted()
        }
        #expect(try added("HEAD~1") == git(["diff-tree", "-r", "--no-commit-id", "--name-only", "--diff-filter=AMT", "HEAD~2", "HEAD~1"]))
        #expect(try added("HEAD~1") == ["coes/c7/coe.yaml", "coes/c7/summary.md", "deploy/a.svg"])
        #expect(try added("HEAD") == git(["diff-tree", "-c", "-r", "--no-commit-id", "--name-only", "--diff-filter=AMT", "HEAD"]))
        #expect(try added("HEAD") == ["coes/c5/merged.md"], "what a parent has is not new in the merge")
        #expect(try added("HEAD~2") == git(["ls-tree", "-r", "--name-only", "HEAD~2"]))
    }
}
