import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finishes or undoes a workflow command that was interrupted (killed, or the machine stopped), from
/// the journal it left. Every workflow command runs it once it holds the workflow lock, before building
/// its own commit; `coe recover` runs only it.
///
/// The branch move is the commit point. When the branch's tree has the commit's changes (the move was
/// made, or the user removed coe's lock and committed the staged record themselves), the command is
/// finished: index entries and work-tree files still as they were before are brought to the commit,
/// and the saved text is removed. Otherwise it is undone: the index entries and files it wrote are put
/// back to what the branch has, and the saved text stays for the user to send again. Either way git's locks the command still held
/// are removed (recognised by identity, never by name), then its temporary files and the journal.
struct Recovery {
    let repository: Repository
    let workTree: String
    let folder: WorkflowFolder
    var patience: TimeInterval

    /// What was found and done, in words for the user; empty when nothing was interrupted.
    func run() throws -> [String] {
        let (found, unreadable) = try Journal.load(from: folder)
        var notes: [String] = []
        if let unreadable { notes.append("a coe journal that could not be read was set aside as \(unreadable)") }
        if var journal = found {
            notes += try recover(&journal)
            Journal.remove(from: folder)
        }
        cleanTemporaries()
        return notes
    }

    private func recover(_ journal: inout Journal) throws -> [String] {
        GitLock.release(repository.referenceFile(journal.branch) + ".lock", ifItIs: journal.referenceIdentity)
        GitLock.release(repository.indexFilePath + ".lock", ifItIs: journal.indexIdentity)
        for change in journal.changes { removeSideTemporaries(of: change.path) }
        let tree = try repository.referenceTarget(journal.branch).map { try repository.commit($0).tree }
        func committed(_ path: String) throws -> TreeEntry? { try tree.flatMap { try repository.entry(atPath: path, inTree: $0) } }
        let landed = try journal.changes.allSatisfy { try committed($0.path)?.id.hex == $0.new }
        let commit = String(journal.commit.prefix(8))

        // The index first, then the work tree: the order the command itself follows.
        for _ in 0..<20 {
            let swap = try IndexSwap(repository: repository, folder: folder)
            var edited = false
            for change in journal.changes where !swap.index.isConflicted(change.path) {
                let staged = swap.index.entry(change.path)?.id.hex
                if landed, staged == change.old, let new = ObjectID(hex: change.new) {
                    try swap.index.set(change.path, id: new, size: try repository.objectSize(new))
                    edited = true
                } else if !landed, staged == change.new {
                    if let entry = try committed(change.path) {
                        try swap.index.set(change.path, id: entry.id, mode: entry.mode, size: try repository.objectSize(entry.id))
                    } else {
                        try swap.index.remove(change.path)
                    }
                    edited = true
                }
            }
            guard edited else { swap.discard(); break }
            journal.indexCopy = swap.index.path
            journal.indexIdentity = try swap.seal()
            try journal.save(in: folder)
            if try swap.take(patience: patience) {
                try swap.install()
                swap.discard()
                break
            }
            swap.discard()
        }

        // Then the work tree: a file still as the other side has it is brought to this side; one the
        // user changed since is left alone, and said so.
        var notes: [String] = []
        for change in journal.changes {
            let file = workTree + "/" + change.path
            let onDisk = try DurableFiles.read(file).map { try repository.hashBlob($0) }?.hex
            let (from, to) = landed ? (change.old, Optional(change.new)) : (change.new, try committed(change.path)?.id.hex)
            if onDisk == to { continue }
            if onDisk == from, let to, let id = ObjectID(hex: to) {
                try WorkTreeFiles.write(change.path, try repository.blob(id), in: workTree, folder: folder)
            } else if onDisk == from, to == nil {
                unlink(file)
            } else {
                notes.append("\(change.path) differs from \(landed ? "commit \(commit)" : "HEAD") and was left as it is (git diff \(change.path))")
            }
        }
        guard landed else {
            var note = "an interrupted coe command made no commit; nothing of it is left in the index or the work tree"
            if let text = journal.text, FileManager.default.fileExists(atPath: text) {
                note += "; its text is saved in \(text): send it again with --file \(text)"
            }
            return [note] + notes
        }
        if let text = journal.text { unlink(text) }
        return ["an interrupted coe command's commit \(commit) had landed; the index and the work tree now match it"] + notes
    }

    /// Temporary files of the command that held the lock before: only the holder writes in `tmp/`, so
    /// all of it is left over; texts being saved (written outside the lock) only when their process is gone.
    private func cleanTemporaries() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.temporary)) ?? [] {
            unlink(folder.temporary + "/" + name)
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.unsent)) ?? [] where name.hasPrefix(".") {
            if let pid = PendingText.writer(ofPartial: name), !DurableFiles.isAlive(pid) {
                unlink(folder.unsent + "/" + name)
            }
        }
    }

    /// Where the work tree is on another file system than the git directory, a file is written beside
    /// its place under a hidden name (WorkTreeFiles); one left by a killed command goes.
    private func removeSideTemporaries(of path: String) {
        let file = workTree + "/" + path
        let folderPath = (file as NSString).deletingLastPathComponent
        let prefix = WorkTreeFiles.sidePrefix((file as NSString).lastPathComponent)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? [] where name.hasPrefix(prefix) {
            unlink(folderPath + "/" + name)
        }
    }
}

/// Writing the commit's files into the work tree, each in one step (a rename), so that a COE folder
/// never holds a half-written file or a temporary one that would make it unreadable.
enum WorkTreeFiles {
    static func write(_ path: String, _ bytes: [UInt8], in workTree: String, folder: WorkflowFolder) throws {
        let file = workTree + "/" + path
        let parent = (file as NSString).deletingLastPathComponent
        try DurableFiles.makeFolder(parent)
        var status = stat()
        // An existing file keeps its permissions; a new one gets the user's umask (open applies it).
        let mode: mode_t = stat(file, &status) == 0 ? status.st_mode & 0o7777 : 0o666
        var temporary = folder.temporaryFile("file")
        try DurableFiles.create(temporary, bytes, mode: mode, durable: false)
        if rename(temporary, file) == 0 { return }
        guard errno == EXDEV else {
            let error = DurableFiles.failure("rename \(temporary) to \(file)")
            unlink(temporary)
            throw error
        }
        // Another file system: written beside its place under a hidden name, then renamed.
        unlink(temporary)
        temporary = parent + "/" + sidePrefix((file as NSString).lastPathComponent) + "\(getpid())"
        try DurableFiles.replace(file, with: bytes, temporary: temporary, durable: false)
    }

    /// The hidden name's start for a file written beside `name`.
    static func sidePrefix(_ name: String) -> String { ".\(name).coe-tmp-" }
}
