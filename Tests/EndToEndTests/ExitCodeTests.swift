import Foundation
import Testing
import TestSupport

/// One exit-code rule for every command (README, "Exit codes"): 0 success; 1 findings, and a document
/// (a COE or .coe.yaml) that cannot be read or used is one, whichever command meets it; 2 usage or I/O.
/// Each command runs, as the built binary, against a repository with one fault at a time.
@Suite struct ExitCodeTests {
    static let id = exampleCOEID

    /// A command and its exit code with each fault: a committed COE that cannot be read, a rule
    /// setting in .coe.yaml that names no rule, a level that is not one, and an unknown option.
    struct Row: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let unreadableCOE: Int32
        let unknownRule: Int32
        let invalidLevel: Int32
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(arguments: ["lint"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["lint", "--staged"], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),   // nothing staged
        Row(arguments: ["list"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["show", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["log", id], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),            // history only: it shows the commits
        Row(arguments: ["blame", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["comments", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["comment", id, "-m", "A question."], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["reply", id, "c1", "-m", "An answer."], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["resolve", id, "c1", "-m", "Done."], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["submit", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["status", id, "review"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["withdraw", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["approve", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["request-changes", id, "-m", "Go deeper."], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["retract", id, "c1"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["import", incoming], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),      // a COE that cannot be read
        Row(arguments: ["audit"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["actions"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["remind"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["report"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["graph", id, "-o", "graphs"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["render", id, "--format", "html", "-o", "coe.html"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["site", "public"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["search", "pool"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["related", id], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["new", "Checkout failed for customers in one region", "--severity", "SEV-3", "--team", "payments"],
            unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),                                   // another COE: not read
        Row(arguments: ["check", "--base", "HEAD"], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1), // an empty range
        Row(arguments: ["recover"], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["init"], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["hook", "pre-commit", "coes/\(id)/coe.yaml"], unreadableCOE: 1, unknownRule: 1, invalidLevel: 1),
        Row(arguments: ["hook", "pre-push"], unreadableCOE: 0, unknownRule: 1, invalidLevel: 1),  // nothing pushed
        Row(arguments: ["hooks", "install"], unreadableCOE: 0, unknownRule: 0, invalidLevel: 0),  // reads no document
        Row(arguments: ["rules"], unreadableCOE: 0, unknownRule: 0, invalidLevel: 0),            // reads no repository
    ]

    /// Where `coe import` is pointed: a folder outside the repository, made for each run.
    static let incoming = "<incoming>"

    enum Fault: CaseIterable { case unreadableCOE, unknownRule, invalidLevel }

    /// The example COE, committed, with `fault` committed over it.
    func repository(with fault: Fault) throws -> GitFixture {
        let fixture = try GitFixture()
        #expect(try coe(["init"], in: fixture.path).status == 0)
        try copyExampleCOE(to: fixture.path + "/coes/\(Self.id)")
        try fixture.commitAll("Add the COE")
        switch fault {
        case .unreadableCOE:
            try fixture.write("coes/\(Self.id)/coe.yaml", "id: [unclosed\n")
        case .unknownRule, .invalidLevel:
            let configuration = try fixture.scratch.read(".coe.yaml")
            #expect(configuration.contains("rules: {}"))
            try fixture.write(".coe.yaml", configuration.replacingOccurrences(
                of: "rules: {}", with: fault == .unknownRule ? "rules: {X9: off}" : "rules: {B4: loud}"))
        }
        try fixture.commitAll("The fault", date: "2026-11-02T10:00:00Z")
        return fixture
    }

    @Test(arguments: rows)
    func oneRule(_ row: Row) throws {
        let environment = GitFixture.identity(name: "Rae Reviewer", email: "rae@example.com", date: "2026-11-05T10:00:00Z")
            .merging(["COE_NOW": "2026-11-05T10:00:00Z", "GIT_EDITOR": "false"]) { $1 }
        for (fault, expected) in zip(Fault.allCases, [row.unreadableCOE, row.unknownRule, row.invalidLevel]) {
            let fixture = try repository(with: fault)
            let outside = try ScratchFolder()
            try outside.write("2026-10-15-aaaaaaaaaa/coe.yaml", "id: [unclosed\n")
            let arguments = row.arguments.map { $0 == Self.incoming ? outside.path + "/2026-10-15-aaaaaaaaaa" : $0 }
            let result = try coe(arguments, in: fixture.path, environment: environment)
            #expect(result.status == expected, "\(row.testDescription) with \(fault): \(result.stdout)\(result.stderr)")
            if expected == 1, fault != .unreadableCOE {
                // The problem is named where it is, as every document problem is.
                #expect(result.stdout.contains(".coe.yaml:") || result.stderr.contains(".coe.yaml:"), "\(row.testDescription): \(result.stderr)")
            }
        }
        // A usage error is 2 for every command (a hook passes on whatever git gives it: its usage error is an unknown hook).
        let fixture = try GitFixture()
        let usage = row.arguments.first == "hook" ? ["hook", "pre-comit"] : row.arguments + ["--no-such-option"]
        #expect(try coe(usage, in: fixture.path, environment: environment).status == 2, "\(row.testDescription)")
    }
}
