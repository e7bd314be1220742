import COEApp
import COEFormat
import Foundation
import GitKit
import Testing
import TestSupport
@testable import COEWorkspace

/// The read cache (`ReadCache`): what a listing reads through it is what it reads without it, after any edit;
/// a damaged or foreign file is not used; a file changed moments ago is not kept.
@Suite struct ReadCacheTests {
    /// Every field of a value, classes (the position tables) included: `dump` numbers class instances in the
    /// order met, so two equal values dump the same.
    func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    /// A repository of `count` copies of the example COE, each under its own id.
    func repository(count: Int) throws -> (GitFixture, Workspace, [String]) {
        let fixture = try GitFixture()
        _ = try Initializer.initialise(at: fixture.path, create: false)
        var folders: [String] = []
        for index in 0..<count {
            let id = "2026-10-\(String(format: "%02d", 10 + index))-k7qm3xv9d\(index)"
            let folder = "coes/\(id)"
            try copyExampleCOE(to: fixture.path + "/" + folder)
            let file = fixture.path + "/\(folder)/coe.yaml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try text.replacingOccurrences(of: exampleCOEID, with: id).write(toFile: file, atomically: false, encoding: .utf8)
            folders.append(folder)
        }
        return (fixture, try Workspace(at: fixture.path), folders)
    }

    /// Each COE read with and without `cache`, as text (a failure as its diagnostics).
    func readings(_ folders: [String], _ workspace: Workspace, cache: ReadCache?) -> [String] {
        folders.map { folder in
            do {
                let document = try COEReader.read(directory: folder, from: workspace.workingTree, parts: [.actions], cache: cache)
                return dumped(document.metadata) + dumped(document.actions)
            } catch {
                return "\(error)"
            }
        }
    }

    @Test func everyFieldOfTheCachedTypesIsKept() throws {
        let document = try COEReader.read(directory: "coes/\(exampleCOEID)", from: try exampleSource(), parts: [.actions])
        // A field added to Metadata or ActionItem must be added to their cached form (ParsedFileCache.swift) too.
        #expect(Mirror(reflecting: document.metadata).children.count == 16)
        #expect(Mirror(reflecting: document.actions[0]).children.count == 18)
        var writer = BinaryWriter(magic: [])
        document.metadata.encode(to: &writer)
        for item in document.actions { item.encode(to: &writer) }
        let bytes = writer.bytes
        try bytes.withUnsafeBytes { raw in
            var reader = BinaryReader(checked: raw)
            #expect(dumped(try Metadata(from: &reader)) == dumped(document.metadata))
            for item in document.actions {
                let decoded = try ActionItem(from: &reader)
                #expect(dumped(decoded) == dumped(item))
            }
            #expect(reader.atEnd)
        }
    }

    @Test func readsTheSameWithTheCacheAsWithoutItAfterRandomEdits() throws {
        let (fixture, workspace, folders) = try repository(count: 6)
        let folder = workspace.repository.gitDirectory + "coe/read-cache-test/"
        var generator = SeededRandom(seed: 7)
        for round in 0..<12 {
            // A window of zero keeps every file; the pause lets the clock move past the last write's stamp.
            let cache = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
            let cached = readings(folders, workspace, cache: cache)
            cache.save()
            #expect(cached == readings(folders, workspace, cache: nil), "round \(round)")
            if round > 0 { #expect(cache.hits > folders.count, "round \(round): no action item came from the cache") }
            usleep(20_000)
            // One random edit: in place at the same size, a longer title, a new item, a removed item, or coe.yaml.
            let target = folders[Int.random(in: 0..<folders.count, using: &generator)]
            let item = fixture.path + "/\(target)/actions/A\(Int.random(in: 1...3, using: &generator)).yaml"
            switch Int.random(in: 0..<5, using: &generator) {
            case 0:
                if var text = try? String(contentsOfFile: item, encoding: .utf8), let range = text.range(of: "title: ") {
                    let at = range.upperBound
                    text.replaceSubrange(at...at, with: text[at] == "Z" ? "Y" : "Z")
                    let handle = try #require(FileHandle(forWritingAtPath: item))
                    try handle.write(contentsOf: Data(text.utf8))
                    try handle.close()
                }
            case 1:
                if let text = try? String(contentsOfFile: item, encoding: .utf8) {
                    try text.replacingOccurrences(of: "title: ", with: "title: Round \(round): ").write(toFile: item, atomically: true, encoding: .utf8)
                }
            case 2:
                try "title: Add an alarm on the pool's wait time above 200 ms\nowner: payments team\npriority: high\ndue: 2026-11-20\nstatus: open\n"
                    .write(toFile: fixture.path + "/\(target)/actions/A\(20 + round).yaml", atomically: false, encoding: .utf8)
            case 3:
                try? FileManager.default.removeItem(atPath: item)
            default:
                let file = fixture.path + "/\(target)/coe.yaml"
                let text = try String(contentsOfFile: file, encoding: .utf8)
                try text.replacingOccurrences(of: "severity: SEV-2", with: "severity: SEV-\(round % 2 == 0 ? 3 : 2)")
                    .write(toFile: file, atomically: false, encoding: .utf8)
            }
        }
    }

    @Test func aDamagedOrForeignFileIsNotUsedAndIsWrittenAnew() throws {
        let (fixture, workspace, folders) = try repository(count: 2)
        defer { withExtendedLifetime(fixture) {} }
        let folder = workspace.repository.gitDirectory + "coe/read-cache-test/"
        let first = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
        let expected = readings(folders, workspace, cache: first)
        #expect(expected.allSatisfy { $0.hasPrefix("▿ COEFormat.Metadata") }, "every COE reads")
        first.save()
        let file = folder + "actions"
        var bytes = try #require(FileManager.default.contents(atPath: file))
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: file))
        let damaged = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
        #expect(damaged.refusals == ["checksum"])
        #expect(readings(folders, workspace, cache: damaged) == expected)
        damaged.save()
        #expect(ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0).refusals.isEmpty)
        // Another program's file, and a truncated one.
        #expect(ReadCache(folder: folder, program: "another", parts: [.actions], trustWindow: 0).refusals == ["another program", "another program"])
        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: file))
        let truncated = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
        #expect(truncated.refusals == ["checksum"])
        #expect(readings(folders, workspace, cache: truncated) == expected)
    }

    @Test func aFileChangedMomentsAgoIsReadButNotKept() throws {
        let (fixture, workspace, folders) = try repository(count: 1)
        defer { withExtendedLifetime(fixture) {} }
        let folder = workspace.repository.gitDirectory + "coe/read-cache-test/"
        // The real window: every file was just written.
        let cache = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: ReadCache.trustWindow)
        _ = readings(folders, workspace, cache: cache)
        #expect(cache.keptCount == 0)
        cache.save()
        #expect(!FileManager.default.fileExists(atPath: folder + "actions"))
    }

    @Test func aListingKeepsTheActionItemsItDidNotRead() throws {
        let (fixture, workspace, folders) = try repository(count: 2)
        defer { withExtendedLifetime(fixture) {} }
        let folder = workspace.repository.gitDirectory + "coe/read-cache-test/"
        let full = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
        _ = readings(folders, workspace, cache: full)
        full.save()
        let actions = try #require(FileManager.default.contents(atPath: folder + "actions"))
        let listing = ReadCache(folder: folder, program: "test", parts: [], trustWindow: 0)
        for directory in folders { _ = try COEReader.read(directory: directory, from: workspace.workingTree, parts: [], cache: listing) }
        listing.save()
        #expect(listing.hits == folders.count)
        #expect(FileManager.default.contents(atPath: folder + "actions") == actions)
        let again = ReadCache(folder: folder, program: "test", parts: [.actions], trustWindow: 0)
        _ = readings(folders, workspace, cache: again)
        #expect(again.keptCount == 0)
        #expect(again.hits == folders.count * 7)
    }

    /// Through the command, with the real window: a run more than two seconds after the files were written
    /// keeps them; an edit in place at the same size right after is seen by the next run.
    @Test func theCommandsSeeAnEditMadeJustAfterTheCacheWasWritten() throws {
        let (fixture, _, folders) = try repository(count: 2)
        usleep(2_100_000)
        let before = try coe(["actions", "--today", "2026-11-01", "--format", "json"], in: fixture.path)
        #expect(before.status == 0)
        let cacheFolder = fixture.path + "/.git/coe/read-cache/"
        #expect(FileManager.default.fileExists(atPath: cacheFolder + "actions"))
        #expect(FileManager.default.fileExists(atPath: cacheFolder + "metadata"))
        // The title's first letter changed in place: the same size, the same inode, a moment later.
        let item = fixture.path + "/\(folders[0])/actions/A1.yaml"
        var text = try String(contentsOfFile: item, encoding: .utf8)
        let at = try #require(text.range(of: "title: ")).upperBound
        text.replaceSubrange(at...at, with: text[at] == "X" ? "Y" : "X")
        let handle = try #require(FileHandle(forWritingAtPath: item))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let after = try coe(["actions", "--today", "2026-11-01", "--format", "json"], in: fixture.path)
        #expect(after.status == 0)
        #expect(after.stdout != before.stdout)
        try FileManager.default.removeItem(atPath: cacheFolder)
        let uncached = try coe(["actions", "--today", "2026-11-01", "--format", "json"], in: fixture.path)
        #expect(after.stdout == uncached.stdout)
        let list = try coe(["list", "--today", "2026-11-01", "--format", "json"], in: fixture.path)
        try FileManager.default.removeItem(atPath: cacheFolder)
        #expect(try coe(["list", "--today", "2026-11-01", "--format", "json"], in: fixture.path).stdout == list.stdout)
        // A COE folder moved away and linked back keeps its files' stamps; the cache still never reads through the link.
        #expect(try coe(["list"], in: fixture.path).status == 0)
        let elsewhere = try ScratchFolder()
        try FileManager.default.moveItem(atPath: fixture.path + "/" + folders[1], toPath: elsewhere.path + "/moved")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/" + folders[1], withDestinationPath: elsewhere.path + "/moved")
        let linked = try coe(["list"], in: fixture.path)
        #expect(linked.status == 1 && linked.stdout.contains("unreadable"), "\(linked.stdout)")
        #expect(try coe(["actions", "--today", "2026-11-01"], in: fixture.path).status == 1)
    }
}
