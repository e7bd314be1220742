import Foundation
import TestSupport
@testable import COEWorkflow

/// A repository for fault runs: three COEs in review, one per kind of command, so that every run has
/// something to do whatever the runs before it did. A takes comments, B approvals (by a new reviewer
/// each time; 20 are needed, so it stays in review), C status moves back and forth. (Sendable for the
/// concurrent writers: after `init` it is only read.)
final class FaultRepository: @unchecked Sendable {
    let fixture: GitFixture
    var path: String { fixture.path }
    static let a = exampleCOEID, b = "2026-10-15-bbbbbbbbbb", c = "2026-10-15-cccccccccc"
    /// The approvers of B, `Reviewer <run>`, one per run (a run that approves is a new person).
    static let maxRuns = 1_500
    static let approvers = (0..<maxRuns).map { "reviewer\($0)@example.com" }.joined(separator: ", ")
    /// The file each killed process writes its steps to (`COE_FAULT_LOG`).
    let faultLog: String

    init() throws {
        fixture = try GitFixture()
        faultLog = fixture.path + "/.git/fault.log"
        for id in [FaultRepository.a, FaultRepository.b, FaultRepository.c] {
            let folder = "coes/\(id)"
            try copyTree(exampleCOEDirectory, to: "\(path)/\(folder)")
            var metadata = try fixture.scratch.read("\(folder)/coe.yaml")
            metadata = metadata.replacingOccurrences(of: "id: \(exampleCOEID)", with: "id: \(id)")
                .replacingOccurrences(of: "status: closed", with: "status: draft")
            // Only the people a COE names approve it (P3): B names every approver the runs can bring.
            metadata = metadata.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("reviewers:") ? "reviewers: [rae@example.com, " + FaultRepository.approvers + "]" : String(line)
            }.joined(separator: "\n")
            try fixture.write("\(folder)/coe.yaml", metadata)
        }
        try fixture.write(".coe.yaml", "review:\n  approvals: 20\n")
        try fixture.git(["add", "-A"])
        try fixture.git(["commit", "-q", "-m", "Three COEs"],
                        environment: FaultRepository.identity("Casey Author", "casey@example.com", minute: -3000))
        for id in [FaultRepository.a, FaultRepository.b, FaultRepository.c] {
            let submitted = try coe(["submit", id], as: ("Casey Author", "casey@example.com"), minute: -2990)
            guard submitted.status == 0 else { throw FaultSetupError(message: "submit \(id): \(submitted.stderr)") }
        }
    }

    /// A person at `minute` minutes after 2026-11-03T00:00Z (the COEs entered review two days before).
    static func identity(_ name: String, _ email: String, minute: Int) -> [String: String] {
        let date = Date(timeIntervalSince1970: 1_793_664_000 + Double(minute) * 60)
        let text = ISO8601DateFormatter().string(from: date)
        return ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": text,
                "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": text]
    }

    @discardableResult
    func coe(_ arguments: [String], as person: (String, String), minute: Int, environment: [String: String] = [:]) throws -> ProcessResult {
        try TestSupport.coe(arguments, in: path, environment: FaultRepository.identity(person.0, person.1, minute: minute)
            .merging(environment) { $1 })
    }

    func git(_ arguments: [String]) throws -> ProcessResult { try run("/usr/bin/git", arguments, in: path) }

    /// C's status as HEAD has it.
    func statusOfC() throws -> String {
        let text = try fixture.git(["show", "HEAD:coes/\(FaultRepository.c)/coe.yaml"])
        let line = text.split(separator: "\n").first { $0.hasPrefix("status:") } ?? ""
        return line.dropFirst("status:".count).trimmingCharacters(in: .whitespaces)
    }

    /// The commits whose message holds `token`.
    func commits(holding token: String) throws -> Int {
        try fixture.git(["log", "--fixed-strings", "--grep=\(token)", "--format=%H"]).split(separator: "\n").count
    }

    /// The saved texts (`.git/coe/unsent/`) holding `token`.
    func savedTexts(holding token: String) -> [String] {
        let folder = path + "/.git/coe/unsent"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.map { folder + "/" + $0 }
            .filter { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains(token) == true }
    }

    /// The steps process `pid` reached, from the fault log.
    func steps(of pid: Int32) -> [String] {
        ((try? String(contentsOfFile: faultLog, encoding: .utf8)) ?? "").split(separator: "\n")
            .compactMap { line in line.hasPrefix("\(pid) ") ? String(line.dropFirst("\(pid) ".count)) : nil }
    }

    /// What must hold at any moment, even right after a kill: objects and references sound, HEAD's COEs
    /// readable, no committed file staged for deletion, no stray file among the COEs, no lock left but coe's own.
    func invariantViolations(readable: [String]) throws -> [String] {
        var found: [String] = []
        let fsck = try git(["fsck", "--strict", "--no-dangling", "--no-progress"])
        if fsck.status != 0 || !fsck.stdout.isEmpty || fsck.stderr.contains("error") {
            found.append("git fsck --strict: \(fsck.status) \(fsck.stdout) \(fsck.stderr)")
        }
        let deleted = try fixture.git(["diff", "--cached", "--name-only", "--diff-filter=D", "HEAD"])
        if !deleted.isEmpty { found.append("staged for deletion: \(deleted)") }
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"])
        for line in status.split(separator: "\n") where line.hasPrefix("??") { found.append("stray file: \(line)") }
        for id in readable {
            let comments = try TestSupport.coe(["comments", id, "--format", "json"], in: path)
            if comments.status != 0 { found.append("\(id) unreadable at HEAD: \(comments.stderr)") }
        }
        return found
    }

    /// What must hold once `coe recover` (or any workflow command) has run: nothing staged or changed,
    /// no lock, no journal, no temporary file.
    func recoveredViolations() throws -> [String] {
        var found: [String] = []
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"])
        if !status.isEmpty { found.append("after recovery, git status: \(status)") }
        for file in [".git/index.lock", ".git/refs/heads/main.lock", ".git/coe/journal"] {
            if FileManager.default.fileExists(atPath: path + "/" + file) { found.append("after recovery, \(file) is left") }
        }
        let temporary = (try? FileManager.default.contentsOfDirectory(atPath: path + "/.git/coe/tmp")) ?? []
        if !temporary.isEmpty { found.append("after recovery, temporary files: \(temporary)") }
        return found
    }
}

struct FaultSetupError: Error {
    let message: String
}

/// What a fault run did and found.
struct FaultFigures: CustomStringConvertible {
    var seed: UInt64 = 0
    var runs = 0
    var byCommand: [String: Int] = [:]
    /// Processes the SIGKILL reached (the others had finished first), and the last step each had passed.
    var killed = 0
    var killedAfter: [String: Int] = [:]
    var finished: [Int32: Int] = [:]
    /// Texts given to a command; taken: the command had saved it (a process killed before that had not begun).
    var texts = 0
    var taken = 0
    var committed = 0
    var saved = 0
    var notTaken = 0
    var lost = 0
    var recoveries = 0
    var fsckRuns = 0
    var violations: [String] = []
    var seconds = 0.0

    var description: String {
        let steps = ([FaultFigures.beforeFirstStep] + FaultLog.steps).compactMap { step in killedAfter[step].map { "\(step) \($0)" } }
        let commands = byCommand.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let exits = finished.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }
        let fsckFailures = violations.filter { $0.contains("git fsck") }.count
        return """
            fault run: seed \(seed), \(runs) runs (\(commands.joined(separator: ", "))) in \(Int(seconds)) s
              SIGKILL landed: \(killed) (last step passed: \(steps.joined(separator: ", "))); finished first: \(exits.joined(separator: ", "))
              texts: \(texts) sent; \(notTaken) killed before their command had saved them (start-up), \(taken) saved first;
                     of those saved: \(committed) committed, \(saved) still saved for --file, \(lost) lost
              interrupted commands recovered: \(recoveries); git fsck --strict runs: \(fsckRuns), failures: \(fsckFailures)
              invariant violations: \(violations.count)
            """
    }

    /// A kill before the process wrote its first mark (start-up, opening the repository, reading the text).
    static let beforeFirstStep = "(before its first step)"
}

/// Runs `coe comment`, `coe approve` and `coe status` with SIGKILL at a random delay in 0…`maxDelay`
/// seconds, checks the invariants right after each kill and again after `coe recover`.
func runFaults(runs: Int, seed: UInt64, maxDelay: Double = 0.3) throws -> FaultFigures {
    let repo = try FaultRepository()
    var random = SeededRandom(seed: seed)
    var figures = FaultFigures()
    figures.seed = seed
    let started = Date()
    var approvals = 0
    for run in 0..<runs {
        let minute = 10 + run
        let token = "fault-\(seed)-\(run)"
        let text = "Run \(run) (\(token)): words that must never be lost."
        let draw = Double.random(in: 0..<1, using: &random)
        var arguments: [String]
        var person = ("Rae Reviewer", "rae@example.com")
        var sendsText = true
        var touched = FaultRepository.a
        if draw < 0.45 {
            arguments = ["comment", FaultRepository.a, "-m", text]
            if Bool.random(using: &random) { arguments += ["--part", "impact"] }
        } else if draw < 0.8 {
            touched = FaultRepository.b
            person = ("Reviewer \(run)", "reviewer\(run)@example.com")
            sendsText = Bool.random(using: &random)
            arguments = ["approve", FaultRepository.b] + (sendsText ? ["-m", text] : [])
            approvals += 1
        } else {
            touched = FaultRepository.c
            sendsText = false
            arguments = ["status", FaultRepository.c, try repo.statusOfC() == "review" ? "draft" : "review"]
        }
        figures.runs += 1
        figures.byCommand[arguments[0], default: 0] += 1

        let process = Process()
        process.executableURL = URL(fileURLWithPath: coeBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo.path)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") && !$0.key.hasPrefix("COE_FAULT") }
        environment.merge(FaultRepository.identity(person.0, person.1, minute: minute)) { $1 }
        environment["NO_COLOR"] = "1"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["COE_FAULT_LOG"] = repo.faultLog
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier
        usleep(UInt32(Double.random(in: 0...maxDelay, using: &random) * 1_000_000))
        kill(pid, SIGKILL)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let steps = repo.steps(of: pid)
        if process.terminationReason == .uncaughtSignal {
            figures.killed += 1
            figures.killedAfter[steps.last ?? FaultFigures.beforeFirstStep, default: 0] += 1
        } else {
            figures.finished[process.terminationStatus, default: 0] += 1
            if process.terminationStatus != 0 {
                figures.violations.append("run \(run) \(arguments[0]) exited \(process.terminationStatus): \(stderr)")
            }
        }

        var violations = try repo.invariantViolations(readable: [touched])
        figures.fsckRuns += 1
        let wasTaken = steps.contains("saved")
        if sendsText {
            figures.texts += 1
            let committed = try repo.commits(holding: token)
            let saved = repo.savedTexts(holding: token)
            if wasTaken {
                if committed == 0 && saved.isEmpty { violations.append("text of run \(run) lost right after the kill") }
            } else if committed > 0 {
                violations.append("text of run \(run) committed without having been saved first")
            }
        }

        let recovered = try repo.coe(["recover"], as: person, minute: minute)
        if recovered.status != 0 { violations.append("coe recover exited \(recovered.status): \(recovered.stderr)") }
        if recovered.stdout.contains("interrupted coe command") { figures.recoveries += 1 }
        violations += try repo.recoveredViolations()
        if sendsText {
            let committed = try repo.commits(holding: token)
            let saved = repo.savedTexts(holding: token)
            if committed > 1 { violations.append("text of run \(run) committed \(committed) times") }
            if committed == 1 && !saved.isEmpty { violations.append("text of run \(run) both committed and still saved after recovery") }
            if wasTaken {
                figures.taken += 1
                if committed == 1 { figures.committed += 1 } else if !saved.isEmpty { figures.saved += 1 } else {
                    figures.lost += 1
                    violations.append("text of run \(run) lost")
                }
            } else {
                figures.notTaken += 1
            }
            // Checked: the saved copy goes, so that the folder stays as small as a user's.
            for file in saved { try? FileManager.default.removeItem(atPath: file) }
        }
        figures.violations += violations.map { "run \(run) (\(arguments.prefix(2).joined(separator: " ")), after \(steps.last ?? "nothing")): \($0)" }

        // B's content changes now and then, voiding its approvals, so that it never collects the 20 it needs.
        if approvals >= 10 {
            approvals = 0
            let summary = "coes/\(FaultRepository.b)/summary.md"
            try repo.fixture.write(summary, (try repo.fixture.scratch.read(summary)) + "\nEdited after run \(run).\n")
            try repo.fixture.git(["commit", "-q", "-m", "Edit B after run \(run)", "--", summary],
                                 environment: FaultRepository.identity("Casey Author", "casey@example.com", minute: minute))
        }
    }
    figures.seconds = Date().timeIntervalSince(started)
    return figures
}
