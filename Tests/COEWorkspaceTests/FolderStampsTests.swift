import Foundation
import Testing
import TestSupport
@testable import COEWorkspace

/// The one walk of the work tree's COE folders (`FolderStamps`, `WorkTreeStamps`), which the findings cache and
/// the search index both trust to say "unchanged": every change a COE can undergo changes its folder's stamp,
/// and nothing else does.
@Suite struct FolderStampsTests {
    /// A work tree with one copy of the example COE.
    func folder() throws -> (GitFixture, String) {
        let fixture = try GitFixture()
        let folder = "coes/\(exampleCOEID)"
        try copyExampleCOE(to: fixture.path + "/" + folder)
        return (fixture, folder)
    }

    func stamp(_ fixture: GitFixture, _ folder: String) throws -> FolderStamp {
        try #require(FolderStamps.stamps(of: [folder], workTree: fixture.path)[0])
    }

    /// Sets a file's modification time to `seconds` since 1970.
    func setModified(_ path: String, _ seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    @Test func theListingAndTheQuickWalkAgreeAndNothingUnchangedChangesTheStamp() throws {
        let (fixture, folder) = try folder()
        let first = try stamp(fixture, folder)
        #expect(try stamp(fixture, folder) == first)
        let files = try #require(FolderStamps.files(in: folder, workTree: fixture.path))
        #expect(FolderStamps.stamp(of: files) == first)
        // Every file and folder is listed, with its kind, in path order.
        #expect(files.contains { $0.path == "\(folder)/actions" && $0.kind == .folder })
        #expect(files.contains { $0.path == "\(folder)/actions/A1.yaml" && $0.kind == .file })
        #expect(files.map(\.path) == files.map(\.path).sorted())
        #expect(first.newest == files.filter(\.isFile).map { max($0.modified, $0.changed) }.max())
        // Reading a file is no change.
        _ = try fixture.scratch.read("\(folder)/analysis.md")
        #expect(try stamp(fixture, folder) == first)
        #expect(FolderStamps.stamps(of: ["coes/none", nil], workTree: fixture.path) == [nil, nil])
    }

    @Test func anEditInPlaceWithTheSameSizeAndModificationTimeChangesTheStamp() throws {
        let (fixture, folder) = try folder()
        let path = fixture.path + "/\(folder)/analysis.md"
        setModified(path, 1_700_000_000)
        let before = try stamp(fixture, folder)
        // The same length, the modification time put back as it was (as an edit within the same second on a file
        // system stamping in whole seconds looks): the change time still moves.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        usleep(10_000)
        try String(text.reversed()).write(toFile: path, atomically: false, encoding: .utf8)
        setModified(path, 1_700_000_000)
        let after = try stamp(fixture, folder)
        #expect(after != before)
        #expect(after.newest > 1_700_000_000 * 1_000_000_000, "the change time is the newest")
    }

    @Test func anEmptyFolderALinkAndARemovedFileEachChangeTheStamp() throws {
        let (fixture, folder) = try folder()
        var seen = [try stamp(fixture, folder)]
        try FileManager.default.createDirectory(atPath: fixture.path + "/\(folder)/notes", withIntermediateDirectories: false)
        seen.append(try stamp(fixture, folder))
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/\(folder)/notes/link.md", withDestinationPath: "/etc/passwd")
        seen.append(try stamp(fixture, folder))
        try FileManager.default.removeItem(atPath: fixture.path + "/\(folder)/actions/A2.yaml")
        seen.append(try stamp(fixture, folder))
        try FileManager.default.moveItem(atPath: fixture.path + "/\(folder)/actions/A3.yaml", toPath: fixture.path + "/\(folder)/actions/A9.yaml")
        seen.append(try stamp(fixture, folder))
        #expect(Set(seen.map(\.digest)).count == seen.count, "\(seen)")
        // A link is recorded, never followed.
        let files = try #require(FolderStamps.files(in: folder, workTree: fixture.path))
        #expect(files.first { $0.path.hasSuffix("link.md") }?.kind == .other)
    }

    @Test func aCommandsStampsAreTakenOnceAndAFreshValueSeesChanges() throws {
        let (fixture, folder) = try folder()
        let stamps = WorkTreeStamps(workTree: fixture.path)
        let first = try #require(stamps.stamps(of: [folder])[0])
        try "changed\n".write(toFile: fixture.path + "/\(folder)/summary.md", atomically: false, encoding: .utf8)
        // The same value answers as it first saw the folder (its callers read the files after the stamp was taken) …
        #expect(stamps.stamps(of: [folder, folder]) == [first, first])
        // … and a value taken after the change sees it.
        #expect(WorkTreeStamps(workTree: fixture.path).stamps(of: [folder])[0] != first)
    }
}
