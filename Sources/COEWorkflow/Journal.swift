import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workflow's files under `<git dir>/coe/`.
struct WorkflowFolder {
    let path: String

    init(gitDirectory: String) { path = gitDirectory + "coe" }

    /// Held (with `flock`) while a command commits.
    var lock: String { path + "/workflow.lock" }
    var owner: String { path + "/workflow.owner" }
    /// What the command holding the lock is doing, until its commit has landed and the work tree caught up.
    var journal: String { path + "/journal" }
    /// Files being prepared: only the lock holder writes here, so anything found by the next holder is left over.
    var temporary: String { path + "/tmp" }
    /// Texts saved before their command ran (PendingText).
    var unsent: String { path + "/unsent" }

    /// A new name in the temporary folder.
    func temporaryFile(_ label: String) -> String {
        "\(temporary)/\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// The record of a workflow commit under way, written (whole, fsynced) before git's locks are taken and
/// removed once the commit has landed and the index, the work tree and the saved text agree with it.
///
/// A journal found by the next command means the one that wrote it was interrupted; `Recovery` reads it
/// to finish that command (its commit landed) or undo it (it did not).
struct Journal: Codable {
    /// One file the commit changes.
    struct Change: Codable {
        let path: String
        /// The blob HEAD had at `path` before (nil: a new file).
        let old: String?
        /// The blob the commit has.
        let new: String
    }

    var pid: Int32 = getpid()
    let branch: String
    let base: String
    let commit: String
    let changes: [Change]
    /// The saved copy of the user's text (PendingText), removed once the commit has landed.
    let text: String?
    /// The prepared index and branch files, and their identities: git's lock file with the same identity is
    /// this command's (it was made by hard-linking that very file), anyone else's otherwise.
    var indexCopy: String?
    var indexIdentity: DurableFiles.Identity?
    var referenceCopy: String?
    var referenceIdentity: DurableFiles.Identity?

    func save(in folder: WorkflowFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let bytes = Array(try encoder.encode(self)) + [0x0A]
        try DurableFiles.replace(folder.journal, with: bytes, temporary: folder.temporaryFile("journal"), durable: true)
    }

    /// The journal left in `folder`, nil when there is none. One that cannot be read (written by
    /// another version) is set aside, and said so.
    static func load(from folder: WorkflowFolder) throws -> (journal: Journal?, unreadable: String?) {
        guard let bytes = try DurableFiles.read(folder.journal) else { return (nil, nil) }
        if let journal = try? JSONDecoder().decode(Journal.self, from: Data(bytes)) { return (journal, nil) }
        let aside = folder.journal + ".unreadable-\(Int(Date().timeIntervalSince1970))"
        rename(folder.journal, aside)
        return (nil, aside)
    }

    static func remove(from folder: WorkflowFolder) {
        unlink(folder.journal)
        DurableFiles.syncFolder(of: folder.journal)
    }
}

/// Marks for fault-injection tests (scripts/faults.sh, FaultTests). When `COE_FAULT_LOG` names a file,
/// each step of a workflow command appends `<pid> <step>` to it, so that a test that kills the process
/// at a random moment knows how far it got (appending needs no fsync: the page cache outlives a killed
/// process). When `COE_FAULT_KILL_AT` names a step, the process sends itself SIGKILL there.
enum FaultLog {
    private static let descriptor: Int32 = {
        guard let path = ProcessInfo.processInfo.environment["COE_FAULT_LOG"], !path.isEmpty else { return -1 }
        return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }()
    private static let killAt = ProcessInfo.processInfo.environment["COE_FAULT_KILL_AT"]

    /// The steps, in order: `start` (a text command began), `saved` (its text is on disk), `locked`,
    /// `journal`, `index` (renamed into place), `worktree` (its files written), `branch` (moved: the
    /// commit point), `done`.
    static let steps = ["start", "saved", "locked", "journal", "index", "worktree", "branch", "done"]

    static func mark(_ step: String) {
        if descriptor >= 0 {
            let line = Array("\(getpid()) \(step)\n".utf8)
            _ = line.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
        }
        if let killAt, killAt == step { kill(getpid(), SIGKILL) }
    }
}
