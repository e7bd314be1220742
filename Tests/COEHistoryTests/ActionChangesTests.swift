import COEFormat
import COEHistory
import Testing
import TestSupport

/// What `coe log` says of an action item's tracking state: notes and slips added are named with their
/// text; one removed or edited by hand is said too; none of it is an edit of approved content.
@Suite struct ActionChangesTests {
    func document(_ action: String) throws -> COEDocument {
        var source = try exampleSource()
        source.files["coes/\(exampleCOEID)/actions/A6.yaml"] = Array(action.utf8)
        return try COEReader.read(directory: "coes/\(exampleCOEID)", from: source)
    }

    let base = "title: Roll back one region\ndescription: A rollback path.\nowner: deployment tooling team\npriority: high\n"
        + "due: 2026-12-04\nticket: DEPLOY-9123\nstatus: open\n"
    let slip = "slips:\n  - date: 2026-11-04\n    from: 2026-11-27\n    to: 2026-12-04\n    reason: The tool ships late.\n"
    let note = "notes:\n  - date: 2026-11-05\n    text: Merged.\n"

    @Test func appendedEntriesAreNamedAndRewrittenOnesSaid() throws {
        let before = try document(base + slip)
        let added = Changes.between(before, try document(base + slip + note))
        #expect(added.map(\.text) == ["A6 note: Merged."] && !added.contains(where: \.isContent), "\(added.map(\.text))")
        let removed = Changes.between(try document(base + slip + note), try document(base + note))
        #expect(removed.map(\.text) == ["A6 slips rewritten: 1 → 0 (an earlier entry removed or edited)"] && !removed.contains(where: \.isContent),
                "\(removed.map(\.text))")
        let changed = try document(base.replacingOccurrences(of: "deployment tooling", with: "payments") + slip)
        let owner = Changes.between(before, changed)
        let texts = owner.map(\.text)
        #expect(owner.contains { $0.isContent }, "an owner is approved content: \(texts)")
    }
}
