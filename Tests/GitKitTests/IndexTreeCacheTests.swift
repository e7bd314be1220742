import Foundation
import Testing
import TestSupport
@testable import GitKit

/// git's cached trees, read from index files git itself wrote (versions 2, 3 and 4).
@Suite struct IndexTreeCacheTests {
    @Test(arguments: [2, 3, 4])
    func cachedTreesMatchGitAndStagingInvalidatesThem(version: Int) throws {
        let fixture = try GitFixture()
        // "a.txt" sorts between "a" and "a/…", "ab/…" after them: a folder's name is not a prefix of the next's entries.
        for name in ["a", "ab", "b", "c é"] { try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\n") }
        try fixture.write("coes/a.txt", "stray\n")
        try fixture.write("coes/b/actions/A1.yaml", "title: t\n")
        try fixture.write("README", "r\n")
        try fixture.commitAll("one")
        try fixture.git(["update-index", "--index-version", "\(version)"])
        // A fresh cache after reading HEAD's tree.
        try fixture.git(["read-tree", "HEAD"])
        if version == 3 { try fixture.git(["update-index", "--skip-worktree", "README"]) }  // an entry with extended flags
        let repository = try Repository.discover(from: fixture.path)
        func git(_ revision: String) throws -> String { try fixture.git(["rev-parse", revision]).trimmingCharacters(in: .whitespacesAndNewlines) }
        var cache = try #require(IndexTreeCache.read(indexFile: repository.indexFilePath, foldersUnder: "coes"))
        #expect(cache.node(at: ["coes"])?.id?.hex == (try git("HEAD:coes")))
        #expect(cache.node(at: ["coes", "b", "actions"])?.id?.hex == (try git("HEAD:coes/b/actions")))
        #expect(cache.folders == ["a", "ab", "b", "c é"])
        #expect(cache.files == ["a.txt"])
        #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: ["coes"])?.hex == (try git("HEAD:coes")))
        #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: ["coes", "c é"])?.hex == (try git("HEAD:coes/c é")))
        // (Marking an entry skip-worktree drops the root's cached tree.)
        if version != 3 { #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: [])?.hex == (try git("HEAD^{tree}"))) }
        #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: ["nowhere"]) == nil)

        // Staging under coes/a drops a's, coes' and the root's cached trees, and keeps b's.
        try fixture.write("coes/a/summary.md", "s\n")
        try fixture.write("coes/d/coe.yaml", "id: d\n")
        try fixture.git(["add", "coes/a/summary.md", "coes/d/coe.yaml"])
        cache = try #require(IndexTreeCache.read(indexFile: repository.indexFilePath, foldersUnder: "coes"))
        #expect(cache.node(at: [])?.id == nil && cache.node(at: ["coes"])?.id == nil && cache.node(at: ["coes", "a"])?.id == nil)
        #expect(cache.node(at: ["coes", "b"])?.id?.hex == (try git("HEAD:coes/b")))
        #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: ["coes"]) == nil)
        #expect(IndexTreeCache.cachedTreeID(indexFile: repository.indexFilePath, at: ["coes", "b", "actions"])?.hex == (try git("HEAD:coes/b/actions")))
        #expect(cache.folders == ["a", "ab", "b", "c é", "d"], "a folder new to the index is found from its entries")
        #expect(IndexTreeCache.read(indexFile: fixture.path + "/no-such-index") == nil)
        #expect(IndexTreeCache.read(indexFile: fixture.path + "/README") == nil)
    }

    /// The entries read from the index file are libgit2's: every version, an executable, a link, a conflict (stages
    /// 1–3 left out), a path past 0xFFF bytes, prefixes that overlap; a split index is left to libgit2.
    @Test(arguments: [2, 3, 4])
    func entriesReadFromTheFileAreLibgit2s(version: Int) throws {
        let fixture = try GitFixture()
        for name in ["a", "ab", "b", "c é"] { try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\n") }
        try fixture.write("coes/a/actions/A1.yaml", "title: t\n")
        try fixture.write("coes/b/run.sh", "#!/bin/sh\n")
        try fixture.write("README", "r\n")
        try fixture.commitAll("one")
        try fixture.git(["branch", "side"])
        try fixture.write("coes/a/coe.yaml", "id: a main\n")
        try fixture.commitAll("main")
        try fixture.git(["checkout", "-q", "side"])
        try fixture.write("coes/a/coe.yaml", "id: a side\n")
        try fixture.commitAll("side")
        _ = try? fixture.git(["merge", "-q", "main"], environment: GitFixture.identity())  // a conflict in coes/a/coe.yaml
        try fixture.write("target", "coe.yaml")
        let blob = try fixture.git(["hash-object", "-w", "target"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git(["update-index", "--add", "--cacheinfo", "120000,\(blob),coes/ab/link"])
        try fixture.git(["update-index", "--chmod=+x", "coes/b/run.sh"])
        // A path too long for the flags' 12 bits (staged only: no file system takes it). libgit2 1.5 refuses one
        // in a version 4 index ("invalid entry"), so only versions 2 and 3 have it.
        let long = (0..<22).map { _ in String(repeating: "x", count: 200) }.joined(separator: "/")
        if version < 4 { try fixture.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),coes/\(long)/coe.yaml"]) }
        try fixture.git(["update-index", "--index-version", "\(version)"])
        if version == 3 { try fixture.git(["update-index", "--skip-worktree", "README"]) }
        let repository = try Repository.discover(from: fixture.path)
        let all = try repository.indexEntries()  // libgit2's
        let prefixes = [["coes/a"], ["coes/b", "coes/a", "coes/b"], ["coes/a", "coes/a/actions"], ["coes/"], ["nowhere"], ["coes/c é", "README"]]
        for wanted in prefixes {
            let expected = Set(wanted).sorted().flatMap { prefix in all.filter { $0.path.hasPrefix(prefix) } }
            let read = try #require(IndexTreeCache.entries(indexFile: repository.indexFilePath, under: wanted))
            #expect(read == expected, "\(wanted)")
            #expect(try repository.indexEntries(under: wanted) == expected)
        }
        #expect(all.contains { $0.mode == 0o100755 } && all.contains { $0.mode == 0o120000 })
        #expect(all.contains { $0.path.utf8.count > 4200 } == (version < 4))
        #expect(!all.contains { $0.path == "coes/a/coe.yaml" }, "the conflicted file is in stages 1-3 only")
        // A split index keeps its entries in another file: read through libgit2.
        try fixture.git(["update-index", "--split-index"])
        #expect(IndexTreeCache.entries(indexFile: repository.indexFilePath, under: ["coes/a"]) == nil)
        #expect(IndexTreeCache.entries(indexFile: fixture.path + "/no-such-index", under: ["coes/a"]) == nil)
    }
}
