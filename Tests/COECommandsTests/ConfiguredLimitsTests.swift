import Foundation
import Testing
import TestSupport

/// `coe log` and `coe blame` read old versions within the limits `.coe.yaml` sets, as lint does.
@Suite struct ConfiguredLimitsTests {
    func setLimit(_ repo: GoldenRepository, fileBytes: Int) throws {
        let configuration = try repo.fixture.scratch.read(".coe.yaml")
        #expect(configuration.contains("\nlimits:\n"))
        try repo.fixture.write(".coe.yaml", configuration.replacingOccurrences(of: "\nlimits:\n", with: "\nlimits:\n  max_file_bytes: \(fileBytes)\n"))
    }

    /// A part over the default 1 MiB, with the limit raised to 4 MiB: log compares it and blame reads it.
    @Test func aRaisedLimitLetsLogAndBlameReadALargePart() throws {
        let repo = try GoldenRepository.reviewed()
        let analysis = try repo.fixture.scratch.read("\(repo.folder)/analysis.md")
        let large = analysis + String(repeating: "The pool filled as traffic grew in the morning, and requests waited for a connection.\n", count: 14_000)
        #expect(large.utf8.count > 1 << 20)
        try repo.fixture.write("\(repo.folder)/analysis.md", large)
        try setLimit(repo, fileBytes: 4 << 20)
        try repo.commit("Grow the analysis", at: "2026-11-03T09:00:00Z")

        let log = repo.coe(["log", "k7qm"])
        #expect(log.status == 0, "\(log.stderr)")
        let newest = String(log.stdout.components(separatedBy: "\n\ncommit ").first ?? "")
        #expect(newest.contains("Grow the analysis") && !newest.contains("could not be read"), "\(newest)")
        let blame = repo.coe(["blame", "k7qm", "analysis"])
        #expect(blame.status == 0, "\(blame.stderr)")
        #expect(blame.stdout.contains("| The pool filled as traffic grew"))
    }

    /// A limit lowered below the parts' size: log reports the versions unreadable and blame refuses,
    /// naming the limit, instead of reading past it.
    @Test func aLoweredLimitBoundsLogAndBlame() throws {
        let repo = try GoldenRepository.reviewed()
        // Summaries cached under the default limits are not reused under others.
        #expect(!repo.coe(["log", "k7qm"]).stdout.contains("could not be read"))
        try setLimit(repo, fileBytes: 1024)
        try repo.commit("Lower the file limit", at: "2026-11-03T09:00:00Z")
        let log = repo.coe(["log", "k7qm"])
        #expect(log.status == 0, "\(log.stderr)")
        let oldest = log.stdout.components(separatedBy: "\n\ncommit ").last ?? ""
        #expect(oldest.contains("Add the COE") && oldest.contains("could not be read at this commit"), "\(log.stdout)")
        let blame = repo.coe(["blame", "k7qm", "analysis"])
        // A part over the limit is a document that cannot be read: a finding, exit 1 (README, "Exit codes").
        #expect(blame.status == 1)
        #expect(blame.stderr.contains("1024") || blame.stderr.contains("1,024") || blame.stderr.contains("1 KiB"), "\(blame.stderr)")
    }
}
