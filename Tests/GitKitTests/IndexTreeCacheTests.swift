import Foundation
import Testing
import TestSupport
@testable import GitKit

/// git's cached trees, read from index files git itself wrote (versions 2, 3 and 4).
@Suite struct IndexTreeCacheTests {
    @Test(arguments: [2, 3, 4])
    func cachedTreesMatchGitAndStagingInvalidatesThem(version: Int) throws {
        let fixture = try GitFixture()
        for name in ["a", "b", "c é"] { try fixture.write("coes/\(name)/coe.yaml", "id: \(name)\n") }
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
        #expect(cache.folders == ["a", "b", "c é"])
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
        #expect(cache.folders == ["a", "b", "c é", "d"], "a folder new to the index is found from its entries")
        #expect(IndexTreeCache.read(indexFile: fixture.path + "/no-such-index") == nil)
        #expect(IndexTreeCache.read(indexFile: fixture.path + "/README") == nil)
    }
}
