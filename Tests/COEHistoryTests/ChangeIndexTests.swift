import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEHistory

/// The history index: incremental, never trusted when damaged, and giving the same answers as a walk.
@Suite struct ChangeIndexTests {
    /// A deterministic pseudo-random history: edits to a few COEs on several branches, merges (some
    /// with conflicts resolved by hand), a folder renamed under the root, deletions, and files beside the COEs.
    func randomHistory(seed: UInt64, commits: Int) throws -> GitFixture {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let fixture = try GitFixture()
        try fixture.write("coes/c0/coe.yaml", "id: c0\nstatus: draft\n")
        try fixture.write("coes/README.md", "COEs live here.\n")
        var minute = 0
        func date() -> String {
            minute += 1
            return "2026-11-0\(1 + minute / 600)T\(String(format: "%02d:%02d", (minute / 60) % 10 + 10, minute % 60)):00Z"
        }
        _ = try fixture.commitAll("start", date: date())
        var branches = ["main"]
        var names = ["c0"]
        for step in 0..<commits {
            switch next(10) {
            case 0 where branches.count < 3:
                let branch = "b\(step)"
                try fixture.git(["checkout", "-q", "-b", branch])
                branches.append(branch)
            case 1 where branches.count > 1:
                let other = branches.removeLast()
                try fixture.git(["checkout", "-q", "main"])
                let merge = try run("/usr/bin/git", ["merge", "-q", "--no-ff", "-m", "merge \(other)", other], in: fixture.path,
                                    environment: GitFixture.identity(date: date()))
                if merge.status != 0 {
                    // A conflict: resolved by taking ours and adding a line, so the merge brings content of its own.
                    try fixture.git(["checkout", "--ours", "."])
                    for name in names where FileManager.default.fileExists(atPath: fixture.path + "/coes/\(name)/coe.yaml") {
                        try fixture.write("coes/\(name)/resolved.md", "resolved at step \(step)\n")
                    }
                    _ = try fixture.commitAll("resolve merge of \(other)", date: date())
                }
                try fixture.git(["branch", "-q", "-D", other])
            case 2:
                let name = "c\(step)"
                try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\nstatus: draft\n")
                names.append(name)
                _ = try fixture.commitAll("add \(name)", date: date())
            case 3 where names.count > 2:
                let name = names[next(names.count)]
                guard FileManager.default.fileExists(atPath: fixture.path + "/coes/\(name)") else { continue }
                try fixture.git(["rm", "-q", "-r", "coes/\(name)"])
                _ = try fixture.commitAll("delete \(name)", date: date())
            case 4:
                let name = names[next(names.count)]
                guard FileManager.default.fileExists(atPath: fixture.path + "/coes/\(name)") else { continue }
                let renamed = name + "r"
                try fixture.git(["mv", "coes/\(name)", "coes/\(renamed)"])
                names.append(renamed)
                _ = try fixture.commitAll("rename \(name)", date: date())
            case 5:
                try fixture.write("coes/README.md", "COEs live here (\(step)).\n")
                _ = try fixture.commitAll("readme", date: date())
            default:
                // Folders are not re-created under a name another folder's id may hold.
                let name = names[next(names.count)]
                guard FileManager.default.fileExists(atPath: fixture.path + "/coes/\(name)") else { continue }
                try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\nstatus: \(["draft", "review", "approved"][next(3)])\n")
                try fixture.write("coes/\(name)/summary.md", "Step \(step).\n")
                _ = try fixture.commitAll("edit \(name)", date: date())
            }
        }
        try fixture.git(["checkout", "-q", "main"])
        return fixture
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theIndexGivesWhatAWalkGives(seed: UInt64) throws {
        let fixture = try randomHistory(seed: seed, commits: 60)
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        let folders = try repository.entries(ofTree: try #require(try repository.subtree(at: ["coes"], inTree: try repository.commit(head).tree)))
        #expect(!folders.isEmpty)
        for folder in folders where folder.kind == .tree {
            let path = "coes/\(folder.name)"
            let indexed = try History.entries(ofCOE: folder.name, at: path, from: head, root: "coes", in: repository)
            let walked = try History.walkedEntries(ofCOE: folder.name, at: path, from: head, in: repository)
            #expect(Set(indexed.map(\.commit.id)) == Set(walked.map(\.commit.id)), "\(path) indexed: \(indexed.map { "\($0.commit.subject) \($0.commit.parents.count) \($0.path ?? "-") \($0.parentPaths)" }) walked: \(walked.map { "\($0.commit.subject) \($0.path ?? "-") \($0.parentPaths)" })")
            for entry in indexed {
                let twin = walked.first { $0.commit.id == entry.commit.id }
                #expect(twin?.path == entry.path && twin?.parentPaths == entry.parentPaths, "\(path) at \(entry.commit.subject)")
            }
            // Children before parents.
            let order = Dictionary(uniqueKeysWithValues: indexed.enumerated().map { ($1.commit.id, $0) })
            for entry in indexed {
                for parent in entry.commit.parents { if let at = order[parent] { #expect(at > order[entry.commit.id]!) } }
            }
        }
    }

    /// Built on several threads (each with a part of the walk), the index holds what one thread builds;
    /// the audit likewise.
    @Test func theIndexAndTheAuditWorkedOutInParallelAreTheOnesWorkedOutOnOneThread() throws {
        let fixture = try randomHistory(seed: 8, commits: 50)
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        let single = ChangeIndex(repository: repository, root: "coes")
        single.commitsPerThread = .max
        try single.update(to: head)
        let one = try #require(FileManager.default.contents(atPath: ChangeIndex.path(in: repository)))
        try FileManager.default.removeItem(atPath: ChangeIndex.path(in: repository))
        let parallel = ChangeIndex(repository: repository, root: "coes")
        parallel.commitsPerThread = 3
        try parallel.update(to: head)
        #expect(parallel.commitsRead == single.commitsRead && single.commitsRead > 25)
        #expect(FileManager.default.contents(atPath: ChangeIndex.path(in: repository)) == one)
        // The audit, with the COEs shared out between threads, finds what one thread finds.
        let alone = try Audit.run(from: head, root: "coes", configuration: Configuration(), in: repository, commitsPerThread: .max)
        let shared = try Audit.run(from: head, root: "coes", configuration: Configuration(), in: repository, commitsPerThread: 3)
        #expect(describe(alone) == describe(shared) && alone.coes.count > 3)
    }

    @Test func aSecondRunReadsOnlyTheNewCommitsAndAFreshIndexAgrees() throws {
        let fixture = try randomHistory(seed: 7, commits: 40)
        let repository = try Repository.discover(from: fixture.path)
        let total = Int(try fixture.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        let first = ChangeIndex(repository: repository, root: "coes")
        #expect(first.rebuiltBecause == "missing")
        try first.update(to: try #require(try repository.head()))
        #expect(first.commitsRead == total)
        let before = try Audit.run(from: try #require(try repository.head()), root: "coes", configuration: Configuration(), in: repository)

        try fixture.write("coes/c0/summary.md", "One more.\n")
        _ = try fixture.commitAll("one more", date: "2026-11-09T10:00:00Z")
        try fixture.write("coes/c0/summary.md", "Two more.\n")
        _ = try fixture.commitAll("two more", date: "2026-11-09T11:00:00Z")
        let head = try #require(try repository.head())
        let second = ChangeIndex(repository: repository, root: "coes")
        #expect(second.rebuiltBecause == nil)
        try second.update(to: head)
        #expect(second.commitsRead == 2)
        // Already up to date: nothing read.
        let third = ChangeIndex(repository: repository, root: "coes")
        try third.update(to: head)
        #expect(third.commitsRead == 0)

        // The extended index and one built from nothing give the same audit.
        let extended = try Audit.run(from: head, root: "coes", configuration: Configuration(), in: repository)
        try FileManager.default.removeItem(atPath: ChangeIndex.path(in: repository))
        let fresh = try Audit.run(from: head, root: "coes", configuration: Configuration(), in: repository)
        #expect(describe(extended) == describe(fresh))
        #expect(describe(before) != describe(fresh), "the new commits show in the audit")
    }

    func describe(_ report: Audit.Report) -> [String] {
        report.coes.map { "\($0.id) \($0.status?.rawValue ?? "-") \($0.secondsInStatus.sorted { $0.key.rawValue < $1.key.rawValue }) \($0.editsAfterApproval.map(\.commit)) \($0.violations.map(\.message)) \($0.deleted?.commit.hex ?? "")" }
    }

    @Test func aDamagedOrForeignIndexIsRebuiltNeverTrusted() throws {
        let fixture = try randomHistory(seed: 11, commits: 20)
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        let path = ChangeIndex.path(in: repository)
        try ChangeIndex(repository: repository, root: "coes").update(to: head)
        let good = try #require(FileManager.default.contents(atPath: path))
        let coesTree = try #require(try repository.subtree(at: ["coes"], inTree: try repository.commit(head).tree))
        let coe = try #require(try repository.entries(ofTree: coesTree).first { $0.kind == .tree }).name
        let expected = try History.walkedEntries(ofCOE: coe, at: "coes/\(coe)", from: head, in: repository).map(\.commit.id)
        #expect(!expected.isEmpty)

        func check(_ bytes: Data, root: String = "coes", because reason: String) throws {
            try bytes.write(to: URL(fileURLWithPath: path))
            let index = ChangeIndex(repository: repository, root: root)
            #expect(index.rebuiltBecause?.contains(reason) == true, "\(reason): \(index.rebuiltBecause ?? "used")")
            #expect(try History.entries(ofCOE: coe, at: "coes/\(coe)", from: head, root: "coes", in: repository).map(\.commit.id).sorted() == expected.sorted())
        }
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        try check(flipped, because: "checksum")
        try check(good.prefix(good.count - 30), because: "checksum")
        try check(Data("not an index".utf8), because: "version")
        try check(Data(), because: "version")
        try check(good, root: "postmortems", because: "another COE root")

        // An index from another repository (its tips are not commits here), with a valid checksum.
        let other = try randomHistory(seed: 12, commits: 5)
        let otherRepository = try Repository.discover(from: other.path)
        try ChangeIndex(repository: otherRepository, root: "coes").update(to: try #require(try otherRepository.head()))
        try check(try #require(FileManager.default.contents(atPath: ChangeIndex.path(in: otherRepository))), because: "not in the repository")

        // A record that disagrees with the trees, with a valid checksum: re-encoded with the newest record's changes dropped.
        try good.write(to: URL(fileURLWithPath: path))
        let decoded = try ChangeIndexFile.read(from: path, root: "coes")
        var table = ChangeTable()
        for position in 0..<(decoded.table.count - 1) { table.append(decoded.table.record(at: position)) }
        let last = decoded.table.record(at: decoded.table.count - 1)
        table.append(ChangeTable.Record(id: last.id, time: last.time, parents: last.parents, root: last.root,
                                        changes: last.changes.isEmpty ? [TreeDelta(name: "x", old: nil, new: last.id)] : []))
        table.sortNewRecords()
        try check(Data(ChangeIndexFile.encode(table, tips: decoded.tips, root: "coes")), because: "disagrees")
        // A stored order that is not the records' (two entries swapped), with a valid checksum.
        var swapped = ChangeIndexFile.encode(decoded.table, tips: decoded.tips, root: "coes")
        let orderStart = swapped.count - 8 - decoded.table.count * 4
        for offset in 0..<4 { swapped.swapAt(orderStart + offset, orderStart + 4 + offset) }
        let body = swapped.count - 8
        withUnsafeBytes(of: BinaryChecksum.of(swapped[..<body]).littleEndian) { swapped.replaceSubrange(body..., with: $0) }
        try check(Data(swapped), because: "inconsistent")
    }

    /// A work tree added with `git worktree add` uses the index (and log summaries) of the repository
    /// it belongs to: the commits are the same.
    @Test func linkedWorkTreesShareTheIndex() throws {
        let fixture = try randomHistory(seed: 31, commits: 10)
        let repository = try Repository.discover(from: fixture.path)
        let head = try #require(try repository.head())
        try ChangeIndex(repository: repository, root: "coes").update(to: head)
        let scratch = try ScratchFolder()
        try fixture.git(["worktree", "add", "-q", "--detach", scratch.path + "/linked"])
        let linked = try Repository.discover(from: scratch.path + "/linked")
        #expect(linked.gitDirectory != repository.gitDirectory)
        #expect(ChangeIndex.path(in: linked) == ChangeIndex.path(in: repository))
        let index = ChangeIndex(repository: linked, root: "coes")
        #expect(index.rebuiltBecause == nil)
        try index.update(to: head)
        #expect(index.commitsRead == 0)
    }

    @Test func aRewrittenHistoryIsFollowed() throws {
        let fixture = try randomHistory(seed: 21, commits: 30)
        let repository = try Repository.discover(from: fixture.path)
        try ChangeIndex(repository: repository, root: "coes").update(to: try #require(try repository.head()))
        // Rewrite: drop the last three commits (as a force push would) and commit something else.
        try fixture.git(["reset", "-q", "--hard", "HEAD~3"])
        try fixture.write("coes/c0/summary.md", "Rewritten.\n")
        _ = try fixture.commitAll("rewritten", date: "2026-11-09T10:00:00Z")
        let head = try #require(try repository.head())
        let index = ChangeIndex(repository: repository, root: "coes")
        #expect(index.rebuiltBecause == nil)
        let indexed = try History.entries(ofCOE: "c0", at: "coes/c0", from: head, root: "coes", in: repository)
        let walked = try History.walkedEntries(ofCOE: "c0", at: "coes/c0", from: head, in: repository)
        #expect(indexed.map(\.commit.id) == walked.map(\.commit.id))
        #expect(indexed.first?.commit.subject == "rewritten")
        // The dropped commits are no longer part of any answer.
        let gitLog = try fixture.git(["log", "--full-history", "--no-merges", "--format=%H", "--", "coes/c0"]).split(separator: "\n").map(String.init)
        #expect(Set(indexed.filter { $0.commit.parents.count < 2 }.map(\.commit.id.hex)) == Set(gitLog))
    }
}
