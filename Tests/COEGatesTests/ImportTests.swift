import Foundation
import Testing
import TestSupport

/// `coe import`: COEs reviewed elsewhere brought in with their status as stated, accepted by the real
/// server's hooks, reported by the audit as imported, and never a way round review for anyone else.
@Suite(.serialized) struct ImportTests {
    static let id = "2025-03-02-q8x2m4k7pw"

    /// The example COE under another id, in `status`, in a folder outside the repository.
    func reviewedElsewhere(_ world: HookWorld, status: String) throws -> String {
        let folder = world.scratch.path + "/elsewhere/\(Self.id)"
        try copyExampleCOE(to: folder)
        try world.replace(folder, "coe.yaml", "id: \(exampleCOEID)", "id: \(Self.id)")
        try world.replace(folder, "coe.yaml", "status: closed", "status: \(status)")
        return folder
    }

    @Test func anImportedCOEIsAcceptedReportedAndStandsForItsReviewUntilEdited() throws {
        let world = try HookWorld(config: "root: coes\nreview:\n  importers: [casey@example.com]\n")
        let casey = try world.clone("casey", as: .casey)
        let folder = try reviewedElsewhere(world, status: "approved")
        let imported = try world.coeAs(casey, ["import", folder, "-m", "Reviewed in the March ops review."], as: .casey, at: "2026-11-01T10:00:00Z")
        #expect(imported.status == 0 && imported.stdout.contains("imported as approved"), "\(imported.stdout)\(imported.stderr)")
        let message = try world.git(casey, ["log", "-1", "--format=%B"]).stdout
        #expect(message.contains("COE-Import: \(Self.id)") && message.contains("Reviewed in the March ops review."), "\(message)")
        #expect(FileManager.default.fileExists(atPath: folder), "the source is left as it was")
        let push = try world.git(casey, ["push", "origin", "main"], serverNow: "2026-11-01T10:00:30Z")
        #expect(push.status == 0, "\(push.stderr)")
        let show = try coe(["show", "q8x2", "--color", "never"], in: casey)
        #expect(show.stdout.contains("imported by Casey Author, reviewed elsewhere") && !show.stdout.contains("still needed"), "\(show.stdout)")
        let audit = try coe(["audit", "--color", "never"], in: casey)
        #expect(audit.status == 0 && audit.stdout.contains("imported 2026-11-01T10:00:00Z by Casey Author, reviewed elsewhere"), "\(audit.stdout)")
        // The review done elsewhere covers the content it brought in, not an edit made here.
        try world.replace(casey, "coes/\(Self.id)/summary.md", "Between 09:12", "Between 09:10")
        try world.git(casey, ["commit", "-q", "-am", "Edit"], at: "2026-11-01T11:00:00Z")
        let publish = try world.coeAs(casey, ["status", "q8x2", "published"], as: .casey, at: "2026-11-01T11:05:00Z")
        #expect(publish.status == 1 && publish.stderr.contains("[P3]") && publish.stderr.contains("1 more approval needed"), "\(publish.stderr)")
        try world.git(casey, ["reset", "-q", "--hard", "origin/main"])
        #expect(try world.coeAs(casey, ["status", "q8x2", "published"], as: .casey, at: "2026-11-01T11:05:00Z").status == 0)
        #expect(try world.git(casey, ["push", "-q", "origin", "main"], serverNow: "2026-11-01T11:05:30Z").status == 0)
    }

    @Test func whatAnImportRefuses() throws {
        let world = try HookWorld(config: "root: coes\nreview:\n  importers: [sam@example.com]\n")
        let casey = try world.clone("casey", as: .casey)
        let folder = try reviewedElsewhere(world, status: "published")
        // Only the importers the policy names.
        let notAnImporter = try world.coeAs(casey, ["import", folder], as: .casey, at: "2026-11-01T10:00:00Z")
        #expect(notAnImporter.status == 1 && notAnImporter.stderr.contains("[P1] Casey Author imported \(Self.id) but is not among review.importers"),
                "\(notAnImporter.stderr)")
        let sam = try world.clone("sam", as: .sam)
        // An existing COE, a folder with review records, a COE that is not lint-clean.
        let existing = try world.coeAs(sam, ["import", "\(casey)/coes/\(exampleCOEID)"], as: .sam, at: "2026-11-01T10:00:00Z")
        #expect(existing.status == 2 && existing.stderr.contains("already in the repository"), "\(existing.stderr)")
        try world.write(folder, "review/20261101T100000Z-0123456789.yaml", "kind: approval\nauthor: Rae Reviewer <rae@example.com>\n")
        let records = try world.coeAs(sam, ["import", folder], as: .sam, at: "2026-11-01T10:00:00Z")
        #expect(records.status == 2 && records.stderr.contains("has a review/ folder"), "\(records.stderr)")
        try FileManager.default.removeItem(atPath: folder + "/review")
        try world.replace(folder, "summary.md", "Between 09:12", "Between 09:12 (key AKIA" + "IOSFODNN7EXAMPL3)")
        let unclean = try world.coeAs(sam, ["import", folder], as: .sam, at: "2026-11-01T10:00:00Z")
        #expect(unclean.status == 1 && unclean.stderr.contains("is not lint-clean"), "\(unclean.stderr)")
        try world.replace(folder, "summary.md", "Between 09:12 (key AKIA" + "IOSFODNN7EXAMPL3)", "Between 09:12")
        #expect(try world.coeAs(sam, ["import", folder], as: .sam, at: "2026-11-01T10:00:00Z").status == 0)
        // By hand, past the workflow: an import record in another's name, committed by someone else.
        try world.git(sam, ["reset", "-q", "--hard", "HEAD~1"], as: .sam)
        try copyTree(folder, to: "\(casey)/coes/\(Self.id)")
        try world.write(casey, "coes/\(Self.id)/review/20261101T100000Z-0123456789.yaml",
                        "kind: import\nauthor: Sam Second <sam@example.com>\nat: 2026-11-01T10:00:00Z\ncontent_hash: 0123\nstatus: published\ntext: Reviewed.\n")
        try world.git(casey, ["add", "-A"])
        try world.git(casey, ["commit", "-q", "--no-verify", "-m", "Import by hand"], at: "2026-11-01T10:00:00Z")
        let forged = try world.git(casey, ["push", "--no-verify", "origin", "main"], serverNow: "2026-11-01T10:00:30Z")
        #expect(forged.status != 0 && forged.stderr.contains("[P1] an import record names Sam Second <sam@example.com> but was committed by Casey Author"),
                "\(forged.stderr)")
    }
}
