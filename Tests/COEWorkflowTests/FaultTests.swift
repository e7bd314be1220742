import COEWorkspace
import Foundation
import Testing
import TestSupport
@testable import COEWorkflow

/// Killed commands, stale locks and concurrent writers (docs/robustness.md). The long fault run is
/// scripts/faults.sh; here it is kept short.
@Suite struct FaultTests {
    /// SIGKILL at each step of `comment`, `approve` and `status` in turn: the repository is whole right
    /// after the kill, `coe recover` finishes or undoes the command, and the text is committed or saved.
    @Test func aCommandKilledAtEveryStepLeavesTheRepositoryWholeAndTheTextKept() throws {
        let repo = try FaultRepository()
        var minute = 0
        for step in FaultLog.steps {
            for command in ["comment", "approve", "status"] {
                minute += 1
                let token = "step-\(step)-\(command)"
                let text = "Killed at \(step) (\(token))."
                var person = ("Rae Reviewer", "rae@example.com")
                let arguments: [String]
                switch command {
                case "comment": arguments = ["comment", FaultRepository.a, "-m", text]
                case "approve":
                    person = ("Reviewer \(minute)", "reviewer\(minute)@example.com")
                    arguments = ["approve", FaultRepository.b, "-m", text]
                default: arguments = ["status", FaultRepository.c, try repo.statusOfC() == "review" ? "draft" : "review"]
                }
                let before = try repo.fixture.git(["rev-parse", "HEAD"])
                let result = try repo.coe(arguments, as: person, minute: minute, environment: ["COE_FAULT_KILL_AT": step])
                let killed = command != "status" || !["start", "saved"].contains(step)
                // A process ended by a signal reports the signal's number.
                #expect(result.status == (killed ? SIGKILL : 0), "\(token): \(result.status) \(result.stderr)")
                let touched = [FaultRepository.a, FaultRepository.b, FaultRepository.c][["comment", "approve", "status"].firstIndex(of: command)!]
                let violations = try repo.invariantViolations(readable: [touched])
                #expect(violations.isEmpty, "\(token), right after the kill: \(violations)")
                // A user who commits everything now records nothing half-way: while the index or the work tree
                // is ahead of the branch, coe's lock on the branch makes the commit fail.
                let user = try repo.git(["commit", "-a", "-q", "-m", "The user's commit"])
                #expect(user.status != 0, "\(token): git commit -a after the kill: \(user.stdout)")
                if command != "status" {
                    #expect(try repo.commits(holding: token) + repo.savedTexts(holding: token).count >= (step == "start" ? 0 : 1),
                            "\(token): the text is committed or saved")
                }
                let recovered = try repo.coe(["recover"], as: person, minute: minute)
                #expect(recovered.status == 0, "\(recovered.stderr)")
                let left = try repo.recoveredViolations()
                #expect(left.isEmpty, "\(token), after recovery: \(left)")
                let landed = try repo.fixture.git(["rev-parse", "HEAD"]) != before
                // The commit point is the branch move: from `branch` on the command happened, before it it did not.
                let afterCommitPoint = ["branch", "done"].contains(step) || (command == "status" && ["start", "saved"].contains(step))
                #expect(landed == afterCommitPoint, "\(token): landed \(landed)")
                if command != "status" && step != "start" {
                    let committed = try repo.commits(holding: token), saved = repo.savedTexts(holding: token).count
                    #expect(committed + saved == 1 && (committed == 1) == landed, "\(token): committed \(committed), saved \(saved)")
                }
            }
        }
    }

    /// A short random fault run (scripts/faults.sh runs it long: COE_FAULT_RUNS, COE_FAULT_SEED, COE_FAULT_REPORT).
    @Test func randomKillsLoseNoTextAndBreakNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = environment["COE_FAULT_RUNS"].flatMap(Int.init) ?? 30
        let seed = environment["COE_FAULT_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...999_999)
        let maxDelay = environment["COE_FAULT_MAX_DELAY_MS"].flatMap(Double.init).map { $0 / 1000 } ?? 0.3
        let figures = try runFaults(runs: runs, seed: seed, maxDelay: maxDelay)
        print(figures)
        if let report = environment["COE_FAULT_REPORT"] {
            let text = figures.description + "\n" + figures.violations.joined(separator: "\n") + "\n"
            try text.write(toFile: report, atomically: true, encoding: .utf8)
        }
        #expect(figures.lost == 0, "seed \(seed)")
        #expect(figures.violations.isEmpty, "seed \(seed): \(figures.violations.prefix(10))")
    }

    /// Eight processes at once, mixing every review command: each action lands exactly once.
    @Test func eightWritersMixingEveryReviewCommandEachLandOnce() throws {
        let repo = try FaultRepository()
        var threads: [String] = []
        for number in 0..<4 {
            let made = try repo.coe(["comment", FaultRepository.a, "-m", "Thread \(number) to answer."], as: ("Rae Reviewer", "rae@example.com"),
                                    minute: number)
            #expect(made.status == 0, "\(made.stderr)")
            threads.append(String(made.stdout.split(separator: "\n").first { $0.contains("record ") }!.split(separator: " ").last!))
        }
        let before = Int(try repo.fixture.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        let a = FaultRepository.a, b = FaultRepository.b, c = FaultRepository.c
        let rae = ("Rae Reviewer", "rae@example.com"), casey = ("Casey Author", "casey@example.com")
        // Each writer's actions run in order; the writers run at once. Texts name the action, to count them in history.
        let writers: [[([String], (String, String))]] = [
            (0..<3).map { (["comment", a, "-m", "w0 comment \($0)"], rae) },
            [(["request-changes", a, "-m", "w1 request changes"], rae), (["comment", a, "--part", "impact", "-m", "w1 comment 1"], rae),
             (["comment", a, "-m", "w1 comment 2"], rae)],
            (0..<3).map { (["reply", a, threads[0], "-m", "w2 reply \($0)"], casey) },
            // A thread is resolved by whoever opened it (P10); its author replies.
            [(["resolve", a, threads[1], "-m", "w3 resolve 1"], rae), (["resolve", a, threads[2], "-m", "w3 resolve 2"], rae),
             (["reply", a, threads[3], "-m", "w3 reply 3"], casey)],
            (1...3).map { (["approve", b, "-m", "w4 approve \($0)"], ("Reviewer \($0)", "reviewer\($0)@example.com")) },
            (4...6).map { (["approve", b, "-m", "w5 approve \($0)"], ("Reviewer \($0)", "reviewer\($0)@example.com")) },
            [(["status", c, "draft"], casey), (["status", c, "review"], casey), (["status", c, "draft"], casey)],
            (0..<3).map { (["comment", c, "-m", "w7 comment \($0)"], rae) },
        ]
        let results = ResultBox()
        let failures = MessageBox()
        DispatchQueue.concurrentPerform(iterations: writers.count) { writer in
            for (arguments, person) in writers[writer] {
                let result = try? repo.coe(arguments, as: person, minute: 100)
                results.add(result?.status ?? -1)
                if result?.status != 0 { failures.add("\(arguments): \(result?.stderr ?? "did not run")") }
            }
        }
        let actions = writers.map(\.count).reduce(0, +)
        #expect(results.values == Array(repeating: 0, count: actions), "\(failures.values)")
        let after = Int(try repo.fixture.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(after == before + actions, "one commit per action")
        for (arguments, _) in writers.joined() where arguments.contains("-m") {
            let text = arguments[arguments.firstIndex(of: "-m")! + 1]
            #expect(try repo.commits(holding: text) == 1, "\(text) landed once")
        }
        #expect(try repo.statusOfC() == "draft")
        #expect(try repo.invariantViolations(readable: [a, b, c]).isEmpty)
        #expect(try repo.recoveredViolations().isEmpty, "nothing staged, changed or left over")
        #expect(FaultRepository.savedTexts(in: repo).isEmpty, "no text left saved")
    }
}

/// Locks that are in the way, and texts refused before committing.
@Suite struct LockAndTextTests {
    @Test func aStaleIndexLockStopsTheCommandBeforeItCommitsAndSaysWhatToDo() throws {
        for lock in [".git/index.lock", ".git/refs/heads/main.lock"] {
            let repo = try FaultRepository()
            let head = try repo.fixture.git(["rev-parse", "HEAD"])
            try repo.fixture.write(lock, "")
            // Left by a git process killed a minute ago.
            let past = Date().addingTimeInterval(-60)
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: repo.path + "/" + lock)
            let started = Date()
            let failed = try repo.coe(["comment", FaultRepository.a, "-m", "Behind a stale lock."], as: ("Rae Reviewer", "rae@example.com"),
                                      minute: 1)
            #expect(Date().timeIntervalSince(started) < 5, "an old lock is reported at once")
            #expect(failed.status == 2 && failed.stderr.contains("rm '\(repo.path)/\(lock)'") && failed.stderr.contains("Nothing was committed"),
                    "\(failed.stderr)")
            #expect(try repo.fixture.git(["rev-parse", "HEAD"]) == head, "no commit")
            #expect(FileManager.default.fileExists(atPath: repo.path + "/" + lock), "git's lock is never removed by coe")
            let saved = try #require(repo.savedTexts(holding: "Behind a stale lock.").first)
            #expect(failed.stderr.contains("--file \(saved)"))
            // The user removes it as told and sends the text again: it lands once, and the saved copy goes.
            try FileManager.default.removeItem(atPath: repo.path + "/" + lock)
            let sent = try repo.coe(["comment", FaultRepository.a, "--file", saved], as: ("Rae Reviewer", "rae@example.com"), minute: 2)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(try repo.commits(holding: "Behind a stale lock.") == 1)
            #expect(repo.savedTexts(holding: "Behind a stale lock.").isEmpty)
            #expect(try repo.recoveredViolations().isEmpty)
        }
    }

    @Test func aLockFileLeftByAKilledCoeIsNoObstacle() throws {
        let repo = try FaultRepository()
        // What the old lock left when killed between creating and writing it: an empty file.
        try repo.fixture.write(".git/coe/workflow.lock", "")
        let started = Date()
        let made = try repo.coe(["comment", FaultRepository.a, "-m", "No wait."], as: ("Rae Reviewer", "rae@example.com"), minute: 1)
        #expect(made.status == 0 && Date().timeIntervalSince(started) < 5, "\(made.stderr)")
    }

    @Test func aLockHeldByALiveCommandIsWaitedForThenNamed() throws {
        let repo = try FaultRepository()
        let held = try WorkflowLock.acquire(in: repo.path + "/.git/", patience: 1)
        defer { held.release() }
        let workspace = try Workspace(at: repo.path)
        var workflow = try Workflow(workspace: workspace, environment: FaultRepository.identity("Rae Reviewer", "rae@example.com", minute: 1))
        workflow.patience = 0.3
        #expect {
            try workflow.comment(FaultRepository.a, text: "Waiting.")
        } throws: { error in
            "\(error)".contains("another coe command (pid \(getpid()) on ") && "\(error)".contains("your text is saved in")
        }
    }

    @Test func emptyTextAndSecretsAreRefusedBeforeCommitting() throws {
        let repo = try FaultRepository()
        let head = try repo.fixture.git(["rev-parse", "HEAD"])
        for text in ["", "  \n "] {
            let empty = try repo.coe(["comment", FaultRepository.a, "-m", text], as: ("Rae Reviewer", "rae@example.com"), minute: 1)
            #expect(empty.status == 2 && empty.stderr.contains("empty text"), "\(empty.stderr)")
        }
        let secret = "The deploy used AKIAIOSFODNN7EXAMPLE as its key."
        let refused = try repo.coe(["comment", FaultRepository.a, "-m", secret], as: ("Rae Reviewer", "rae@example.com"), minute: 2)
        #expect(refused.status == 1 && refused.stderr.contains("[B6]") && refused.stderr.contains("an AWS access key id"), "\(refused.stderr)")
        #expect(refused.stderr.contains("your text is saved in"), "the words are kept, to send again without the key")
        // A key broken up by a zero-width space, or written in full-width letters, is the same key (B6's own fold).
        for disguised in ["The deploy used AKIA\u{200B}IOSFODNN7EXAMPLE.", "The deploy used \u{FF21}\u{FF2B}\u{FF29}\u{FF21}IOSFODNN7EXAMPLE."] {
            let hidden = try repo.coe(["comment", FaultRepository.a, "-m", disguised], as: ("Rae Reviewer", "rae@example.com"), minute: 2)
            #expect(hidden.status == 1 && hidden.stderr.contains("an AWS access key id"), "\(hidden.stderr)")
        }
        let approval = try repo.coe(["approve", FaultRepository.b, "-m", "ok: password=correct-horse-battery"], as: ("Sam Second", "sam@example.com"),
                                    minute: 3)
        #expect(approval.status == 1 && approval.stderr.contains("[B6]"), "\(approval.stderr)")
        #expect(try repo.fixture.git(["rev-parse", "HEAD"]) == head, "nothing committed")
        #expect(try repo.recoveredViolations().isEmpty)
    }

    @Test func theEditorDoesNotOpenForACOEThatCannotTakeTheComment() throws {
        let repo = try FaultRepository()
        try repo.fixture.write("coes/\(FaultRepository.a)/coe.yaml", "id: [unclosed\n")
        try repo.fixture.git(["commit", "-q", "-am", "Break A"],
                             environment: FaultRepository.identity("Casey Author", "casey@example.com", minute: 1))
        let marker = repo.path + "/../editor-opened-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let failed = try repo.coe(["comment", FaultRepository.a], as: ("Rae Reviewer", "rae@example.com"), minute: 2,
                                  environment: ["GIT_EDITOR": "touch '\(marker)'; true"])
        #expect(failed.status == 1 && failed.stderr.contains("cannot be read at HEAD"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker), "the editor was not opened")
    }

    @Test func theEditorsTextIsSavedAsSoonAsTheEditorCloses() throws {
        let repo = try FaultRepository()
        let editor = repo.path + "/../editor-\(UUID().uuidString).sh"
        try "#!/bin/sh\nprintf 'Written in the editor, then killed.\\n' > \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        try run("/bin/chmod", ["+x", editor], in: repo.path)
        defer { try? FileManager.default.removeItem(atPath: editor) }
        let killed = try repo.coe(["comment", FaultRepository.a], as: ("Rae Reviewer", "rae@example.com"), minute: 1,
                                  environment: ["GIT_EDITOR": editor, "COE_FAULT_KILL_AT": "start"])
        #expect(killed.status != 0)
        #expect(repo.savedTexts(holding: "Written in the editor, then killed.").count == 1)
    }
}

extension FaultRepository {
    static func savedTexts(in repo: FaultRepository) -> [String] {
        let folder = repo.path + "/.git/coe/unsent"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
    }
}

/// Collects messages from concurrent work.
final class MessageBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ value: String) { lock.lock(); list.append(value); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
