import Foundation
import Testing
import TestSupport

/// A real repository whose every commit has a fixed author, committer and date: the example COE,
/// taken through a review by people with fixed names, the workflow steps made by `coe` in-process.
final class GoldenRepository {
    let fixture: GitFixture
    var path: String { fixture.path }
    static let id = exampleCOEID
    let folder = "coes/\(exampleCOEID)"
    /// The clock every command reads (`COE_NOW`): three weeks after the review.
    static let now = "2026-11-22T16:15:00Z"
    /// False while a test only needs the repository made: the steps' goldens are one test's to check.
    var checksGoldens = true

    enum Person: String {
        case casey = "Casey Author", rae = "Rae Reviewer", sam = "Sam Second"
        var email: String { "\(rawValue.split(separator: " ")[0].lowercased())@example.com" }
    }

    /// An empty repository: git's own identity fixed, signing off whatever the machine's configuration says.
    init() throws {
        fixture = try GitFixture()
        try fixture.git(["config", "commit.gpgsign", "false"])
    }

    /// What `coe` and git see as `person` acting at `date`.
    func environment(_ person: Person = .casey, at date: String = GoldenRepository.now) -> [String: String] {
        var environment = GitFixture.identity(name: person.rawValue, email: person.email, date: date)
        environment["COE_NOW"] = GoldenRepository.now
        return environment
    }

    /// Runs `coe` in-process in `directory` (default: the work tree).
    @discardableResult
    func coe(_ arguments: [String], as person: Person = .casey, at date: String = GoldenRepository.now, in directory: String? = nil,
             input: String = "", extra: [String: String] = [:], terminal: Bool = false) -> ProcessResult {
        coeInProcess(arguments, in: directory ?? path, environment: environment(person, at: date).merging(extra) { _, new in new },
                     input: input, terminal: terminal)
    }

    /// Runs `coe` in-process and compares its transcript, made the same on every run, with the golden file `name`.
    @discardableResult
    func golden(_ name: String, _ arguments: [String], as person: Person = .casey, at date: String = GoldenRepository.now,
                in directory: String? = nil, input: String = "", extra: [String: String] = [:], terminal: Bool = false,
                expect status: Int32? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let result = coe(arguments, as: person, at: date, in: directory, input: input, extra: extra, terminal: terminal)
        if let status { #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation) }
        guard checksGoldens else { return result }
        let normaliser = try Normaliser(folder: path, fixture: fixture)
        Golden.check(normaliser.apply(Golden.transcript(arguments, result, stdin: input)), name, sourceLocation: sourceLocation)
        return result
    }

    /// Commits everything as `person` at `date` with git itself.
    func commit(_ message: String, as person: Person = .casey, at date: String) throws {
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", message], environment: environment(person, at: date))
    }

    func edit(_ file: String, _ old: String, _ new: String) throws {
        let text = try fixture.scratch.read("\(folder)/\(file)")
        #expect(text.contains(old), "\(file) holds \(old)")
        try fixture.write("\(folder)/\(file)", text.replacingOccurrences(of: old, with: new))
    }

    /// The id of the newest commit's review record of `trailer` (COE-Comment, COE-Approval, …).
    func record(_ trailer: String) throws -> String {
        let trailers = try fixture.git(["log", "-1", "--format=%(trailers:only,unfold)"]).split(separator: "\n")
        let line = try #require(trailers.first { $0.hasPrefix(trailer + ": ") })
        return String(line.dropFirst(trailer.count + 2))
    }

    /// The example COE as a draft, committed by its author, then its review, each step's output checked
    /// against its golden file (workflow/…) when `checked`: refusals included, as people meet them.
    static func reviewed(checked: Bool = false) throws -> GoldenRepository {
        let repo = try GoldenRepository()
        repo.checksGoldens = checked
        defer { repo.checksGoldens = true }
        try repo.golden("workflow/init.txt", ["init"], expect: 0)
        try copyExampleCOE(to: repo.path + "/" + repo.folder)
        try repo.edit("coe.yaml", "status: closed", "status: draft")
        try repo.commit("Add the COE", at: "2026-11-01T09:00:00Z")
        try repo.fixture.git(["branch", "base"])

        try repo.golden("workflow/status-refused.txt", ["status", "k7qm", "published"], at: "2026-11-01T09:30:00Z", expect: 1)
        try repo.golden("workflow/submit.txt", ["submit", "k7qm"], at: "2026-11-01T10:00:00Z", expect: 0)
        try repo.golden("workflow/withdraw.txt", ["withdraw", "k7qm"], at: "2026-11-01T10:30:00Z", expect: 0)
        try repo.golden("workflow/submit-again.txt", ["submit", "k7qm"], at: "2026-11-01T11:00:00Z", expect: 0)
        try repo.golden("workflow/comment.txt", ["comment", "k7qm", "--part", "impact", "--line", "2", "-m", "Which region?"],
                        as: .rae, at: "2026-11-01T12:00:00Z", expect: 0)
        let comment = try repo.record("COE-Comment")
        try repo.golden("workflow/approve-early.txt", ["approve", "k7qm"], as: .rae, at: "2026-11-02T09:00:00Z", expect: 1)
        try repo.golden("workflow/approve-open-comment.txt", ["approve", "k7qm"], as: .rae, at: "2026-11-02T11:05:00Z", expect: 1)
        try repo.golden("workflow/reply.txt", ["reply", "k7qm", comment, "--file", "-"], at: "2026-11-02T11:10:00Z",
                        input: "EU only; see impact.md.\n", expect: 0)
        try repo.golden("workflow/resolve-by-author.txt", ["resolve", "k7qm", comment, "-m", "Disagree."],
                        at: "2026-11-02T11:15:00Z", expect: 1)
        try repo.golden("workflow/resolve.txt", ["resolve", "k7qm", comment, "-m", "impact.md names the region."],
                        as: .rae, at: "2026-11-02T11:20:00Z", expect: 0)
        try repo.golden("workflow/approve-self.txt", ["approve", "k7qm"], at: "2026-11-02T11:30:00Z", expect: 1)
        try repo.golden("workflow/approve.txt", ["approve", "k7qm", "-m", "Thorough."], as: .rae, at: "2026-11-02T11:40:00Z", expect: 0)
        try repo.edit("summary.md", "Between 09:12", "From 09:12")
        try repo.commit("Reword the summary", at: "2026-11-02T12:00:00Z")
        try repo.golden("workflow/publish-void.txt", ["status", "k7qm", "published"], at: "2026-11-02T12:10:00Z", expect: 1)
        try repo.golden("workflow/request-changes.txt", ["request-changes", "k7qm", "-m", "Approve again after the rewording."],
                        as: .sam, at: "2026-11-02T13:00:00Z", expect: 0)
        return repo
    }
}
